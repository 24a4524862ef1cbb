// `deno run -A bench/faults.ts` (not in CI; restarts the machine's PostgreSQL, which other test
// runs share: run it rarely). Starts the real server (local/start.ts) on a fresh database of the
// local PostgreSQL 15 cluster, puts a bounded load of sign-ins (writes) and /api/me reads on it,
// and meanwhile restarts the cluster: `fast`, `immediate`, then down for 5 s. Prints the events,
// the failed requests by status, the slowest request, the recovery after each event, the writes
// lost (acknowledged sign-ins missing afterwards) and whether the server process lived.
import postgres from "postgres";
import { fileURLToPath } from "node:url";
import { createFreshPostgresDb } from "../local/db/fresh.ts";
import { migrate } from "../local/db/migrate.ts";
import { DEV_JWT_SECRET } from "../local/env.ts";
import { lostSessions, recoveryAfter, runLoad } from "../local/faults/load.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const adminUrl = Deno.env.get("TEST_PG_ADMIN_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const cluster = ["15", "main"];

const fresh = await createFreshPostgresDb(adminUrl, "qunfang_faults");
const sql = postgres(fresh.url, { max: 1, prepare: false, onnotice: () => {} });
await migrate(sql, { seed: true });
await sql.end();
const dataDir = await Deno.makeTempDir({ prefix: "qf_faults_" });
const port = 20000 + Math.floor(Math.random() * 20000);
const server = new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "local/start.ts", "--no-build", "--port", String(port), "--data", dataDir],
  cwd: Deno.env.get("BENCH_SERVER_ROOT") ?? root,
  env: { DATABASE_URL: fresh.url, SUPABASE_JWT_SECRET: DEV_JWT_SECRET },
  stdout: "null",
  stderr: "piped",
}).spawn();
const state: { exited: Deno.CommandStatus | null } = { exited: null };
server.status.then((s) => state.exited = s);
const stderr = server.stderr.pipeThrough(new TextDecoderStream()).getReader();
let serverErr = "";
(async () => {
  for (;;) {
    const { value, done } = await stderr.read();
    if (done) return;
    serverErr += value;
  }
})();
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 200; i++) {
  try {
    const r = await fetch(`${base}/functions/v1/api/openapi.json`);
    await r.body?.cancel();
    if (r.ok) break;
  } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 300));
}

const t0 = performance.now();
const at = (t: number) => `${((t - t0) / 1000).toFixed(2)} s`;
const events: { name: string; start: number; back: number }[] = [];
const ctl = async (...args: string[]) => {
  const out = await new Deno.Command("pg_ctlcluster", { args: [...cluster, ...args] }).output();
  if (!out.success) {
    console.log(`pg_ctlcluster ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
let done = false;
const faults = (async () => {
  await pause(3000);
  for (const mode of ["fast", "immediate"]) {
    const start = performance.now();
    await ctl("restart", "-m", mode);
    events.push({ name: `restart -m ${mode}`, start, back: performance.now() });
    await pause(4000);
  }
  const start = performance.now();
  await ctl("stop", "-m", "fast");
  await pause(5000);
  await ctl("start");
  events.push({ name: "stop -m fast, 5 s down, start", start, back: performance.now() });
  await pause(4000);
  done = true;
})();
const { outcomes, acknowledgedSessions } = await runLoad(base, {
  workers: 6,
  until: () => done || state.exited !== null,
  pauseMs: 5,
});
await faults;

console.log(`events (server ${state.exited ? `EXITED ${state.exited.code}` : "alive"}):`);
for (const e of events) {
  const during = outcomes.filter((x) => x.end >= e.start && x.start <= e.back + 1000);
  const failed = during.filter((x) => x.status !== 200);
  const recovery = recoveryAfter(outcomes, e.back);
  console.log(
    `  ${at(e.start)} ${e.name}: back after ${((e.back - e.start) / 1000).toFixed(1)} s; ` +
      `${failed.length} failed; next successful request sent ${recovery?.toFixed(0)} ms after`,
  );
}
const failed = outcomes.filter((x) => x.status !== 200);
const byStatus = new Map<string, number>();
for (const f of failed) {
  const k = `${f.status} ${f.code ?? ""}${
    f.status === 503 && !f.retryAfter ? " (no Retry-After)" : ""
  }`;
  byStatus.set(k, (byStatus.get(k) ?? 0) + 1);
}
const slowest = outcomes.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
const slowestFail = failed.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a), failed[0]);
const check = postgres(fresh.url, { max: 1, prepare: false, onnotice: () => {} });
const lost = await lostSessions(check, acknowledgedSessions);
await check.end();
console.log(
  `requests: ${outcomes.length}, failed ${failed.length}: ${
    [...byStatus].map(([k, n]) => `${k} ×${n}`).join(", ") || "-"
  }`,
);
console.log(
  `slowest request ${
    (slowest.end - slowest.start).toFixed(0)
  } ms (${slowest.kind}, ${slowest.status})` +
    (slowestFail ? `; slowest failure ${(slowestFail.end - slowestFail.start).toFixed(0)} ms` : ""),
);
console.log(`acknowledged writes ${acknowledgedSessions.length}, lost ${lost.length}`);
if (state.exited) console.log(`server stderr:\n${serverErr.slice(-2000)}`);
if (!state.exited) {
  server.kill("SIGTERM");
  await server.status;
}
await fresh.drop();
await Deno.remove(dataDir, { recursive: true });
