// Threat: a blacklisted or flooding user keeps sending tips by calling the database directly
// (PostgREST would let them): the blacklist and the daily limit live in submit_tip itself.
import {
  assertEquals,
  assertPgError,
  asUserCommit,
  dbTest,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";
import { makeSupervisor, sendTip, submitTip } from "./tips-fixtures.ts";

class Rollback extends Error {}

dbTest("the daily limit is enforced by the database and configurable", async () => {
  const user = await newVerifiedUser();
  const outcome: string[] = [];
  try {
    await sql.begin(async (tx) => {
      await tx`update private.tip_settings set daily_limit = 2`;
      await tx`select set_config('role', 'authenticated', true),
        set_config('request.jwt.claims', ${
        JSON.stringify({ sub: user.id, role: "authenticated" })
      }, true)`;
      for (let i = 0; i < 3; i++) {
        await tx`savepoint s`;
        try {
          await submitTip(tx, crypto.randomUUID(), {}, null, []);
          outcome.push("ok");
        } catch (e) {
          outcome.push((e as Error).message);
          await tx`rollback to savepoint s`;
        }
      }
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  assertEquals(outcome, ["ok", "ok", "tip_daily_limit"]);
});

dbTest("the default limit is 10 tips a day", async () => {
  const [s] = await sql`select daily_limit from private.tip_settings`;
  assertEquals(s.daily_limit, 10);
  const user = await newVerifiedUser();
  for (let i = 0; i < 10; i++) await sendTip(user.id);
  await assertPgError(() => sendTip(user.id), "P0001", "tip_daily_limit");
  const [n] =
    await sql`select count(*)::int as n from private.tip_reporters where reporter_id = ${user.id}`;
  assertEquals(n.n, 10);
});

dbTest("a blacklisted reporter cannot send; only a supervisor blacklists", async () => {
  const reporter = await newVerifiedUser();
  const tip = await sendTip(reporter.id);
  const someone = await newVerifiedUser();
  await assertPgError(
    () =>
      asUserCommit(someone.id, (tx) => tx`select public.blacklist_tip_reporter(${tip.id}, '恶意')`),
    "P0001",
    "not_supervisor",
  );
  await sendTip(reporter.id);
  const supervisor = await newVerifiedUser();
  await makeSupervisor(supervisor.id);
  await assertPgError(
    () =>
      asUserCommit(
        supervisor.id,
        (tx) => tx`select public.blacklist_tip_reporter(${tip.id}, '  ')`,
      ),
    "P0001",
    "reason_required",
  );
  await asUserCommit(
    supervisor.id,
    (tx) => tx`select public.blacklist_tip_reporter(${tip.id}, '恶意举报')`,
  );
  await assertPgError(() => sendTip(reporter.id), "P0001", "reporter_blacklisted");
  const [n] =
    await sql`select count(*)::int as n from private.tip_reporters where reporter_id = ${reporter.id}`;
  assertEquals(n.n, 2);
});

dbTest("tip_reporter_blacklisted answers a supervisor, and nobody else", async () => {
  const reporter = await newVerifiedUser();
  const tip = await sendTip(reporter.id);
  const other = await sendTip((await newVerifiedUser()).id);
  const supervisor = await newVerifiedUser();
  await makeSupervisor(supervisor.id);
  const listed = (who: string, tipId: string) =>
    asUserCommit(who, async (tx) => {
      const [r] = await tx`select public.tip_reporter_blacklisted(${tipId}) as b`;
      return r.b as boolean | null;
    });
  assertEquals(await listed(supervisor.id, tip.id), false);
  await asUserCommit(
    supervisor.id,
    (tx) => tx`select public.blacklist_tip_reporter(${tip.id}, '恶意举报')`,
  );
  assertEquals(await listed(supervisor.id, tip.id), true);
  assertEquals(await listed(supervisor.id, other.id), false);
  // the reporter themself, and a user who is nobody, are told nothing
  assertEquals(await listed(reporter.id, tip.id), null);
  assertEquals(await listed((await newVerifiedUser()).id, tip.id), null);
});
