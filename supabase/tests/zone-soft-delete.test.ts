// Threat: a deleted zone lingers: still listed, its QR still clocks (even an offline scan from
// before the deletion), its members stay on duty there. Capability: its records stay, its name
// is free again.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  sql,
} from "./_helpers.ts";
import { clock, newGuard, newZone, shiftsOf } from "./_zones.ts";

dbTest("a deleted zone is invisible, its QR refused, its shifts closed and kept", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company);
  const guard = await newGuard(company);
  await clock(guard, zone.token);
  const before = new Date(Date.now() - 60_000);
  await asUserCommit(company.admin.id, (tx) => tx`select public.delete_zone(${zone.id})`);

  for (const actor of [company.admin, guard]) {
    await asUser(actor.id, async (tx) => {
      assertEquals((await tx`select 1 from public.zones where id = ${zone.id}`).length, 0);
      assertEquals(
        (await tx`select 1 from public.zone_codes where zone_id = ${zone.id}`).length,
        0,
      );
    });
  }
  assertEquals(await shiftsOf(guard.id), { open: 0, closed: 1 });
  const [s] = await sql`select end_reason from public.shifts where user_id = ${guard.id}`;
  assertEquals(s.end_reason, "zone_deleted");
  const [m] =
    await sql`select count(*)::int as n from public.zone_members where zone_id = ${zone.id}`;
  assertEquals(m.n, 0);
  // the guard still reads their record of it, under the name it had
  await asUser(guard.id, async (tx) => {
    const rows = await tx`select zone_name from public.shift_records`;
    assertEquals(rows.map((r) => r.zone_name), [zone.name]);
  });

  await assertPgError(() => clock(guard, zone.token), "P0001", "zone_deleted");
  await assertPgError(
    () => clock(guard, zone.token, { deviceAt: before }),
    "P0001",
    "zone_deleted",
  );
  await assertPgError(
    () => asUser(guard.id, (tx) => tx`select public.preview_duty(${zone.token}, null, null)`),
    "P0001",
    "zone_deleted",
  );
  for (const call of [`select public.regenerate_zone_code($1)`, `select public.delete_zone($1)`]) {
    await assertPgError(
      () => asUser(company.admin.id, (tx) => tx.unsafe(call, [zone.id])),
      "P0001",
      "zone_not_found",
    );
  }
  assertEquals(await shiftsOf(guard.id), { open: 0, closed: 1 });
  // the name is free for a new zone
  await newZone(company, { name: zone.name });
});

dbTest("a duplicate live name is refused and nothing is written", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company);
  await assertPgError(() => newZone(company, { name: zone.name }), "P0001", "zone_name_taken");
  const [n] =
    await sql`select count(*)::int as n from public.zones where company_id = ${company.id}`;
  assertEquals(n.n, 1);
  // another company may use the name
  await newZone(await approvedCompany(), { name: zone.name });
});
