// The API's own CPU per request, without the HTTP server and the load generator around it, to
// choose between levers of the request path (docs/request-path.md) on a machine shared with
// others: CPU time of this process (not wall time: being descheduled does not count), and, run
// under `valgrind --tool=callgrind`, instructions, which no load changes.
//   deno run -A bench/cpu.ts prepare <file>     fresh database, migrated and seeded (bench/seed.ts);
//                                              writes its URL and actors to <file>
//   deno run -A bench/cpu.ts measure <file> N [path regex]
//                                              N requests per path through the local stack's
//                                              Hono app (local/server.ts) at 32 concurrent, as
//                                              the HTTP server would hand them over; prints CPU
//                                              µs per request
//   deno run -A bench/cpu.ts drop <file>
// Instructions per request: run `measure` under callgrind twice, with N and with 0 (the same
// start-up, the same warm-up), and divide the difference of the two totals by N.
import postgres from "postgres";
import process from "node:process";
import { migrate } from "../local/db/migrate.ts";
import { createFreshPostgresDb } from "../local/db/fresh.ts";
import { configureEnv, DEV_JWT_SECRET } from "../local/env.ts";
import { createStack } from "../local/server.ts";
import { poolOptions, useSql } from "../supabase/functions/_shared/db.ts";
import { signAccessToken } from "../supabase/functions/_shared/auth.ts";
import { type BenchActors, seedBench } from "./seed.ts";
import { benchPaths } from "./paths.ts";

const adminUrl = Deno.env.get("TEST_PG_ADMIN_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const [mode, file, n = "1000", pattern] = Deno.args;
type Saved = { url: string; name: string; actors: BenchActors };

if (mode === "prepare") {
  const fresh = await createFreshPostgresDb(adminUrl, "qunfang_cpu");
  const sql = postgres(fresh.url, {
    max: 2,
    prepare: false,
    onnotice: () => {},
  });
  await migrate(sql, { seed: true });
  const actors = await seedBench(sql);
  await sql.end();
  await Deno.writeTextFile(
    file,
    JSON.stringify({ url: fresh.url, name: fresh.name, actors }),
  );
  console.log(fresh.url);
} else if (mode === "drop") {
  const saved: Saved = JSON.parse(await Deno.readTextFile(file));
  const admin = postgres(adminUrl, {
    max: 1,
    prepare: false,
    onnotice: () => {},
  });
  await admin.unsafe(`drop database if exists "${saved.name}" with (force)`);
  await admin.end();
} else if (mode === "measure") {
  const saved: Saved = JSON.parse(await Deno.readTextFile(file));
  const count = Number(n);
  const poolMax = Number(Deno.env.get("DB_POOL_MAX") || 8);
  Deno.env.set("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
  await configureEnv({ base: "http://127.0.0.1:1", dbUrl: saved.url, poolMax });
  // connect_timeout: valgrind makes a connect far slower than POOL_OPTIONS allow
  const sql = postgres(saved.url, {
    ...poolOptions(),
    max: poolMax,
    connect_timeout: 60,
  });
  useSql(sql);
  const stack = createStack({
    sql,
    storageRoot: "/nonexistent",
    h5Dir: "/nonexistent",
    jwtSecret: () => DEV_JWT_SECRET,
  });
  const a = saved.actors;
  const token = (u: { userId: string; sessionId: string; phone: string }) =>
    signAccessToken({
      userId: u.userId,
      sessionId: u.sessionId,
      phone: u.phone,
    });
  const paths = benchPaths(a, {
    admin: await token(a.admin),
    officer: await token(a.officer),
    guard: await token(a.guard),
    supervisor: await token(a.supervisor),
  }).map((p): Drive => ({ ...p, body: null }));
  // the one write: the guard clocks on and off in turn in zone 1 (bench/seed.ts), a new
  // requestId each time (one guard: the requests queue on the guard's row lock)
  paths.push({
    name: "POST /api/duty (clock on/off)",
    url: "/functions/v1/api/duty",
    token: await token(a.guard),
    body: () =>
      JSON.stringify({
        code: "bench_zone_code_0000000001",
        action: "auto",
        requestId: crypto.randomUUID(),
      }),
  });
  // a guard's scan before the confirmation: what the clock would do (a read)
  paths.push({
    name: "POST /api/duty/preview",
    url: "/functions/v1/api/duty/preview",
    token: await token(a.guard),
    body: () => JSON.stringify({ code: "bench_zone_code_0000000001" }),
  });
  type Drive = {
    name: string;
    url: string;
    token: string;
    body: null | (() => string);
  };
  const drive = async ({ url, token: auth, body }: Drive, total: number) => {
    let next = 0;
    const worker = async () => {
      while (next++ < total) {
        const res = await stack.fetch(
          new Request(
            `http://127.0.0.1${url}`,
            body
              ? {
                method: "POST",
                headers: {
                  authorization: `Bearer ${auth}`,
                  "content-type": "application/json",
                },
                body: body(),
              }
              : { headers: { authorization: `Bearer ${auth}` } },
          ),
        );
        if (res.status !== 200) {
          throw new Error(`${url}: ${res.status} ${await res.text()}`);
        }
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
  };
  for (
    const p of paths.filter((p) => !pattern || new RegExp(pattern).test(p.name))
  ) {
    await drive(p, 300); // warm-up: JIT, plans, pool, the token memo
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (count > 0) await drive(p, count);
    const c = process.cpuUsage(c0);
    const us = count > 0 ? ((c.user + c.system) / count).toFixed(0) : "-";
    const ms = performance.now() - t0;
    console.log(
      `${p.name}: ${us} µs CPU/req (${count} requests, ${ms.toFixed(0)} ms wall)`,
    );
  }
  await sql.end();
} else {
  console.error(
    "usage: bench/cpu.ts prepare|measure|drop <file> [N] [path regex]",
  );
  Deno.exit(2);
}
