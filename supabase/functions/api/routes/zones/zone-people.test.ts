// 巡区人员, 设为巡区管理员 / 取消授权 and 移交 through the API, and what a zone admin may do: only
// their own zone, members by search only, no deleting and no granting.
import assert from "node:assert/strict";
import {
  admin,
  approvedCompany,
  errorOf,
  get,
  member,
  post,
} from "../../tests/companies-fixtures.ts";
import { apiTest } from "../../tests/helpers.ts";
import { clockOk, createZone, send } from "../../tests/zones-fixtures.ts";

async function zoneWithPeople() {
  const a = await approvedCompany();
  const [zone, other] = [await createZone(a), await createZone(a)];
  const [lead, guard, outsider] = [
    await member(a.codeToken),
    await member(a.codeToken),
    await member(a.codeToken),
  ];
  await clockOk(lead.accessToken, { code: zone.code });
  await clockOk(guard.accessToken, { code: zone.code });
  await clockOk(outsider.accessToken, { code: other.code });
  return { a, zone, other, lead, guard, outsider };
}

apiTest(
  "GET /api/zones/:id/members lists and searches the zone's people with masked phones",
  async () => {
    const { a, zone, lead, guard } = await zoneWithPeople();
    const all = await (await get(`/api/zones/${zone.id}/members`, a.admin.accessToken)).json();
    assert.deepEqual(
      all.items.map((m: { userId: string }) => m.userId).sort(),
      [lead.user.id, guard.user.id].sort(),
    );
    const found = await (await get(
      `/api/zones/${zone.id}/members?q=${guard.phone.slice(-4)}`,
      a.admin.accessToken,
    )).json();
    assert.deepEqual(found.items.map((m: { userId: string }) => m.userId), [guard.user.id]);
    assert.equal(
      found.items[0].phoneMasked,
      `${guard.phone.slice(0, 3)}****${guard.phone.slice(7)}`,
    );
    assert.equal(found.items[0].onDuty, true);
    const p1 = await (await get(`/api/zones/${zone.id}/members?limit=1`, a.admin.accessToken))
      .json();
    const p2 = await (await get(
      `/api/zones/${zone.id}/members?limit=1&cursor=${p1.nextCursor}`,
      a.admin.accessToken,
    )).json();
    assert.equal(p2.nextCursor, null);
    assert.notEqual(p1.items[0].userId, p2.items[0].userId);
  },
);

apiTest(
  "PUT/DELETE /api/zones/:id/admins/:userId grant and revoke; only members, only the company admin",
  async () => {
    const { a, zone, lead, guard, outsider } = await zoneWithPeople();
    assert.equal(
      (await send("PUT", `/api/zones/${zone.id}/admins/${lead.user.id}`, a.admin.accessToken))
        .status,
      200,
    );
    const state = await (await get("/api/duty", lead.accessToken)).json();
    assert.deepEqual(state.zone, { id: zone.id, name: zone.name, isAdmin: true });
    assert.deepEqual(
      await errorOf(
        await send("PUT", `/api/zones/${zone.id}/admins/${outsider.user.id}`, a.admin.accessToken),
      ),
      [404, "not_zone_member"],
    );
    assert.deepEqual(
      await errorOf(
        await send("PUT", `/api/zones/${zone.id}/admins/${guard.user.id}`, lead.accessToken),
      ),
      [403, "not_company_admin"],
    );
    assert.equal(
      (await send("DELETE", `/api/zones/${zone.id}/admins/${lead.user.id}`, a.admin.accessToken))
        .status,
      200,
    );
    const rows =
      await admin()`select count(*)::int as n from public.zone_members where zone_id = ${zone.id} and is_admin`;
    assert.equal(rows[0].n, 0);
  },
);

apiTest("a zone admin sees and edits only their zone, and cannot delete it", async () => {
  const { a, zone, other, lead } = await zoneWithPeople();
  await send("PUT", `/api/zones/${zone.id}/admins/${lead.user.id}`, a.admin.accessToken);
  const list = await (await get("/api/zones", lead.accessToken)).json();
  assert.deepEqual(list.items.map((z: { id: string; myRight: string }) => [z.id, z.myRight]), [[
    zone.id,
    "zone_admin",
  ]]);
  assert.equal(
    (await send("PATCH", `/api/zones/${zone.id}`, lead.accessToken, { remark: "管理员改" })).status,
    200,
  );
  assert.deepEqual(
    await errorOf(
      await send("PATCH", `/api/zones/${other.id}`, lead.accessToken, { remark: "越权" }),
    ),
    [403, "not_zone_admin"],
  );
  assert.deepEqual(await errorOf(await get(`/api/zones/${other.id}/records`, lead.accessToken)), [
    403,
    "not_zone_admin",
  ]);
  assert.deepEqual(await errorOf(await get(`/api/zones/${other.id}/code.png`, lead.accessToken)), [
    403,
    "not_zone_admin",
  ]);
  assert.deepEqual(await errorOf(await send("DELETE", `/api/zones/${zone.id}`, lead.accessToken)), [
    403,
    "not_company_admin",
  ]);
  const [o] = await admin()`select remark from public.zones where id = ${other.id}`;
  assert.equal(o.remark, "");
});

apiTest(
  "POST /api/zones/:id/hand-over moves the right to a member; not to a non-member",
  async () => {
    const { a, zone, lead, guard, outsider } = await zoneWithPeople();
    await send("PUT", `/api/zones/${zone.id}/admins/${lead.user.id}`, a.admin.accessToken);
    assert.deepEqual(
      await errorOf(
        await post(
          `/api/zones/${zone.id}/hand-over`,
          { userId: outsider.user.id },
          lead.accessToken,
        ),
      ),
      [404, "not_zone_member"],
    );
    assert.deepEqual(
      await errorOf(
        await post(`/api/zones/${zone.id}/hand-over`, { userId: lead.user.id }, lead.accessToken),
      ),
      [400, "hand_over_self"],
    );
    assert.deepEqual(
      await errorOf(
        await post(`/api/zones/${zone.id}/hand-over`, { userId: lead.user.id }, guard.accessToken),
      ),
      [403, "not_zone_admin"],
    );
    assert.deepEqual(
      await errorOf(
        await post(`/api/zones/${zone.id}/hand-over`, { userId: "x" }, lead.accessToken),
      ),
      [400, "invalid_input"],
    );
    assert.equal(
      (await post(`/api/zones/${zone.id}/hand-over`, { userId: guard.user.id }, lead.accessToken))
        .status,
      200,
    );
    const admins =
      await admin()`select user_id from public.zone_members where zone_id = ${zone.id} and is_admin`;
    assert.deepEqual(admins.map((r) => r.user_id), [guard.user.id]);
  },
);
