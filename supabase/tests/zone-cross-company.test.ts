// Threat: a guard of company A clocks in a zone of company B, joins it, or reads B's zones,
// members and shifts; a user in no company clocks anywhere. Every refusal writes nothing.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  dbTest,
  newVerifiedUser,
} from "./_helpers.ts";
import { clock, newGuard, newZone, shiftsOf } from "./_zones.ts";

dbTest("a guard of A cannot clock on, join or preview in B's zone", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  const zoneB = await newZone(b);
  const guardA = await newGuard(a);
  await assertPgError(() => clock(guardA, zoneB.token), "P0001", "zone_other_company");
  await assertPgError(
    () => clock(guardA, zoneB.token, { action: "join_and_clock_on" }),
    "P0001",
    "zone_other_company",
  );
  await assertPgError(
    () => asUser(guardA.id, (tx) => tx`select public.preview_duty(${zoneB.token}, null, null)`),
    "P0001",
    "zone_other_company",
  );
  assertEquals(await shiftsOf(guardA.id), { open: 0, closed: 0 });
  await asUser(guardA.id, async (tx) => {
    assertEquals((await tx`select 1 from public.zone_members`).length, 0);
  });
});

dbTest("A's guards and admin cannot read B's zones, members or shifts", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  const zoneB = await newZone(b);
  const guardB = await newGuard(b);
  await clock(guardB, zoneB.token);
  // rows exist: B's admin sees them
  await asUser(b.admin.id, async (tx) => {
    assertEquals((await tx`select id from public.zones`).map((r) => r.id), [zoneB.id]);
    assertEquals((await tx`select 1 from public.shift_records`).length, 1);
  });
  for (const actor of [a.admin, await newGuard(a)]) {
    await asUser(actor.id, async (tx) => {
      assertEquals((await tx`select 1 from public.zones where id = ${zoneB.id}`).length, 0);
      assertEquals(
        (await tx`select 1 from public.zone_codes where zone_id = ${zoneB.id}`).length,
        0,
      );
      assertEquals(
        (await tx`select 1 from public.zone_members where zone_id = ${zoneB.id}`).length,
        0,
      );
      assertEquals(
        (await tx`select 1 from public.shift_records where zone_id = ${zoneB.id}`).length,
        0,
      );
      assertEquals(
        (await tx`select 1 from public.open_shifts where zone_id = ${zoneB.id}`).length,
        0,
      );
    });
  }
  await assertPgError(
    () =>
      asUser(
        a.admin.id,
        (tx) => tx`select * from public.list_zone_members(${zoneB.id}, null, null, null, 20)`,
      ),
    "P0001",
    "zone_not_found",
  );
  await assertPgError(
    () => asUser(a.admin.id, (tx) => tx`select public.delete_zone(${zoneB.id})`),
    "P0001",
    "zone_not_found",
  );
});

dbTest("a user in no company cannot clock", async () => {
  const b = await approvedCompany();
  const zone = await newZone(b);
  const nobody = await newVerifiedUser();
  await assertPgError(() => clock(nobody, zone.token), "P0001", "not_in_company");
  assertEquals(await shiftsOf(nobody.id), { open: 0, closed: 0 });
});

dbTest("officers covering the zone's department read its shifts; others do not", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company, { departmentCode: "cz.xb.anjia" });
  const guard = await newGuard(company);
  await clock(guard, zone.token);
  const { newOfficer } = await import("./_helpers.ts");
  const [covering, other] = [await newOfficer("cz.xb"), await newOfficer("cz.tn")];
  await asUser(covering.id, async (tx) => {
    assertEquals(
      (await tx`select 1 from public.shift_records where zone_id = ${zone.id}`).length,
      1,
    );
    assertEquals((await tx`select 1 from public.zones where id = ${zone.id}`).length, 1);
  });
  await asUser(other.id, async (tx) => {
    assertEquals(
      (await tx`select 1 from public.shift_records where zone_id = ${zone.id}`).length,
      0,
    );
  });
});
