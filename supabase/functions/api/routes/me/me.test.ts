// GET /api/me: identity state, the home tiles of the role, and the zone and open shift.
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
import { clockOk, createZone, send } from "../../tests/zones-fixtures.ts";

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

apiTest(
  "GET /api/me of a guard says their zone and open shift; a zone admin gets 巡区管理 after 扫一扫",
  async () => {
    const a = await approvedCompany();
    const zone = await createZone(a);
    const guard = await member(a.codeToken);
    const meOf = async () => await (await get("/api/me", guard.accessToken)).json();

    const before = await meOf();
    assert.deepEqual([before.zone, before.openShift], [null, null]);
    assert.deepEqual(before.tiles.map((t: { key: string }) => t.key), [
      "scan",
      "attendance",
      "tips",
      "resign",
    ]);

    const on = await clockOk(guard.accessToken, { code: zone.code });
    const onDuty = await meOf();
    assert.deepEqual(onDuty.zone, {
      id: zone.id,
      name: zone.name,
      isAdmin: false,
    });
    assert.deepEqual(onDuty.openShift, {
      id: on.shift.id,
      zoneId: zone.id,
      zoneName: zone.name,
      onAt: new Date(on.shift.onAt).toISOString(),
    });
    assert.ok(!onDuty.tiles.some((t: { key: string }) => t.key === "zones"));

    const granted = await send(
      "PUT",
      `/api/zones/${zone.id}/admins/${guard.user.id}`,
      a.admin.accessToken,
    );
    assert.equal(granted.status, 200);
    const lead = await meOf();
    assert.equal(lead.role, "guard");
    assert.equal(lead.zone.isAdmin, true);
    assert.deepEqual(lead.tiles, [
      { key: "scan", title: "扫一扫" },
      { key: "zones", title: "巡区管理" },
      { key: "attendance", title: "到岗记录" },
      { key: "tips", title: "线索举报" },
      { key: "resign", title: "离职" },
    ]);
    // the Me of a write (离职, in the write's own transaction) is read by the same SQL
    const left = await (await post("/api/me/resign", {}, guard.accessToken))
      .json();
    assert.deepEqual([left.zone, left.openShift, left.role], [
      null,
      null,
      "verified",
    ]);
  },
);

apiTest(
  "GET /api/me of a company admin keeps its tiles; a deleted zone is no zone",
  async () => {
    const a = await approvedCompany();
    const zone = await createZone(a);
    await clockOk(a.admin.accessToken, { code: zone.code });
    const me = await (await get("/api/me", a.admin.accessToken)).json();
    assert.equal(me.zone.id, zone.id);
    assert.equal(
      me.tiles.filter((t: { key: string }) => t.key === "zones").length,
      1,
    );
    assert.equal(
      (await send("DELETE", `/api/zones/${zone.id}`, a.admin.accessToken))
        .status,
      200,
    );
    const after = await (await get("/api/me", a.admin.accessToken)).json();
    assert.deepEqual([after.zone, after.openShift], [null, null]);
  },
);
