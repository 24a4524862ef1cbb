// Threat: a double tap, a retry after a timeout or a replayed offline queue makes two open
// shifts, or two zones, for one user. The user's row lock serialises the clock calls and the
// primary keys of open_shifts and zone_members are the last word. On PGlite (one connection)
// the calls run one after another and the same must hold.
import postgres from "postgres";
import { approvedCompany, assertEquals, dbTest, sql, type VerifiedUser } from "./_helpers.ts";
import { newGuard, newZone, shiftsOf } from "./_zones.ts";

const poolMax = Number(Deno.env.get("DB_POOL_MAX") ?? 5);

function clockOn(
  client: postgres.Sql,
  user: VerifiedUser,
  token: string,
  action: string,
  requestId = crypto.randomUUID(),
) {
  return client.begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true),
                    set_config('request.jwt.claims', ${
      JSON.stringify({ sub: user.id, role: "authenticated" })
    }, true)`;
    const [r] =
      await tx`select public.clock(${token}, ${action}, null, null, ${requestId}, null) as r`;
    return r.r;
  });
}

async function race<T>(n: number, fn: (client: postgres.Sql, i: number) => Promise<T>) {
  const client = poolMax > 1
    ? postgres(Deno.env.get("SUPABASE_DB_URL")!, { max: 20, prepare: false, onnotice: () => {} })
    : sql;
  try {
    return await Promise.allSettled(Array.from({ length: n }, (_, i) => fn(client, i)));
  } finally {
    if (client !== sql) await client.end();
  }
}

dbTest("100 concurrent clock-ons of one user leave exactly one open shift", async () => {
  const company = await approvedCompany();
  const zone = await newZone(company);
  const guard = await newGuard(company);
  const results = await race(100, (c) => clockOn(c, guard, zone.token, "join_and_clock_on"));
  const ok = results.filter((r) => r.status === "fulfilled");
  assertEquals(ok.length, 1);
  const reasons = new Set(
    results.flatMap((r) => r.status === "rejected" ? [r.reason.message] : []),
  );
  assertEquals([...reasons], ["action_stale"]);
  assertEquals(await shiftsOf(guard.id), { open: 1, closed: 0 });
});

dbTest(
  "100 concurrent auto clocks of one user alternate and never make two open shifts",
  async () => {
    const company = await approvedCompany();
    const zone = await newZone(company);
    const guard = await newGuard(company);
    const results = await race(100, (c) => clockOn(c, guard, zone.token, "auto"));
    assertEquals(
      results.filter((r) => r.status === "rejected").map((r) =>
        String((r as PromiseRejectedResult).reason)
      ),
      [],
    );
    // 100 alternating actions from "not in the zone": 50 on, 50 off
    assertEquals(await shiftsOf(guard.id), { open: 0, closed: 50 });
  },
);

dbTest(
  "the same requestId sent 20 times at once acts once and answers the same shift",
  async () => {
    const company = await approvedCompany();
    const zone = await newZone(company);
    const guard = await newGuard(company);
    const requestId = crypto.randomUUID();
    const results = await race(20, (c) => clockOn(c, guard, zone.token, "auto", requestId));
    const shiftIds = new Set(
      results.map((r) => r.status === "fulfilled" ? r.value.shift.id : r.reason.message),
    );
    assertEquals(shiftIds.size, 1);
    assertEquals(await shiftsOf(guard.id), { open: 1, closed: 0 });
    const replays = results.filter((r) => r.status === "fulfilled" && r.value.replayed).length;
    assertEquals(replays, 19);
  },
);

dbTest("concurrent joins of two zones leave the user in one zone with one open shift", async () => {
  const company = await approvedCompany();
  const [z1, z2] = [await newZone(company), await newZone(company)];
  const guard = await newGuard(company);
  const results = await race(
    2,
    (c, i) => clockOn(c, guard, [z1, z2][i].token, "join_and_clock_on"),
  );
  assertEquals(results.filter((r) => r.status === "fulfilled").length, 1);
  const [m] =
    await sql`select count(*)::int as n from public.zone_members where user_id = ${guard.id}`;
  assertEquals(m.n, 1);
  assertEquals(await shiftsOf(guard.id), { open: 1, closed: 0 });
});
