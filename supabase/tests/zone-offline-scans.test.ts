// Capability (SPEC §7): a scan made without signal is sent later with its device time. It is
// judged by the code valid at that time (a regenerated code still counts for a scan before the
// regeneration), accepted 12 h back and 2 min ahead, kept in order, and marked 补录 (late).
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUserCommit,
  dbTest,
  sql,
} from "./_helpers.ts";
import { clock, currentToken, newGuard, newZone, shiftsOf } from "./_zones.ts";

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

dbTest(
  "a code regenerated after an offline scan still counts for that scan, not after",
  async () => {
    const company = await approvedCompany();
    const zone = await newZone(company);
    const guard = await newGuard(company);
    await asUserCommit(
      company.admin.id,
      (tx) => tx`select public.regenerate_zone_code(${zone.id})`,
    );
    assertEquals((await currentToken(zone.id)) !== zone.token, true);
    await assertPgError(
      () => clock(guard, zone.token),
      "P0001",
      "code_expired",
    );
    const r = await clock(guard, zone.token, { deviceAt: ago(30) });
    const shift = r.shift as Record<string, unknown>;
    assertEquals([r.action, shift.onLate, shift.open], ["join_and_clock_on", true, true]);
    const [o] =
      await sql`select on_at, on_received_at from public.open_shifts where user_id = ${guard.id}`;
    assertEquals(Math.round((o.on_received_at - o.on_at) / 60_000), 30);
  },
);

dbTest("device times beyond the window are refused and nothing is written", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company);
  const guard = await newGuard(company);
  await assertPgError(
    () => clock(guard, zone.token, { deviceAt: ago(12 * 60 + 1) }),
    "P0001",
    "device_time_too_old",
  );
  await assertPgError(
    () => clock(guard, zone.token, { deviceAt: ago(-3) }),
    "P0001",
    "device_time_in_future",
  );
  assertEquals(await shiftsOf(guard.id), { open: 0, closed: 0 });
  // one minute ahead is within the tolerance, and is not late
  const r = await clock(guard, zone.token, { deviceAt: ago(-1) });
  assertEquals((r.shift as Record<string, unknown>).onLate, false);
});

dbTest("a queue replayed in order makes one shift; a replay never doubles it", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company);
  const guard = await newGuard(company);
  const queue = [
    { requestId: crypto.randomUUID(), deviceAt: ago(90) },
    { requestId: crypto.randomUUID(), deviceAt: ago(20) },
  ];
  const first = [];
  for (const q of queue) first.push(await clock(guard, zone.token, q));
  assertEquals(first.map((r) => r.action), ["join_and_clock_on", "clock_off"]);
  const again = [];
  for (const q of queue) again.push(await clock(guard, zone.token, q));
  assertEquals(
    again.map((r) => [r.replayed, (r.shift as Record<string, unknown>).id]),
    first.map((r) => [true, (r.shift as Record<string, unknown>).id]),
  );
  assertEquals(await shiftsOf(guard.id), { open: 0, closed: 1 });
  const [s] = await sql`select on_late, off_late from public.shifts where user_id = ${guard.id}`;
  assertEquals([s.on_late, s.off_late], [true, true]);
});

dbTest("a queued scan older than the last clock is refused as out of order", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company);
  const guard = await newGuard(company);
  await clock(guard, zone.token, { deviceAt: ago(10) });
  await assertPgError(
    () => clock(guard, zone.token, { deviceAt: ago(30) }),
    "P0001",
    "device_time_out_of_order",
  );
  assertEquals(await shiftsOf(guard.id), { open: 1, closed: 0 });
});
