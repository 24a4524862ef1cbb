// `npm run bench`: the request path against the database alone (issue 7). Starts the real
// server (local/start.ts) on a port against a real PostgreSQL (DATABASE_URL, or a fresh
// database on TEST_PG_ADMIN_URL's server), seeds 200 companies and one of 2,000 staff, then for
// each read endpoint: HTTP at 32 connections with autocannon, and pgbench running the very
// transaction the endpoint runs, at 32 clients. Prints per path req/s, p50, p99, the server's
// CPU per request, pgbench tps, the ratio, and the RLS overhead (the same query without the role
// switch). Prints figures; asserts nothing. BENCH_SECONDS (10) sets the length of each run; an
// argument (a regular expression) picks paths by name; BENCH_PORT sets the server's port.
import postgres from "postgres";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "../local/db/migrate.ts";
import { createFreshPostgresDb, type FreshDb } from "../local/db/fresh.ts";
import { DEV_JWT_SECRET } from "../local/env.ts";
import { signAccessToken } from "../supabase/functions/_shared/auth.ts";
import { seedBench } from "./seed.ts";
import { type BenchPath, benchPaths } from "./paths.ts";
import { backendsOf, CpuMeter, perOp } from "./cpu-meter.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(Deno.env.get("BENCH_SECONDS") ?? 10);
const CLIENTS = 32;
const adminUrl = Deno.env.get("TEST_PG_ADMIN_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const pgbin = Deno.env.get("PG_BIN") ?? "/usr/lib/postgresql/15/bin";
const only = Deno.args[0] ? new RegExp(Deno.args[0]) : null;
const httpOnly = Deno.env.get("BENCH_HTTP_ONLY") === "1";

let fresh: FreshDb | null = null;
const url = Deno.env.get("DATABASE_URL") ||
  (fresh = await createFreshPostgresDb(adminUrl, "qunfang_bench")).url;
const sql = postgres(url, { max: 2, prepare: false, onnotice: () => {} });
const dataDir = await Deno.makeTempDir({ prefix: "qf_bench_" });
let server: Deno.ChildProcess | null = null;
try {
  await migrate(sql, { seed: true });
  const actors = await seedBench(sql);
  Deno.env.set("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
  const token = async (a: { userId: string; sessionId: string; phone: string }) =>
    await signAccessToken({ userId: a.userId, sessionId: a.sessionId, phone: a.phone });
  const paths = benchPaths(actors, {
    admin: await token(actors.admin),
    officer: await token(actors.officer),
    guard: await token(actors.guard),
    supervisor: await token(actors.supervisor),
  }).filter((p) => !only || only.test(p.name));

  const port = Number(Deno.env.get("BENCH_PORT") || 20000 + Math.floor(Math.random() * 20000));
  const poolMax = Deno.env.get("DB_POOL_MAX") ?? "";
  server = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "local/start.ts", "--no-build", "--port", String(port), "--data", dataDir],
    // BENCH_SERVER_ROOT: serve from another checkout (the "before" figures of main)
    cwd: Deno.env.get("BENCH_SERVER_ROOT") ?? root,
    env: { DATABASE_URL: url, DB_POOL_MAX: poolMax, SUPABASE_JWT_SECRET: DEV_JWT_SECRET },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/functions/v1/api/openapi.json`, 60_000);
  console.log(
    `PostgreSQL ${
      url.replace(/:[^:@/]*@/, ":***@")
    }; ${CLIENTS} connections, ${SECONDS} s a run, ` +
      `pool ${poolMax || "default"}`,
  );
  const rows: string[][] = [];
  const budgets: string[][] = [];
  const database = new URL(url).pathname.slice(1);
  const serverPid = server.pid;
  const httpCpu = new CpuMeter({
    server: (pid) => pid === serverPid,
    database: backendsOf(database),
    loadgen: (_pid, cmd) => cmd.includes("autocannon.js"),
  });
  const pgbenchCpu = new CpuMeter({
    database: backendsOf(database),
    client: (_pid, cmd) => cmd.includes("/pgbench "),
  });
  /** pgbench of a script, and the CPU µs per transaction of the backends and of its client. */
  const measured = async (script: string) => {
    pgbenchCpu.start();
    const tps = await pgbench(url, script);
    const c = pgbenchCpu.stop();
    const txs = tps * SECONDS;
    return { tps, database: c.database * 1e6 / txs, client: c.client * 1e6 / txs };
  };
  for (const p of paths) {
    const res = await fetch(base + p.url, { headers: { authorization: `Bearer ${p.token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${p.name}: ${res.status} ${body.slice(0, 200)}`);
    await autocannon(base + p.url, p.token, 2); // warm-up: JIT, plans, pool
    httpCpu.start();
    const http = await autocannon(base + p.url, p.token, SECONDS);
    const hc = httpCpu.stop();
    const cpuUs = perOp(hc.server, http.total);
    // BENCH_HTTP_ONLY=1: the HTTP side alone (a pool-size sweep needs no pgbench)
    const none = { tps: NaN, database: NaN, client: NaN };
    const pg = httpOnly ? none : await measured(p.sql);
    const tps = pg.tps;
    budgets.push([
      p.name,
      `${perOp(hc.server, http.total)} + ${perOp(hc.database, http.total)} + ${
        perOp(hc.loadgen, http.total)
      }`,
      `${pg.database.toFixed(0)} + ${pg.client.toFixed(0)}`,
      ((pg.database + pg.client) / ((hc.server + hc.database + hc.loadgen) / http.total * 1e6))
        .toFixed(2),
    ]);
    const rlsRun = httpOnly ? none : p.rls === p.sql ? pg : await measured(p.rls);
    const plainRun = httpOnly ? none : await measured(p.plain);
    const rls = rlsRun.tps, plain = plainRun.tps;
    rows.push([
      p.name,
      http.rps.toFixed(0),
      `${http.p50} / ${http.p99}`,
      cpuUs.toFixed(0),
      tps.toFixed(0),
      (http.rps / tps).toFixed(2),
      `${rls.toFixed(0)} / ${plain.toFixed(0)}`,
      `${((plain / rls - 1) * 100).toFixed(0)} %`,
      `${((rlsRun.database / plainRun.database - 1) * 100).toFixed(0)} %`,
      `${http.non2xx}`,
    ]);
    console.log(`  ${p.name}: ${rows.at(-1)!.slice(1).join(" | ")}`);
  }
  printTable(
    [
      "path",
      "HTTP req/s",
      "p50 / p99 ms",
      "server CPU µs/req",
      "pgbench tps",
      "ratio",
      "tps as a transaction: with / without role switch",
      "RLS overhead",
      "RLS database CPU",
      "non-2xx",
    ],
    rows,
  );
  printTable(
    [
      "path",
      "HTTP CPU µs/req: server + database + load generator",
      "pgbench CPU µs/tx: database + client",
      "ratio if CPU-bound",
    ],
    budgets,
  );
  console.log(
    "\nCPU time (utime + stime, /proc) of the API server, the backends of the bench database, and" +
      "\nthe load generator (autocannon) or pgbench, per request: on a machine where the CPU is the" +
      "\nlimit, HTTP req/s / pgbench tps tends to the pgbench side's CPU per transaction over the" +
      "\nHTTP side's. Shared work (WAL writer, checkpointer) is left out of both.",
  );
  console.log(
    "\npgbench runs, per path, the statement(s) the endpoint sends (bench/paths.ts), -M prepared." +
      "\nRLS overhead: the same queries in one transaction after act_as (role authenticated, RLS)" +
      "\nagainst the connecting role with only the claims set (no RLS): how much faster that is.",
  );
} finally {
  if (server) {
    server.kill("SIGTERM");
    await server.status;
  }
  await sql.end();
  await fresh?.drop();
  await Deno.remove(dataDir, { recursive: true });
}

async function autocannon(target: string, token: string, seconds: number) {
  const out = await new Deno.Command("node", {
    args: [
      join(root, "node_modules/autocannon/autocannon.js"),
      "-c",
      String(CLIENTS),
      "-d",
      String(seconds),
      "-j",
      "-H",
      `authorization=Bearer ${token}`,
      target,
    ],
    stdout: "piped",
    stderr: "null",
  }).output();
  const r = JSON.parse(new TextDecoder().decode(out.stdout));
  return {
    rps: r.requests.average as number,
    total: r.requests.total as number,
    p50: r.latency.p50 as number,
    p99: r.latency.p99 as number,
    non2xx: (r.non2xx as number) + (r.errors as number),
  };
}

async function pgbench(dbUrl: string, script: string): Promise<number> {
  const file = await Deno.makeTempFile({ suffix: ".sql" });
  await Deno.writeTextFile(file, script);
  try {
    const out = await new Deno.Command(join(pgbin, "pgbench"), {
      args: [
        "-n",
        "-M",
        "prepared",
        "-c",
        String(CLIENTS),
        "-j",
        "2",
        "-T",
        String(SECONDS),
        "-f",
        file,
        dbUrl,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    const m = /tps = ([\d.]+)/.exec(text);
    if (!m) throw new Error(`pgbench: ${new TextDecoder().decode(out.stderr)}`);
    return Number(m[1]);
  } finally {
    await Deno.remove(file);
  }
}

function printTable(head: string[], rows: string[][]) {
  console.log(`\n| ${head.join(" | ")} |\n|${head.map(() => " --- |").join("")}`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
}

async function waitFor(target: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(target);
      await r.body?.cancel();
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer ${target} within ${ms / 1000} s`);
}

export type { BenchPath };
