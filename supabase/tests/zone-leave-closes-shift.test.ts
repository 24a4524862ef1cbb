// Capability: leaving a company (dismissed, resigned) or a zone (switching) closes the open
// shift at that moment and takes the zone-admin right away (SPEC §2.3, §3, §4.5).
import { approvedCompany, assertEquals, asUserCommit, dbTest, sql } from "./_helpers.ts";
import { clock, newGuard, newZone, shiftsOf } from "./_zones.ts";

const endReasons = async (userId: string) =>
  (await sql`select end_reason from public.shifts where user_id = ${userId} order by on_at`)
    .map((r) => r.end_reason);

dbTest("dismissal and resignation close the open shift and leave the zone", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company);
  const [dismissed, resigned] = [await newGuard(company), await newGuard(company)];
  await clock(dismissed, zone.token);
  await clock(resigned, zone.token);
  const [m] =
    await sql`select id from public.memberships where user_id = ${dismissed.id} and left_at is null`;
  await asUserCommit(company.admin.id, (tx) => tx`select public.dismiss_member(${m.id})`);
  await asUserCommit(resigned.id, (tx) => tx`select public.resign()`);
  for (const g of [dismissed, resigned]) {
    assertEquals(await shiftsOf(g.id), { open: 0, closed: 1 });
    assertEquals(await endReasons(g.id), ["left_company"]);
    const [z] =
      await sql`select count(*)::int as n from public.zone_members where user_id = ${g.id}`;
    assertEquals(z.n, 0);
  }
});

dbTest("switching zones closes the shift there and loses that zone's admin right", async () => {
  const company = await approvedCompany();
  const [z1, z2] = [await newZone(company), await newZone(company)];
  const guard = await newGuard(company);
  await clock(guard, z1.token, { action: "join_and_clock_on" });
  await asUserCommit(
    company.admin.id,
    (tx) => tx`select public.set_zone_admin(${z1.id}, ${guard.id}, true)`,
  );
  const r = await clock(guard, z2.token, { action: "switch_and_clock_on" });
  assertEquals(r.action, "switch_and_clock_on");
  assertEquals(await shiftsOf(guard.id), { open: 1, closed: 1 });
  assertEquals(await endReasons(guard.id), ["switched_zone"]);
  const [zm] =
    await sql`select zone_id, is_admin from public.zone_members where user_id = ${guard.id}`;
  assertEquals([zm.zone_id, zm.is_admin], [z2.id, false]);
});

dbTest("clock on, clock off, clock on again in the same zone", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company);
  const guard = await newGuard(company);
  assertEquals(
    (await clock(guard, zone.token, { action: "join_and_clock_on" })).action,
    "join_and_clock_on",
  );
  assertEquals((await clock(guard, zone.token, { action: "clock_off" })).action, "clock_off");
  assertEquals((await clock(guard, zone.token, { action: "clock_on" })).action, "clock_on");
  assertEquals(await shiftsOf(guard.id), { open: 1, closed: 1 });
  assertEquals(await endReasons(guard.id), ["clocked_off"]);
});
