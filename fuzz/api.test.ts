// The fuzzer (issue 13): property-based requests generated from the API's own OpenAPI document
// for every documented operation, sent through the real HTTP server of the local stack as the
// personas of personas.ts (and as nobody, and with a forged token); every answer must be
// documented for its operation, match the documented schema, and never be a 5xx.
//   FUZZ_BASE_URL  the stack (scripts/test.ts starts one for the fuzz phase)
//   FUZZ_DB_URL    its database, for the one thing only the database knows (the 单位码 token)
//   FUZZ_SEED      fixed by default, printed on failure; FUZZ_RUNS requests per operation
import fc from "fast-check";
import postgres from "postgres";
import { joinGuard, makeWorld, Stack, type World } from "./personas.ts";
import { Checker, operationsOf, requestArb } from "./requests.ts";

const base = Deno.env.get("FUZZ_BASE_URL");
const dbUrl = Deno.env.get("FUZZ_DB_URL");
if (!base || !dbUrl) {
  throw new Error("FUZZ_BASE_URL and FUZZ_DB_URL must be set (scripts/test.ts --only=fuzz)");
}
const seed = Number(Deno.env.get("FUZZ_SEED") ?? 20261128);
const runs = Number(Deno.env.get("FUZZ_RUNS") ?? 60);

const stack = new Stack(base);
const doc = await (await fetch(`${base}/functions/v1/api/openapi.json`)).json();
const sql = postgres(dbUrl, { max: 1, prepare: false, onnotice: () => {} });
let world: World;
try {
  world = await makeWorld(stack, Date.now(), async (userId) => {
    await sql`insert into public.police_officers (user_id, department_id)
              select ${userId}, id from public.departments where parent_id is null`;
  });
  const [code] = await sql<{ token: string; company_id: string }[]>`
    select token, company_id from public.company_codes order by created_at desc limit 1`;
  await joinGuard(stack, world, code.token, async () =>
    (await sql<{ id: string }[]>`
      select id from public.memberships where company_id = ${code.company_id}`).map((r) => r.id));
} finally {
  await sql.end();
}
const checker = new Checker(doc);
const who = () => world.personas.map((p) => ({ label: p.label, token: p.accessToken }));

for (const [i, o] of operationsOf(doc).entries()) {
  Deno.test({
    name: `fuzz ${o.method} ${o.path}`,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      // every operation starts with live sessions (a fuzzed logout ends one)
      for (const p of world.personas) await stack.renew(p);
      const opSeed = seed + i;
      const seen = new Map<number, number>();
      try {
        await fc.assert(
          fc.asyncProperty(requestArb(o, world.pool, who), async (b) => {
            const res = await fetch(`${base}/functions/v1${b.url}`, b.init);
            seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
            const problem = await checker.problem(o, res);
            if (problem) throw new Error(`${problem}\n    request: ${b.describe}`);
          }),
          { seed: opSeed, numRuns: runs, endOnFailure: true },
        );
        // what the operation answered: shows whether requests got past validation
        const statuses = [...seen].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
        console.log(`  ${o.method} ${o.path}: ${statuses.join(" ")}`);
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? `\n${e.cause.message}` : "";
        throw new Error(
          `${o.method} ${o.path} failed with FUZZ_SEED=${seed} (this operation's seed ${opSeed}, ` +
            `${runs} runs)\n${e instanceof Error ? e.message : e}${cause}`,
        );
      }
    },
  });
}
