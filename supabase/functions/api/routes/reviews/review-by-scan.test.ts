// GET/POST /api/reviews/:token: only an officer whose department covers the declaration's may
// see and decide it (the station itself, its 分局, the city bureau); everyone else is refused
// and nothing changes.
import assert from "node:assert/strict";
import {
  admin,
  declared,
  departmentId,
  errorOf,
  get,
  officer,
  post,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { apiTest } from "../../tests/helpers.ts";

const stateOf = async (id: string) => {
  const [row] = await admin()<{ status: string; reviewed_by: string | null }[]>`
    select status::text as status, reviewed_by from public.companies where id = ${id}`;
  const [{ n }] = await admin()`
    select count(*)::int as n from public.memberships where company_id = ${id}`;
  return { ...row, members: n };
};
const untouched = { status: "pending", reviewed_by: null, members: 0 };

for (const dept of ["cz.xb.anjia", "cz.xb", "cz"]) {
  apiTest(
    `GET /api/reviews/:token shows the declaration to an officer of ${dept}`,
    async () => {
      const d = await declared("cz.xb.anjia");
      const police = await officer(dept);
      const res = await get(
        `/api/reviews/${d.reviewToken}`,
        police.accessToken,
      );
      assert.equal(res.status, 200);
      const p = await res.json();
      assert.equal(p.id, d.declarationId);
      assert.equal(p.companyName, d.company.name);
      assert.equal(p.creditCode, d.company.code);
      assert.equal(p.departmentName, "新北分局 安家派出所");
      assert.equal(p.contactPhone, d.declarant.phone);
      assert.equal(p.status, "pending");
      assert.equal(typeof p.declarantName, "string");
    },
  );
}

apiTest(
  "POST /api/reviews/:token approves: the declarant becomes the company admin with its tiles",
  async () => {
    const d = await declared();
    const police = await officer("cz.xb.anjia");
    const res = await post(
      `/api/reviews/${d.reviewToken}`,
      { approve: true },
      police.accessToken,
    );
    assert.deepEqual(await res.json(), { ok: true });
    assert.deepEqual(await stateOf(d.declarationId), {
      status: "approved",
      reviewed_by: police.user.id,
      members: 1,
    });
    const me = await (await get("/api/me", d.declarant.accessToken)).json();
    assert.equal(me.role, "company_admin");
    assert.deepEqual(me.company, {
      id: d.declarationId,
      name: d.company.name,
      role: "admin",
    });
    assert.deepEqual(me.tiles.map((t: { title: string }) => t.title), [
      "扫一扫",
      "单位码",
      "人员名单",
      "巡区管理",
      "到岗记录",
      "线索举报",
    ]);
  },
);

apiTest("GET /api/me of an officer has the police role and tiles", async () => {
  const police = await officer("cz.tn");
  const me = await (await get("/api/me", police.accessToken)).json();
  assert.equal(me.role, "police");
  assert.deepEqual(me.tiles, [
    { key: "scan", title: "扫一扫" },
    { key: "reviews", title: "单位审核" },
    { key: "tipInbox", title: "线索处理" },
    { key: "tips", title: "线索举报" },
  ]);
  assert.equal(me.company, null);
});

apiTest(
  "GET and POST /api/reviews/:token by a non-officer answer 403 not_police and change nothing",
  async () => {
    const d = await declared();
    const citizen = await verifiedUser();
    for (const who of [citizen, d.declarant]) {
      assert.deepEqual(
        await errorOf(
          await get(`/api/reviews/${d.reviewToken}`, who.accessToken),
        ),
        [
          403,
          "not_police",
        ],
      );
      const res = await post(
        `/api/reviews/${d.reviewToken}`,
        { approve: true },
        who.accessToken,
      );
      assert.deepEqual(await errorOf(res), [403, "not_police"]);
    }
    assert.deepEqual(await stateOf(d.declarationId), untouched);
  },
);

for (const dept of ["cz.xb.sanjing", "cz.tn", "cz.tn.lanling"]) {
  apiTest(
    `GET and POST /api/reviews/:token by an officer of ${dept} answer 403 out_of_scope`,
    async () => {
      const d = await declared("cz.xb.anjia");
      const police = await officer(dept);
      const seen = await get(
        `/api/reviews/${d.reviewToken}`,
        police.accessToken,
      );
      assert.deepEqual(await errorOf(seen), [403, "out_of_scope"]);
      const res = await post(
        `/api/reviews/${d.reviewToken}`,
        { approve: true },
        police.accessToken,
      );
      assert.deepEqual(await errorOf(res), [403, "out_of_scope"]);
      assert.deepEqual(await stateOf(d.declarationId), untouched);
    },
  );
}

apiTest(
  "GET and POST /api/reviews/:token of an unknown token answer 404 code_unknown",
  async () => {
    const police = await officer("cz");
    for (
      const token of [
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "short",
        "not a token",
      ]
    ) {
      const path = `/api/reviews/${encodeURIComponent(token)}`;
      assert.deepEqual(await errorOf(await get(path, police.accessToken)), [
        404,
        "code_unknown",
      ]);
      const res = await post(path, { approve: true }, police.accessToken);
      assert.deepEqual(await errorOf(res), [404, "code_unknown"]);
    }
  },
);

apiTest(
  "POST /api/reviews/:token rejecting without a reason answers 400 reason_required",
  async () => {
    const d = await declared();
    const police = await officer("cz.xb.anjia");
    for (
      const body of [{ approve: false }, { approve: false, reason: "   " }]
    ) {
      const res = await post(
        `/api/reviews/${d.reviewToken}`,
        body,
        police.accessToken,
      );
      assert.deepEqual(await errorOf(res), [400, "reason_required"]);
    }
    assert.deepEqual(await stateOf(d.declarationId), untouched);
  },
);

apiTest(
  "POST /api/reviews/:token rejects with a reason; a second decision answers 409 already_reviewed",
  async () => {
    const d = await declared();
    const police = await officer("cz.xb");
    const res = await post(
      `/api/reviews/${d.reviewToken}`,
      { approve: false, reason: "营业执照信息不一致" },
      police.accessToken,
    );
    assert.equal(res.status, 200);
    const again = await post(
      `/api/reviews/${d.reviewToken}`,
      { approve: true },
      police.accessToken,
    );
    assert.deepEqual(await errorOf(again), [409, "already_reviewed"]);
    assert.deepEqual(await stateOf(d.declarationId), {
      status: "rejected",
      reviewed_by: police.user.id,
      members: 0,
    });
    const me = await (await get("/api/me", d.declarant.accessToken)).json();
    assert.equal(me.role, "verified");
  },
);

apiTest("POST /api/reviews/:token by the declarant himself answers 403 self_review", async () => {
  const d = await declared();
  // the declarant is (or later becomes) an officer of the covering 分局
  await admin()`insert into public.police_officers (user_id, department_id)
                values (${d.declarant.user.id}, ${await departmentId("cz.xb")})`;
  const res = await post(
    `/api/reviews/${d.reviewToken}`,
    { approve: true },
    d.declarant.accessToken,
  );
  assert.deepEqual(await errorOf(res), [403, "self_review"]);
  const [row] = await admin()`select status::text as status from public.companies
                              where id = ${d.declarationId}`;
  assert.equal(row.status, "pending");
});
