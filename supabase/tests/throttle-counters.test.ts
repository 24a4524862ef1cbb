// Threat: unlimited sign-in, refresh and registration attempts (the per-phone, per-user and
// per-address counters of auth_bridge.throttle), and a client that spends someone else's
// budget by calling the counter itself.
import { asBridge, assertEquals, assertPgError, asUser, dbTest, newUser, sql } from "./_helpers.ts";

const key = () => `test:${crypto.randomUUID()}`;
const hit = (k: string, limit: number, windowS: number, cost = 1) =>
  asBridge(async (tx) => {
    const [r] = await tx<{ wait: number }[]>`
      select auth_bridge.throttle(${k}, ${limit}, ${windowS}, ${cost}) as wait`;
    return r.wait;
  });

dbTest("the limit is allowed, the next hit waits until the window ends", async () => {
  const k = key();
  const waits = [];
  for (let i = 0; i < 4; i++) waits.push(await hit(k, 3, 600));
  assertEquals(waits.slice(0, 3), [0, 0, 0]);
  if (!(waits[3] >= 1 && waits[3] <= 600)) throw new Error(`wait ${waits[3]}`);
});

dbTest("concurrent hits are all counted (no lost update)", async () => {
  const k = key();
  const waits = await Promise.all(Array.from({ length: 20 }, () => hit(k, 10, 600)));
  assertEquals(waits.filter((w) => w === 0).length, 10);
  const [row] =
    await sql`select sum(hits)::int as n from private.throttle_counters where key = ${k}`;
  assertEquals(row.n, 20);
});

dbTest("cost 0 asks without counting, and says so once the limit is reached", async () => {
  const k = key();
  assertEquals(await hit(k, 2, 600, 0), 0);
  await hit(k, 2, 600);
  assertEquals(await hit(k, 2, 600, 0), 0);
  await hit(k, 2, 600);
  if (!(await hit(k, 2, 600, 0) > 0)) throw new Error("the peek did not see the limit");
  const [row] =
    await sql`select sum(hits)::int as n from private.throttle_counters where key = ${k}`;
  assertEquals(row.n, 2);
});

dbTest("a signed-in user can neither call the counter nor read or reset it", async () => {
  const a = await newUser();
  await assertPgError(
    () => asUser(a.id, (tx) => tx`select auth_bridge.throttle('signin:phone:13900000001', 1, 60)`),
    "42501",
  );
  await assertPgError(
    () => asUser(a.id, (tx) => tx`delete from private.throttle_counters`),
    "42501",
  );
});
