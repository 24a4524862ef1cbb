// Capability: the idempotency results of the clock (private.duty_requests) do not grow forever.
// Each clock deletes a bounded batch of results older than 13 h (the 12 h offline window and a
// margin: a retry of such a request is refused device_time_too_old), and a replay inside the
// window still answers its first result and writes nothing.
import { approvedCompany, assertEquals, dbTest, sql } from "./_helpers.ts";
import { clock, newGuard, newZone, shiftsOf } from "./_zones.ts";

const expiredCount = async () => {
  const [r] = await sql<{ n: number }[]>`
    select count(*)::int as n from private.duty_requests
    where created_at < now() - interval '13 hours'`;
  return r.n;
};

dbTest(
  "each clock prunes at most 8 results older than 13 h; a replay inside the window is still idempotent",
  async () => {
    const company = await approvedCompany();
    const zone = await newZone(company);
    const guard = await newGuard(company);

    // a result 11 h old: its scan may still be retried from an offline queue
    const kept = crypto.randomUUID();
    const first = await clock(guard, zone.token, {
      requestId: kept,
      deviceAt: new Date(Date.now() - 30 * 60_000),
    });
    assertEquals(first.action, "join_and_clock_on");
    await sql`update private.duty_requests set created_at = now() - interval '11 hours'
              where user_id = ${guard.id} and request_id = ${kept}`;

    // ten results of 14 h ago (the table as it was before pruning existed: no trigger fires)
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`insert into private.duty_requests (user_id, request_id, result, created_at)
               select ${guard.id}, gen_random_uuid(), '{}'::jsonb, now() - interval '14 hours'
               from generate_series(1, 10)`;
    });
    assertEquals(await expiredCount(), 10, "a fresh database has no other expired results");

    assertEquals((await clock(guard, zone.token)).action, "clock_off");
    assertEquals(await expiredCount(), 2, "one clock deletes a batch of 8, not more");
    assertEquals((await clock(guard, zone.token)).action, "clock_on");
    assertEquals(await expiredCount(), 0);

    // the result inside the window answers its replay; nothing is written again
    const again = await clock(guard, zone.token, { requestId: kept, deviceAt: new Date() });
    assertEquals(
      [again.replayed, again.action, (again.shift as { id: string }).id],
      [true, "join_and_clock_on", (first.shift as { id: string }).id],
    );
    assertEquals(await shiftsOf(guard.id), { open: 1, closed: 1 });
    const [mine] = await sql<{ n: number }[]>`
      select count(*)::int as n from private.duty_requests where user_id = ${guard.id}`;
    assertEquals(mine.n, 3); // the kept one and the two clocks
  },
);
