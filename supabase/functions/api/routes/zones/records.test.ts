// 到岗记录 of a zone (its managers) and of oneself (GET /api/me/records): filters all / on / off,
// newest clock-on first, keyset pages ending with nextCursor null, the guard named with a
// masked phone, 补录 marked.
import assert from "node:assert/strict";
import { approvedCompany, errorOf, get, member } from "../../tests/companies-fixtures.ts";
import { apiTest } from "../../tests/helpers.ts";
import { clockOk, createZone, send } from "../../tests/zones-fixtures.ts";

type Rec = { id: string; open: boolean; member: string | null; zoneName: string; onLate: boolean };

apiTest("GET /api/zones/:id/records filters on and off duty and names the guard", async () => {
  const a = await approvedCompany();
  const zone = await createZone(a);
  const [g1, g2] = [await member(a.codeToken, "钱杰"), await member(a.codeToken)];
  await clockOk(g1.accessToken, { code: zone.code });
  await clockOk(g1.accessToken, { code: zone.code });
  await clockOk(g2.accessToken, { code: zone.code });
  const page = async (qs: string) =>
    (await (await get(`/api/zones/${zone.id}/records${qs}`, a.admin.accessToken)).json())
      .items as Rec[];
  assert.equal((await page("")).length, 2);
  const on = await page("?status=on");
  assert.deepEqual(on.map((r) => r.open), [true]);
  const off = await page("?status=off");
  assert.deepEqual(off.map((r) => [r.open, r.member]), [[
    false,
    `钱杰(${g1.phone.slice(0, 3)}****${g1.phone.slice(7)})`,
  ]]);
  assert.deepEqual(
    await errorOf(await get(`/api/zones/${zone.id}/records?status=maybe`, a.admin.accessToken)),
    [400, "invalid_input"],
  );
  assert.deepEqual(await errorOf(await get(`/api/zones/${zone.id}/records`, g2.accessToken)), [
    403,
    "not_zone_admin",
  ]);
});

apiTest("GET /api/me/records shows my own shifts, pages to the end, marks 补录", async () => {
  const a = await approvedCompany();
  const [z1, z2] = [await createZone(a), await createZone(a)];
  const guard = await member(a.codeToken);
  const other = await member(a.codeToken);
  await clockOk(other.accessToken, { code: z1.code });
  await clockOk(guard.accessToken, {
    code: z1.code,
    deviceTime: new Date(Date.now() - 3600_000).toISOString(),
  });
  await clockOk(guard.accessToken, { code: z1.code });
  await clockOk(guard.accessToken, { code: z2.code, action: "switch_and_clock_on" });
  const p1 = await (await get("/api/me/records?limit=1", guard.accessToken)).json();
  assert.deepEqual(p1.items.map((r: Rec) => [r.zoneName, r.open]), [[z2.name, true]]);
  const p2 = await (await get(`/api/me/records?limit=1&cursor=${p1.nextCursor}`, guard.accessToken))
    .json();
  assert.deepEqual(p2.items.map((r: Rec) => [r.zoneName, r.open, r.onLate]), [[
    z1.name,
    false,
    true,
  ]]);
  assert.equal(p2.nextCursor, null);
  const off = await (await get("/api/me/records?status=off", guard.accessToken)).json();
  assert.equal(off.items.length, 1);
  // never anyone else's
  const mine = await (await get("/api/me/records", other.accessToken)).json();
  assert.equal(mine.items.length, 1);
});

apiTest("the company admin reads a deleted zone's records no more through the API", async () => {
  const a = await approvedCompany();
  const zone = await createZone(a);
  const guard = await member(a.codeToken);
  await clockOk(guard.accessToken, { code: zone.code });
  await send("DELETE", `/api/zones/${zone.id}`, a.admin.accessToken);
  assert.deepEqual(await errorOf(await get(`/api/zones/${zone.id}/records`, a.admin.accessToken)), [
    404,
    "zone_not_found",
  ]);
  // the guard keeps their record, closed at the deletion
  const mine = await (await get("/api/me/records", guard.accessToken)).json();
  assert.deepEqual(mine.items.map((r: { endReason: string }) => r.endReason), ["zone_deleted"]);
});
