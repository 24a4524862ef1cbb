// GET /api/me: identity state and the home tiles of the role.
import assert from "node:assert/strict";
import {
  addRegistryPerson,
  apiTest,
  get,
  post,
  randomIdNumber,
  signIn,
} from "../../tests/helpers.ts";
import { approvedCompany, declared, member } from "../../tests/companies-fixtures.ts";

apiTest("GET /api/me of an unverified user has no tiles", async () => {
  const s = await signIn();
  const me = await (await get("/api/me", s.accessToken)).json();
  assert.deepEqual(me.identity, { status: "unverified", name: null, source: null });
  assert.equal(me.role, "unverified");
  assert.deepEqual(me.tiles, []);
});

apiTest(
  "GET /api/me of a verified user lists 扫一扫, 单位申报, 入职扫码, 线索举报 in order",
  async () => {
    const s = await signIn();
    await addRegistryPerson({ name: "周杰", idNumber: randomIdNumber(), phone: s.phone });
    assert.equal((await post("/api/identity/sync", {}, s.accessToken)).status, 200);
    const me = await (await get("/api/me", s.accessToken)).json();
    assert.equal(me.role, "verified");
    assert.deepEqual(me.identity, { status: "verified", name: "周杰", source: "registry" });
    assert.deepEqual(me.tiles, [
      { key: "scan", title: "扫一扫" },
      { key: "declare", title: "单位申报" },
      { key: "join", title: "入职扫码" },
      { key: "tips", title: "线索举报" },
    ]);
  },
);

apiTest("GET /api/me masks the phone number", async () => {
  const s = await signIn();
  const me = await (await get("/api/me", s.accessToken)).json();
  assert.equal(me.phoneMasked, s.phone.slice(0, 3) + "****" + s.phone.slice(7));
  assert.ok(!JSON.stringify(me).includes(s.phone));
});

apiTest("GET /api/me of a user with a pending declaration has no 入职扫码 tile", async () => {
  const d = await declared();
  const me = await (await get("/api/me", d.declarant.accessToken)).json();
  assert.equal(me.role, "verified");
  assert.deepEqual(me.tiles.map((t: { key: string }) => t.key), ["scan", "declare", "tips"]);
});

apiTest("GET /api/me tells a dismissed guard once: company and date of 离职", async () => {
  const a = await approvedCompany();
  const guard = await member(a.codeToken);
  const staff = await (await get(`/api/companies/${a.companyId}/staff`, a.admin.accessToken))
    .json();
  const row = staff.items.find((i: { userId: string }) => i.userId === guard.user.id);
  const before = Date.now();
  const dismissed = await post(
    `/api/memberships/${row.membershipId}/dismiss`,
    {},
    a.admin.accessToken,
  );
  assert.equal(dismissed.status, 200);

  const me = await (await get("/api/me", guard.accessToken)).json();
  assert.equal(me.company, null);
  assert.equal(me.notice.kind, "dismissed");
  assert.equal(me.notice.companyName, a.company.name);
  assert.ok(Math.abs(Date.parse(me.notice.at) - before) < 60_000, me.notice.at);

  // seen once: not again, and another user cannot mark it
  const other = await signIn();
  await post(`/api/me/notices/${me.notice.id}/seen`, {}, other.accessToken);
  assert.ok((await (await get("/api/me", guard.accessToken)).json()).notice);
  const seen = await post(`/api/me/notices/${me.notice.id}/seen`, {}, guard.accessToken);
  assert.equal(seen.status, 200);
  assert.equal((await (await get("/api/me", guard.accessToken)).json()).notice, null);
});

apiTest("GET /api/me has no notice after resigning oneself", async () => {
  const a = await approvedCompany();
  const guard = await member(a.codeToken);
  assert.equal((await post("/api/me/resign", {}, guard.accessToken)).status, 200);
  assert.equal((await (await get("/api/me", guard.accessToken)).json()).notice, null);
});
