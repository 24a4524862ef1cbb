// Threat: a user ends up active in two companies by joining twice at once (double tap,
// two devices): the check-then-insert in join_company alone would let both through.
// The partial unique index decides, and the loser gets already_in_company, not a raw
// constraint error. On PGlite (one connection) the two calls run one after the other,
// and the same outcome must hold.
import postgres from "postgres";
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  dbTest,
  joinAs,
  newVerifiedUser,
  sql,
  type VerifiedUser,
} from "./_helpers.ts";

const poolMax = Number(Deno.env.get("DB_POOL_MAX") ?? 5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** join_company as `user` on `client`, holding the transaction open `holdSeconds` after it. */
function joinOn(client: postgres.Sql, user: VerifiedUser, code: string, holdSeconds: number) {
  const started = Date.now();
  return client.begin(async (tx) => {
    await tx`
      select set_config('role', 'authenticated', true),
             set_config('request.jwt.claims', ${
      JSON.stringify({ sub: user.id, role: "authenticated", aud: "authenticated" })
    }, true)`;
    const [row] = await tx<{ id: string }[]>`select public.join_company(${code}, true) as id`;
    await tx`select pg_sleep(${holdSeconds})`;
    return row.id;
  }).catch((e) => {
    throw Object.assign(e, { elapsedMs: Date.now() - started });
  });
}

async function raceJoins(codes: [string, string]): Promise<VerifiedUser> {
  const guard = await newVerifiedUser();
  // two separate connections where the server has them; PGlite has only one
  const clients = poolMax > 1
    ? [1, 2].map(() =>
      postgres(Deno.env.get("SUPABASE_DB_URL")!, { max: 1, prepare: false, onnotice: () => {} })
    )
    : [sql, sql];
  try {
    const results = await Promise.allSettled([
      joinOn(clients[0], guard, codes[0], 0.4),
      // starts while the first is still open: its own pre-check sees no committed row
      sleep(100).then(() => joinOn(clients[1], guard, codes[1], 0)),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r) => r.status === "rejected");
    assertEquals([ok.length, failed.length], [1, 1]);
    const err = (failed[0] as PromiseRejectedResult).reason;
    assertEquals([err.code, err.message], ["P0001", "already_in_company"]);
    if (poolMax > 1) {
      // it waited for the first transaction's commit: the unique index, not the
      // pre-check, refused it
      assertEquals(err.elapsedMs >= 250, true, `refused after ${err.elapsedMs} ms`);
    }
  } finally {
    if (poolMax > 1) { for (const c of clients) await c.end(); }
  }
  const active = await sql`
    select company_id from public.memberships where user_id = ${guard.id} and left_at is null`;
  assertEquals(active.length, 1);
  return guard;
}

dbTest("two concurrent joins of two companies by one user: exactly one membership", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  await raceJoins([a.code, b.code]);
});

dbTest("two concurrent joins of the same company by one user: exactly one membership", async () => {
  const a = await approvedCompany();
  await raceJoins([a.code, a.code]);
});

dbTest("joining while in a company is refused and writes nothing", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  const guard = await newVerifiedUser();
  await joinAs(guard, a.code);
  await assertPgError(
    () => asUser(guard.id, (tx) => tx`select public.join_company(${b.code}, false)`),
    "P0001",
    "already_in_company",
  );
  const rows = await sql`select company_id from public.memberships where user_id = ${guard.id}`;
  assertEquals(rows.map((r) => r.company_id), [a.id]);
});

dbTest("the unique index itself refuses a second active membership", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  const guard = await newVerifiedUser();
  await joinAs(guard, a.code);
  // as the table owner, past every function check
  await assertPgError(
    () => sql`insert into public.memberships (company_id, user_id) values (${b.id}, ${guard.id})`,
    "23505",
  );
});
