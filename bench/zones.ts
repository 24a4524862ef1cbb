// The zones benchmark (issue 8): on a real PostgreSQL, seeds 10,000 guards over 500 zones and
// 10 M shifts of history (bench/zones-seed.ts; BENCH_GUARDS, BENCH_ZONES, BENCH_SHIFTS_PER_GUARD
// scale it), starts the real server (local/start.ts) on a port, then for each path runs HTTP at
// 32 concurrent clients (real sockets, tokens verified, each request its own guard and
// requestId) and pgbench running the very transaction the route runs, at 32 clients:
//   clock      POST /api/duty, action auto: every guard alternates on / off duty
//   scan preview POST /api/duty/preview: what the guard's scan would do (asked before the clock)
//   my records GET /api/me/records (20 of 1,000 shifts)
//   zone records GET /api/zones/:id/records (20 of 20,000 shifts), as the company admin
// Prints req/s, p50 and p99, pgbench tps, the ratio HTTP / pgbench on a line naming the path,
// and the RLS cost of the lists (the same transaction as the table owner, RLS not applied).
// Prints figures; asserts nothing. BENCH_SECONDS (10) sets the length of each run, BENCH_PATHS
// (a regex of the names above) picks paths; BENCH_KEEP=1 keeps the seeded database, and
// DATABASE_URL=<it> measures again without seeding; BENCH_PORT sets the server's port.
import postgres from "postgres";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { backendsOf, CpuMeter, perOp } from "./cpu-meter.ts";
import { migrate } from "../local/db/migrate.ts";
import { createFreshPostgresDb, type FreshDb } from "../local/db/fresh.ts";
import { DEV_JWT_SECRET } from "../local/env.ts";
import { signAccessToken } from "../supabase/functions/_shared/auth.ts";
import { seedZones } from "./zones-seed.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(Deno.env.get("BENCH_SECONDS") ?? 10);
const CLIENTS = Number(Deno.env.get("BENCH_CLIENTS") ?? 32);
const scale = {
  guards: Number(Deno.env.get("BENCH_GUARDS") ?? 10_000),
  zones: Number(Deno.env.get("BENCH_ZONES") ?? 500),
  shiftsPerGuard: Number(Deno.env.get("BENCH_SHIFTS_PER_GUARD") ?? 1_000),
};
const adminUrl = Deno.env.get("TEST_PG_ADMIN_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const pgbin = Deno.env.get("PG_BIN") ?? "/usr/lib/postgresql/15/bin";

let fresh: FreshDb | null = null;
const url = Deno.env.get("DATABASE_URL") ||
  (fresh = await createFreshPostgresDb(adminUrl, "qunfang_bench_zones")).url;
// one connection: the seed's temp tables live in its session
const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const dataDir = await Deno.makeTempDir({ prefix: "qf_bench_zones_" });
let server: Deno.ChildProcess | null = null;
try {
  await migrate(sql, { seed: true });
  const [reuse] = await sql`select to_regclass('public.bench_guard') is not null as yes`;
  if (reuse.yes) {
    console.log("reusing the seeded database (public.bench_guard exists)");
  } else {
    const t0 = performance.now();
    const seeded = await seedZones(sql, scale, (m) => console.log(`  seed: ${m}`));
    console.log(
      `seeded ${scale.guards} guards, ${scale.zones} zones, ${
        (scale.guards * scale.shiftsPerGuard).toLocaleString("en")
      } shifts in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    // Who to act as, kept in a table only the owner reads (pgbench reads it too); g = -1 is the
    // admin of company 0, which owns zone 0 (zones are dealt round-robin over the companies).
    await sql`create table public.bench_guard (g int primary key, sub uuid, session_id uuid,
                phone text, token text, zone_id uuid, claims text)`;
    await sql`alter table public.bench_guard enable row level security`;
    const rows = seeded.guards.map(([sub, session_id, phone, token], g) => ({
      g,
      sub,
      session_id,
      phone,
      token,
      zone_id: null,
      claims: "",
    }));
    const [a, aSession, aPhone] = seeded.admins[0];
    rows.push({
      g: -1,
      sub: a,
      session_id: aSession,
      phone: aPhone,
      token: "",
      zone_id: seeded.zoneIds[0] as unknown as null,
      claims: "",
    });
    for (let i = 0; i < rows.length; i += 1000) {
      await sql`insert into public.bench_guard ${sql(rows.slice(i, i + 1000))}`;
    }
  }
  const people = await sql<
    { g: number; sub: string; session_id: string; phone: string; token: string; zone_id: string }[]
  >`select g, sub, session_id, phone, token, zone_id from public.bench_guard order by g`;

  // Fresh tokens (an hour long) for every run; pgbench reads the same claims from the table.
  Deno.env.set("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
  const tokens = await Promise.all(
    people.map((p) => signAccessToken({ userId: p.sub, sessionId: p.session_id, phone: p.phone })),
  );
  const claimsOf = (t: string) => {
    const b64 = t.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, "="));
  };
  await sql`update public.bench_guard b set claims = x.claims
              from unnest(${people.map((p) => p.g)}::int[], ${tokens.map(claimsOf)}::text[])
                   as x(g, claims)
             where b.g = x.g`;
  await sql`analyze public.bench_guard`;
  const adminToken = tokens[0];
  const zoneId = people[0].zone_id;
  const guardTokens = tokens.slice(1);
  const qrBase = "https://qunfang.example.cn";
  const codes = people.slice(1).map((p) => `${qrBase}/q/zone/${p.token}`);
  const guardCount = guardTokens.length;

  const port = Number(Deno.env.get("BENCH_PORT") || 20000 + Math.floor(Math.random() * 20000));
  server = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "local/start.ts", "--no-build", "--port", String(port), "--data", dataDir],
    cwd: root,
    env: {
      DATABASE_URL: url,
      DB_POOL_MAX: Deno.env.get("DB_POOL_MAX") ?? "",
      SUPABASE_JWT_SECRET: DEV_JWT_SECRET,
      QR_BASE_URL: qrBase,
    },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const base = `http://127.0.0.1:${port}/functions/v1/api`;
  await waitFor(`${base}/openapi.json`, 90_000);

  // A guard of worker w: w, w + 32, w + 64, … so two clients never clock the same guard.
  const perWorker = Math.floor(guardCount / CLIENTS);
  const pick = (w: number) => w + CLIENTS * Math.floor(Math.random() * perWorker);

  const withRole = (from: string, extra = "") =>
    `select ${extra}set_config('request.jwt.claims', b.claims, true), ` +
    `set_config('request.jwt.claim.sub', b.sub::text, true), ` +
    `set_config('request.jwt.claim.role', 'authenticated', true), ` +
    `set_config('role', 'authenticated', true) from public.bench_guard b where b.g = ${from};`;
  const noRole = (from: string) =>
    `select set_config('request.jwt.claims', b.claims, true), ` +
    `set_config('request.jwt.claim.sub', b.sub::text, true) from public.bench_guard b where b.g = ${from};`;
  const guardVar = `\\set g :client_id + ${CLIENTS} * random(0, ${perWorker - 1})\n`;

  const myPage = "select private.records_page(null, 'all', null, null, 20)";
  const zonePage = `select private.records_page('${zoneId}', 'all', null, null, 20)`;
  const paths: Path[] = [
    {
      name: "clock POST /api/duty",
      // the guard's own zone code, a fresh requestId each time: every guard alternates on / off
      request: (g) => ({
        method: "POST",
        url: `${base}/duty`,
        token: guardTokens[g],
        body: JSON.stringify({ code: codes[g], action: "auto", requestId: crypto.randomUUID() }),
      }),
      // what the route sends: one statement (private.clock_as), its own transaction
      pgbench: guardVar +
        `select private.clock_as(b.claims::jsonb, b.token, 'auto', null, null, gen_random_uuid(), null) from public.bench_guard b where b.g = :g;\n`,
    },
    {
      name: "scan preview POST /api/duty/preview",
      // the confirmation dialog's question before the clock: what the scan would do (a read)
      request: (g) => ({
        method: "POST",
        url: `${base}/duty/preview`,
        token: guardTokens[g],
        body: JSON.stringify({ code: codes[g] }),
      }),
      pgbench: guardVar +
        `select private.duty_preview_as(b.claims::jsonb, b.token, null, null) from public.bench_guard b where b.g = :g;\n`,
    },
    {
      name: "my records GET /api/me/records",
      request: (g) => ({
        method: "GET",
        url: `${base}/me/records`,
        token: guardTokens[g],
        body: null,
      }),
      pgbench: guardVar +
        `select private.records_as(b.claims::jsonb, null, 'all', null, null, 20) from public.bench_guard b where b.g = :g;\n`,
      rls: [
        guardVar + `begin;\n${withRole(":g")}\n${myPage};\ncommit;\n`,
        guardVar + `begin;\n${noRole(":g")}\n${myPage};\ncommit;\n`,
      ],
    },
    {
      name: "zone records GET /api/zones/:id/records",
      request: () => ({
        method: "GET",
        url: `${base}/zones/${zoneId}/records`,
        token: adminToken,
        body: null,
      }),
      pgbench:
        `select private.records_as(b.claims::jsonb, '${zoneId}', 'all', null, null, 20) from public.bench_guard b where b.g = -1;\n`,
      rls: [
        `begin;\n${withRole("-1")}\n${zonePage};\ncommit;\n`,
        `begin;\n${noRole("-1")}\n${zonePage};\ncommit;\n`,
      ],
    },
  ];

  console.log(
    `\nPostgreSQL ${
      url.replace(/:[^:@/]*@/, ":***@")
    }; ${CLIENTS} clients, ${SECONDS} s a run; server pool ${
      Deno.env.get("DB_POOL_MAX") || "default"
    }`,
  );
  const lines: string[] = [];
  const database = new URL(url).pathname.slice(1);
  const serverPid = server.pid;
  // the load generator is this process (fetch, 32 workers: its CPU per request is about
  // autocannon's with a request built per call); the meter's own sampling counts in it
  const httpCpu = new CpuMeter({
    server: (pid) => pid === serverPid,
    database: backendsOf(database),
    loadgen: (pid) => pid === Deno.pid,
  });
  const pgbenchCpu = new CpuMeter({
    database: backendsOf(database),
    client: (_pid, cmd) => cmd.includes("/pgbench "),
  });
  // BENCH_PATHS=<regex> runs only the paths whose name matches
  const only = new RegExp(Deno.env.get("BENCH_PATHS") ?? "");
  for (const p of paths.filter((p) => only.test(p.name))) {
    const requestOf = (w: number) => p.request(pick(w));
    await load(requestOf, 2); // warm-up: JIT, plans, pool
    httpCpu.start();
    const http = await load(requestOf, SECONDS);
    // CPU per request of each party (utime + stime, bench/cpu-meter.ts): what the HTTP path costs
    // whatever else the machine is running
    const hc = httpCpu.stop();
    const n = http.rps * SECONDS;
    const cpuMs = hc.server * 1e3 / n;
    pgbenchCpu.start();
    const tps = await pgbench(url, p.pgbench);
    const pc = pgbenchCpu.stop();
    const txs = tps * SECONDS;
    const cpuLine = `  CPU µs/req: server ${perOp(hc.server, n)} + database ${
      perOp(hc.database, n)
    } + load generator ${perOp(hc.loadgen, n)} | pgbench: database ${
      perOp(pc.database, txs)
    } + client ${perOp(pc.client, txs)} | ratio if CPU-bound ${
      ((pc.database + pc.client) / txs / ((hc.server + hc.database + hc.loadgen) / n)).toFixed(2)
    }`;
    // RLS cost: the same transaction as the caller (role authenticated) and as the table owner
    // (tps, and the backends' CPU per transaction, which the machine's other load moves less)
    const cpuOf = async (script: string) => {
      pgbenchCpu.start();
      const tps = await pgbench(url, script);
      return { tps, database: pgbenchCpu.stop().database / tps };
    };
    const [withRls, without] = p.rls
      ? [await cpuOf(p.rls[0]), await cpuOf(p.rls[1])]
      : [{ tps: 0, database: 0 }, { tps: 0, database: 0 }];
    const rls = p.rls
      ? ` | RLS cost ${((without.tps / withRls.tps - 1) * 100).toFixed(0)} % (tps), ${
        ((withRls.database / without.database - 1) * 100).toFixed(0)
      } % (database CPU)`
      : "";
    const line = `${p.name}: ${fmt(http.rps)} req/s, p50 ${http.p50.toFixed(1)} ms, p99 ${
      http.p99.toFixed(1)
    } ms, non-2xx ${http.bad}, server CPU ${cpuMs.toFixed(2)} ms/req | pgbench ${
      fmt(tps)
    } tps | ratio ${(http.rps / tps).toFixed(2)}${rls}`;
    console.log(line + "\n" + cpuLine);
    lines.push(line, cpuLine);
  }
  const [open] = await sql`select count(*)::int as n from public.open_shifts`;
  const [dup] = await sql`
    select count(*)::int as n from (select user_id from public.open_shifts group by user_id
                                     having count(*) > 1) x`;
  console.log(`load average during the runs: ${Deno.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log(`\nopen shifts now: ${open.n}; users with more than one: ${dup.n}`);
  console.log(
    "pgbench runs per path the statement the route sends (private.*_as: the session check, " +
      "role and claims, then the route's SQL), -M prepared; the RLS cost compares the list's " +
      "transaction as the caller with the same transaction as the table owner (RLS not applied).",
  );
} finally {
  if (server) {
    server.kill("SIGTERM");
    await server.status;
  }
  await sql.end();
  // BENCH_KEEP=1 keeps the seeded database: DATABASE_URL=<it> runs again without seeding
  if (fresh && Deno.env.get("BENCH_KEEP") === "1") console.log(`kept ${fresh.url}`);
  else await fresh?.drop();
  await Deno.remove(dataDir, { recursive: true });
}

type Req = { method: string; url: string; token: string; body: string | null };
type Path = {
  name: string;
  /** the request for guard g */
  request: (g: number) => Req;
  /** pgbench script: the transaction the route runs */
  pgbench: string;
  /** the list's transaction as the caller and as the table owner (RLS not applied) */
  rls?: [string, string];
};

function fmt(n: number) {
  return Math.round(n).toLocaleString("en");
}

/** CLIENTS workers, each sending its next request as soon as the last one answered. */
async function load(make: (w: number) => Req, seconds: number) {
  const until = performance.now() + seconds * 1000;
  const ms: number[] = [];
  let bad = 0;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, w) => {
    while (performance.now() < until) {
      const r = make(w);
      const t = performance.now();
      const res = await fetch(r.url, {
        method: r.method,
        headers: {
          authorization: `Bearer ${r.token}`,
          ...(r.body ? { "content-type": "application/json" } : {}),
        },
        body: r.body,
      });
      await res.arrayBuffer();
      ms.push(performance.now() - t);
      if (res.status !== 200) {
        if (bad++ === 0) console.log(`  first non-2xx: ${res.status} ${r.method} ${r.url}`);
      }
    }
  }));
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { rps: ms.length / seconds, p50: at(0.5), p99: at(0.99), bad };
}

async function pgbench(dbUrl: string, script: string): Promise<number> {
  const file = await Deno.makeTempFile({ suffix: ".sql" });
  await Deno.writeTextFile(file, script);
  try {
    const out = await new Deno.Command(join(pgbin, "pgbench"), {
      args: ["-n", "-M", "prepared", "-c", String(CLIENTS), "-j", "2", "-T", String(SECONDS)]
        .concat(["-f", file, dbUrl]),
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
