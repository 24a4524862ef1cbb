// 人员名单, 离职 by the admin and by oneself: who sees whom, search, keyset pages, and the
// refusals (oneself, another company's member), each of which changes nothing.
import assert from "node:assert/strict";
import {
  admin,
  approvedCompany,
  errorOf,
  get,
  member,
  post,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { apiTest, signIn } from "../../tests/helpers.ts";

type Staff = {
  membershipId: string;
  userId: string;
  name: string;
  phone: string;
  role: string;
};

const staff = async (companyId: string, token: string, qs = "") => {
  const res = await get(`/api/companies/${companyId}/staff${qs}`, token);
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json() as { items: Staff[]; nextCursor: string | null };
};

const leftOf = async (membershipId: string) =>
  (await admin()`select left_at, left_reason from public.memberships where id = ${membershipId}`)[
    0
  ];

apiTest(
  "GET /api/companies/:id/staff lists active staff newest first, the admin tagged, full phones",
  async () => {
    const a = await approvedCompany();
    const g1 = await member(a.codeToken, "王小明");
    const g2 = await member(a.codeToken, "李大壮");
    const { items, nextCursor } = await staff(a.companyId, a.admin.accessToken);
    assert.deepEqual(items.map((s) => s.userId), [
      g2.user.id,
      g1.user.id,
      a.admin.user.id,
    ]);
    assert.deepEqual(items.map((s) => s.role), ["member", "member", "admin"]);
    assert.equal(items[0].name, "李大壮");
    assert.equal(items[0].phone, g2.phone);
    assert.equal(nextCursor, null);
    assert.ok(!JSON.stringify(items).match(/idNumber|id_number|face/));
  },
);

apiTest(
  "GET /api/companies/:id/staff?q= finds by name and by phone",
  async () => {
    const a = await approvedCompany();
    const g1 = await member(a.codeToken, "赵铁柱");
    await member(a.codeToken, "钱多多");
    const byName = await staff(
      a.companyId,
      a.admin.accessToken,
      `?q=${encodeURIComponent("铁柱")}`,
    );
    assert.deepEqual(byName.items.map((s) => s.userId), [g1.user.id]);
    const byPhone = await staff(
      a.companyId,
      a.admin.accessToken,
      `?q=${g1.phone.slice(3, 9)}`,
    );
    assert.deepEqual(byPhone.items.map((s) => s.userId), [g1.user.id]);
    const none = await staff(
      a.companyId,
      a.admin.accessToken,
      `?q=${encodeURIComponent("不存在")}`,
    );
    assert.deepEqual(none.items, []);
  },
);

apiTest(
  "GET /api/companies/:id/staff pages by keyset: limit=1 walks everyone once",
  async () => {
    const a = await approvedCompany();
    for (let i = 0; i < 3; i++) await member(a.codeToken);
    const whole = await staff(a.companyId, a.admin.accessToken);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Staff[]; nextCursor: string | null } = await staff(
        a.companyId,
        a.admin.accessToken,
        `?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
      );
      assert.ok(page.items.length <= 1);
      seen.push(...page.items.map((s) => s.membershipId));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 4);
    assert.deepEqual(seen, whole.items.map((s) => s.membershipId));
  },
);

apiTest(
  "GET /api/companies/:id/staff by a member or another company's admin answers 403 not_company_admin",
  async () => {
    const a = await approvedCompany();
    const b = await approvedCompany();
    const guard = await member(a.codeToken);
    for (const who of [guard, b.admin, await signIn()]) {
      const res = await get(
        `/api/companies/${a.companyId}/staff`,
        who.accessToken,
      );
      assert.deepEqual(await errorOf(res), [403, "not_company_admin"]);
    }
  },
);

apiTest(
  "POST /api/memberships/:id/dismiss ends a member: gone from the list, role back",
  async () => {
    const a = await approvedCompany();
    const guard = await member(a.codeToken);
    const { items } = await staff(a.companyId, a.admin.accessToken);
    const target = items.find((s) => s.userId === guard.user.id)!;
    const res = await post(
      `/api/memberships/${target.membershipId}/dismiss`,
      {},
      a.admin.accessToken,
    );
    assert.deepEqual(await res.json(), { ok: true });
    assert.equal((await leftOf(target.membershipId)).left_reason, "dismissed");
    const after = await staff(a.companyId, a.admin.accessToken);
    assert.ok(!after.items.some((s) => s.userId === guard.user.id));
    const me = await (await get("/api/me", guard.accessToken)).json();
    assert.deepEqual([me.role, me.company], ["verified", null]);
    const again = await post(
      `/api/memberships/${target.membershipId}/dismiss`,
      {},
      a.admin.accessToken,
    );
    assert.deepEqual(await errorOf(again), [404, "membership_not_found"]);
  },
);

apiTest(
  "POST /api/memberships/:id/dismiss of oneself answers 409 cannot_dismiss_self and changes nothing",
  async () => {
    const a = await approvedCompany();
    const { items } = await staff(a.companyId, a.admin.accessToken);
    const self = items.find((s) => s.role === "admin")!;
    const res = await post(
      `/api/memberships/${self.membershipId}/dismiss`,
      {},
      a.admin.accessToken,
    );
    assert.deepEqual(await errorOf(res), [409, "cannot_dismiss_self"]);
    assert.equal((await leftOf(self.membershipId)).left_at, null);
  },
);

apiTest(
  "POST /api/memberships/:id/dismiss of another company's member answers 404 membership_not_found, as an unknown id",
  async () => {
    const a = await approvedCompany();
    const b = await approvedCompany();
    await member(b.codeToken);
    const { items } = await staff(b.companyId, b.admin.accessToken);
    for (const target of items) {
      const res = await post(
        `/api/memberships/${target.membershipId}/dismiss`,
        {},
        a.admin.accessToken,
      );
      assert.deepEqual(await errorOf(res), [404, "membership_not_found"]);
      assert.equal((await leftOf(target.membershipId)).left_at, null);
    }
    const guard = await member(a.codeToken);
    const byGuard = await post(
      `/api/memberships/${items[0].membershipId}/dismiss`,
      {},
      guard.accessToken,
    );
    assert.deepEqual(await errorOf(byGuard), [404, "membership_not_found"]);
  },
);

apiTest(
  "POST /api/memberships/:id/dismiss of an unknown id answers 404 membership_not_found",
  async () => {
    const a = await approvedCompany();
    const res = await post(
      `/api/memberships/${crypto.randomUUID()}/dismiss`,
      {},
      a.admin.accessToken,
    );
    assert.deepEqual(await errorOf(res), [404, "membership_not_found"]);
  },
);

apiTest(
  "POST /api/me/resign ends the guard's membership and answers Me",
  async () => {
    const a = await approvedCompany();
    const guard = await member(a.codeToken);
    const res = await post("/api/me/resign", {}, guard.accessToken);
    assert.equal(res.status, 200);
    const me = await res.json();
    assert.deepEqual([me.role, me.company], ["verified", null]);
    const [row] = await admin()`
    select left_reason from public.memberships where user_id = ${guard.user.id}`;
    assert.equal(row.left_reason, "resigned");
    const { items } = await staff(a.companyId, a.admin.accessToken);
    assert.ok(!items.some((s) => s.userId === guard.user.id));
  },
);

apiTest(
  "POST /api/me/resign by the only admin answers 409 admin_cannot_resign",
  async () => {
    const a = await approvedCompany();
    const res = await post("/api/me/resign", {}, a.admin.accessToken);
    assert.deepEqual(await errorOf(res), [409, "admin_cannot_resign"]);
    const me = await (await get("/api/me", a.admin.accessToken)).json();
    assert.equal(me.role, "company_admin");
  },
);

apiTest(
  "POST /api/me/resign without a company answers 409 not_in_company",
  async () => {
    const res = await post(
      "/api/me/resign",
      {},
      (await verifiedUser()).accessToken,
    );
    assert.deepEqual(await errorOf(res), [409, "not_in_company"]);
  },
);

apiTest("GET /api/openapi.json documents the company routes", async () => {
  const doc = await (await get("/api/openapi.json")).json();
  for (
    const [method, path] of [
      ["get", "/api/registry-companies"],
      ["post", "/api/companies"],
      ["get", "/api/companies/mine"],
      ["get", "/api/companies/mine/review-qr.png"],
      ["get", "/api/reviews/{token}"],
      ["post", "/api/reviews/{token}"],
      ["get", "/api/companies/{id}/code.png"],
      ["post", "/api/companies/{id}/code"],
      ["post", "/api/scan"],
      ["post", "/api/companies/join"],
      ["get", "/api/companies/{id}/staff"],
      ["post", "/api/memberships/{id}/dismiss"],
      ["post", "/api/me/resign"],
    ]
  ) assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
});
