// The database's own cost per read, which the load of a shared machine barely moves: for each
// path of bench/paths.ts, in one backend, N calls of the statement the endpoint sends, of the
// same queries as one transaction after the role switch (RLS), and without it (no RLS). Prints
// the backend's CPU time per call (/proc/<pid>/schedstat: time on a CPU, not time waiting for
// one) and the shared buffers it touched per call (pg_stat_database of the bench database, which
// nothing else uses). The plans are warm (50 calls first), as on a pooled connection.
//   deno run -A bench/cpu.ts prepare <file>          (a seeded database, once)
//   deno run -A bench/dbcost.ts <file> [N] [path regex]
// The clock path of issue 8 on a database of the zones benchmark (BENCH_KEEP=1 npm run bench:zones
// or deno run -A bench/zones.ts keeps it): N clock_as calls, each for the next guard (so every
// guard alternates on and off duty), then the guards' and the admin's records:
//   deno run -A bench/dbcost.ts --zones <database url> [N]
import postgres from "postgres";
import { DEV_JWT_SECRET } from "../local/env.ts";
import { signAccessToken } from "../supabase/functions/_shared/auth.ts";
import type { BenchActors } from "./seed.ts";
import { benchPaths } from "./paths.ts";

const zonesMode = Deno.args[0] === "--zones";
const [file, n = "500", pattern] = zonesMode ? Deno.args.slice(1) : Deno.args;
if (!file) {
  console.error("usage: bench/dbcost.ts <file from bench/cpu.ts prepare> [N] [path regex]");
  console.error("       bench/dbcost.ts --zones <url of a zones benchmark database> [N]");
  Deno.exit(2);
}
const count = Number(n);
if (zonesMode) {
  await measureZones(file);
  Deno.exit(0);
}
const saved: { url: string; actors: BenchActors } = JSON.parse(await Deno.readTextFile(file));
Deno.env.set("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
const a = saved.actors;
const token = (u: { userId: string; sessionId: string; phone: string }) =>
  signAccessToken({ userId: u.userId, sessionId: u.sessionId, phone: u.phone });
const paths = benchPaths(a, {
  admin: await token(a.admin),
  officer: await token(a.officer),
  guard: await token(a.guard),
  supervisor: await token(a.supervisor),
}).filter((p) => !pattern || new RegExp(pattern).test(p.name));

const sql = postgres(saved.url, { max: 1, prepare: false, onnotice: () => {} });
// settled statistics and visibility map, as on a database that has been running: no
// autovacuum worker reading pages during the counts below, index-only scans that stay so
await sql.unsafe("vacuum analyze");
const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
const onCpuNs = () => Number(Deno.readTextFileSync(`/proc/${pid}/schedstat`).split(" ")[0]);
const hits = async () => {
  await sql`select pg_stat_force_next_flush()`;
  const [r] = await sql<{ hit: string }[]>`
    select blks_hit::text as hit from pg_stat_database where datname = current_database()`;
  return Number(r.hit);
};
// one call: the statement(s) as pgbench runs them (a script of statements ending in ';')
const run = (script: string) => sql.unsafe(script);
const measure = async (script: string) => {
  for (let i = 0; i < 50; i++) await run(script);
  const h0 = await hits();
  const c0 = onCpuNs();
  for (let i = 0; i < count; i++) await run(script);
  const c1 = onCpuNs();
  const h1 = await hits();
  return { us: (c1 - c0) / 1000 / count, buffers: (h1 - h0) / count };
};

const rows: string[][] = [];
for (const p of paths) {
  const one = await measure(p.sql);
  const rls = p.rls === p.sql ? one : await measure(p.rls);
  const plain = await measure(p.plain);
  const row = [
    p.name,
    one.us.toFixed(0),
    one.buffers.toFixed(0),
    `${rls.us.toFixed(0)} / ${plain.us.toFixed(0)}`,
    `${rls.buffers.toFixed(0)} / ${plain.buffers.toFixed(0)}`,
  ];
  rows.push(row);
  console.log(`  ${row.join(" | ")}`);
}
const head = [
  "path",
  "backend CPU µs/call",
  "buffers/call",
  "µs as a transaction: RLS / no RLS",
  "buffers: RLS / no RLS",
];
console.log(`\n| ${head.join(" | ")} |\n|${head.map(() => " --- |").join("")}`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log(`\n${count} calls each after 50 of warm-up, one backend, ${new Date().toISOString()}`);
await sql.end();

async function measureZones(url: string) {
  const db = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  await db.unsafe("vacuum analyze");
  const [{ pid }] = await db<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const onCpu = () => Number(Deno.readTextFileSync(`/proc/${pid}/schedstat`).split(" ")[0]);
  const blocks = async () => {
    await db`select pg_stat_force_next_flush()`;
    const [r] = await db<{ hit: string }[]>`
      select blks_hit::text as hit from pg_stat_database where datname = current_database()`;
    return Number(r.hit);
  };
  const [{ guards }] = await db<{ guards: number }[]>`
    select count(*)::int as guards from public.bench_guard where g >= 0`;
  const [{ zone }] = await db<{ zone: string }[]>`
    select zone_id::text as zone from public.bench_guard where g = -1`;
  let next = 0;
  const reads: [string, (i: number) => Promise<unknown>][] = [
    ["clock POST /api/duty (clock_as, auto: on and off in turn)", async () => {
      const g = next++ % guards;
      await db`select private.clock_as(b.claims::jsonb, b.token, 'auto', null, null,
                 gen_random_uuid(), null)::text from public.bench_guard b where b.g = ${g}`;
    }],
    ["my records GET /api/me/records (records_as)", async (i) => {
      await db`select private.records_as(b.claims::jsonb, null, 'all', null, null, 20)::text
                 from public.bench_guard b where b.g = ${i % guards}`;
    }],
    ["zone records GET /api/zones/:id/records (records_as, admin)", async () => {
      await db`select private.records_as(b.claims::jsonb, ${zone}::uuid, 'all', null, null,
                 20)::text from public.bench_guard b where b.g = -1`;
    }],
  ];
  console.log(`| path | backend CPU µs/call | buffers/call |\n| --- | --- | --- |`);
  for (const [name, call] of reads) {
    for (let i = 0; i < 50; i++) await call(i);
    const h0 = await blocks();
    const c0 = onCpu();
    for (let i = 0; i < count; i++) await call(i);
    const c1 = onCpu();
    const h1 = await blocks();
    console.log(
      `| ${name} | ${((c1 - c0) / 1000 / count).toFixed(0)} | ${((h1 - h0) / count).toFixed(0)} |`,
    );
  }
  console.log(
    `\n${count} calls each after 50 of warm-up, one backend, ${new Date().toISOString()}`,
  );
  await db.end();
}
