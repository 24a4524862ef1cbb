// The 单位码: its PNG for the admin only, regeneration killing the old code at once, and joining
// with it (入职扫码), including joining while already in a company.
import assert from "node:assert/strict";
import {
  admin,
  approvedCompany,
  decodeQrPng,
  errorOf,
  get,
  member,
  post,
  qrBase,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { apiTest, signIn } from "../../tests/helpers.ts";

type Active = {
  company_id: string;
  role: string;
  has_guard_certificate: boolean;
};
const activeOf = async (userId: string) =>
  (await admin()<Active[]>`
    select company_id, role::text as role, has_guard_certificate
      from public.memberships where user_id = ${userId} and left_at is null`)
    .map((r) => ({ ...r }));

apiTest(
  "GET /api/companies/:id/code.png is a PNG whose QR decodes to the company link",
  async () => {
    const a = await approvedCompany();
    const res = await get(
      `/api/companies/${a.companyId}/code.png`,
      a.admin.accessToken,
    );
    assert.match(
      res.headers.get("content-disposition") ?? "",
      /filename\*=UTF-8''/,
    );
    assert.equal(
      await decodeQrPng(res),
      `${qrBase()}/q/company/${a.codeToken}`,
    );
  },
);

apiTest(
  "GET /api/companies/:id/code.png by a member or another company's admin answers 403 not_company_admin",
  async () => {
    const a = await approvedCompany();
    const b = await approvedCompany();
    const guard = await member(a.codeToken);
    for (const who of [guard, b.admin, await verifiedUser()]) {
      const res = await get(
        `/api/companies/${a.companyId}/code.png`,
        who.accessToken,
      );
      assert.deepEqual(await errorOf(res), [403, "not_company_admin"]);
    }
  },
);

apiTest(
  "POST /api/companies/:id/code regenerates: the old code is unknown at once, the new one joins",
  async () => {
    const a = await approvedCompany();
    const res = await post(
      `/api/companies/${a.companyId}/code`,
      {},
      a.admin.accessToken,
    );
    assert.deepEqual(await res.json(), { ok: true });
    const newUrl = await decodeQrPng(
      await get(`/api/companies/${a.companyId}/code.png`, a.admin.accessToken),
    );
    assert.notEqual(newUrl, `${qrBase()}/q/company/${a.codeToken}`);
    const u = await verifiedUser();
    const old = await post(
      "/api/companies/join",
      { token: a.codeToken, hasGuardCertificate: false },
      u.accessToken,
    );
    assert.deepEqual(await errorOf(old), [404, "code_unknown"]);
    assert.deepEqual(await activeOf(u.user.id), []);
    const fresh = await post(
      "/api/companies/join",
      { token: newUrl, hasGuardCertificate: false },
      u.accessToken,
    );
    assert.equal(fresh.status, 200);
  },
);

apiTest(
  "POST /api/companies/:id/code by someone other than its admin answers 403 and keeps the code",
  async () => {
    const a = await approvedCompany();
    const b = await approvedCompany();
    const guard = await member(a.codeToken);
    for (const who of [guard, b.admin]) {
      const res = await post(
        `/api/companies/${a.companyId}/code`,
        {},
        who.accessToken,
      );
      assert.deepEqual(await errorOf(res), [403, "not_company_admin"]);
    }
    const [row] =
      await admin()`select token from public.company_codes where company_id = ${a.companyId}`;
    assert.equal(row.token, a.codeToken);
  },
);

apiTest(
  "POST /api/companies/join makes a guard with the 保安证 answer and the guard's tiles",
  async () => {
    const a = await approvedCompany();
    const u = await verifiedUser();
    const res = await post(
      "/api/companies/join",
      {
        token: ` ${qrBase()}/q/company/${a.codeToken}\n`,
        hasGuardCertificate: true,
      },
      u.accessToken,
    );
    assert.equal(res.status, 200);
    const me = await res.json();
    assert.equal(me.role, "guard");
    assert.deepEqual(me.company, {
      id: a.companyId,
      name: a.company.name,
      role: "member",
    });
    assert.deepEqual(me.tiles.map((t: { title: string }) => t.title), [
      "扫一扫",
      "到岗记录",
      "线索举报",
      "离职",
    ]);
    assert.deepEqual(await activeOf(u.user.id), [{
      company_id: a.companyId,
      role: "member",
      has_guard_certificate: true,
    }]);
    const mine = await (await get("/api/companies/mine", u.accessToken)).json();
    assert.equal(mine.membership.companyName, a.company.name);
    assert.equal(mine.membership.hasGuardCertificate, true);
    assert.equal(mine.declaration, null);
  },
);

apiTest(
  "POST /api/companies/join while already in a company answers 409 already_in_company",
  async () => {
    const a = await approvedCompany();
    const b = await approvedCompany();
    const guard = await member(a.codeToken);
    const res = await post(
      "/api/companies/join",
      { token: b.codeToken, hasGuardCertificate: true },
      guard.accessToken,
    );
    assert.deepEqual(await errorOf(res), [409, "already_in_company"]);
    assert.deepEqual((await activeOf(guard.user.id)).map((m) => m.company_id), [
      a.companyId,
    ]);
    const self = await post(
      "/api/companies/join",
      { token: b.codeToken, hasGuardCertificate: false },
      a.admin.accessToken,
    );
    assert.deepEqual(await errorOf(self), [409, "already_in_company"]);
  },
);

apiTest(
  "POST /api/companies/join twice at once to two companies: exactly one wins",
  async () => {
    const a = await approvedCompany();
    const b = await approvedCompany();
    const u = await verifiedUser();
    const results = await Promise.all(
      [a, b].map((c) =>
        post("/api/companies/join", {
          token: c.codeToken,
          hasGuardCertificate: true,
        }, u.accessToken)
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    for (const r of results) await r.body?.cancel();
    assert.equal((await activeOf(u.user.id)).length, 1);
  },
);

apiTest(
  "POST /api/companies/join with an unknown or review code answers 404 code_unknown",
  async () => {
    const a = await approvedCompany();
    const u = await verifiedUser();
    for (
      const token of [
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        `${qrBase()}/q/review/${a.reviewToken}`,
        `https://evil.example.com/q/company/${a.codeToken}`,
      ]
    ) {
      const res = await post("/api/companies/join", {
        token,
        hasGuardCertificate: true,
      }, u.accessToken);
      assert.deepEqual(await errorOf(res), [404, "code_unknown"], token);
    }
    assert.deepEqual(await activeOf(u.user.id), []);
  },
);

apiTest(
  "POST /api/companies/join by an unverified user answers 403 identity_unverified",
  async () => {
    const a = await approvedCompany();
    const u = await signIn();
    const res = await post(
      "/api/companies/join",
      { token: a.codeToken, hasGuardCertificate: true },
      u.accessToken,
    );
    assert.deepEqual(await errorOf(res), [403, "identity_unverified"]);
    assert.deepEqual(await activeOf(u.user.id), []);
  },
);

apiTest(
  "POST /api/companies/join without the 保安证 answer answers 400 invalid_input",
  async () => {
    const a = await approvedCompany();
    const u = await verifiedUser();
    const res = await post(
      "/api/companies/join",
      { token: a.codeToken },
      u.accessToken,
    );
    assert.deepEqual(await errorOf(res), [400, "invalid_input"]);
    assert.deepEqual(await activeOf(u.user.id), []);
  },
);
