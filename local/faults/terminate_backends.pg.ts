// The fault test of the PostgreSQL phase (issue 12): under a bounded load through the real HTTP
// server, every backend of the test database is terminated (pg_terminate_backend) several
// times, then it refuses connections for 3 s. The process must live, every failure must be a
// 503 with Retry-After answered within 2 s, a request must succeed again within 1 s, and every
// acknowledged write must be there.
// Runs on its own fresh database (the terminations would break the other suites' connections).
import assert from "node:assert/strict";
import postgres from "postgres";
import { createFreshPostgresDb } from "../db/fresh.ts";
import { migrate } from "../db/migrate.ts";
import { anonKey, DEV_JWT_SECRET } from "../env.ts";
import { createStack } from "../server.ts";
import { closeDb } from "../../supabase/functions/_shared/db.ts";
import { lostSessions, recoveryAfter, runLoad } from "./load.ts";

const adminUrl = Deno.env.get("TEST_PG_ADMIN_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";

Deno.test({
  name: "the API survives terminated backends: 503 + Retry-After within 2 s, back within 1 s",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const fresh = await createFreshPostgresDb(adminUrl, "qunfang_faults");
    const sql = postgres(fresh.url, { max: 2, prepare: false, onnotice: () => {} });
    const admin = postgres(adminUrl, { max: 1, prepare: false, onnotice: () => {} });
    const storageRoot = await Deno.makeTempDir({ prefix: "qf_faults_" });
    let server: Deno.HttpServer<Deno.NetAddr> | null = null;
    try {
      await migrate(sql, { seed: true });
      const set = (k: string, v: string) => Deno.env.set(k, v);
      set("SUPABASE_DB_URL", fresh.url);
      set("DB_POOL_MAX", "4");
      set("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
      set("WECHAT_APPID", "wxdev");
      set("WECHAT_SECRET", "devsecret");
      set("REGISTRY_API_KEY", "devkey");
      set("SUPABASE_ANON_KEY", await anonKey(DEV_JWT_SECRET));
      server = Deno.serve(
        { port: 0, hostname: "127.0.0.1", onListen: () => {} },
        createStack({
          sql,
          storageRoot,
          h5Dir: storageRoot,
          jwtSecret: () => DEV_JWT_SECRET,
        }).fetch,
      );
      const base = `http://127.0.0.1:${server.addr.port}`;
      set("WECHAT_API_BASE", `${base}/_wechat`);
      set("REGISTRY_API_BASE", `${base}/_registry`);
      set("SUPABASE_URL", base);

      const kills: number[] = [];
      const refused = { start: 0, end: 0 };
      let done = false;
      const killer = (async () => {
        for (let i = 0; i < 5; i++) {
          await new Promise((r) => setTimeout(r, 1200));
          kills.push(performance.now());
          await admin`select pg_terminate_backend(pid) from pg_stat_activity
                      where datname = ${fresh.name} and pid <> pg_backend_pid()`;
        }
        // Then the database refuses connections for 3 s (every backend terminated, new ones
        // refused with FATAL 55000), as a restart or a failover looks to the pool: queries queue
        // for a connection that cannot be made, and each must still be answered within 2 s.
        await new Promise((r) => setTimeout(r, 1200));
        refused.start = performance.now();
        await admin.unsafe(`alter database "${fresh.name}" allow_connections false`);
        await admin`select pg_terminate_backend(pid) from pg_stat_activity
                    where datname = ${fresh.name} and pid <> pg_backend_pid()`;
        await new Promise((r) => setTimeout(r, 3000));
        await admin.unsafe(`alter database "${fresh.name}" allow_connections true`);
        refused.end = performance.now();
        await new Promise((r) => setTimeout(r, 1500));
        done = true;
      })();
      const { outcomes, acknowledgedSessions } = await runLoad(base, {
        workers: 6,
        until: () => done,
        pauseMs: 5,
      });
      await killer;

      const failures = outcomes.filter((x) => x.status !== 200);
      const statuses = [...new Set(failures.map((x) => `${x.status} ${x.code}`))];
      console.log(
        `  ${outcomes.length} requests, ${failures.length} failed (${statuses.join(", ") || "-"})` +
          `, ${acknowledgedSessions.length} acknowledged sign-ins, ${kills.length} terminations`,
      );
      for (const [i, t] of kills.entries()) {
        const hit = failures.filter((x) => x.end >= t && x.start < t + 1000);
        console.log(
          `  termination ${i + 1}: ${hit.length} failed (slowest ${
            Math.max(0, ...hit.map((x) => x.end - x.start)).toFixed(0)
          } ms), next successful request sent after ${recoveryAfter(outcomes, t)?.toFixed(0)} ms`,
        );
      }
      const inWindow = outcomes.filter((x) => x.start >= refused.start && x.start < refused.end);
      const refusedFailures = inWindow.filter((x) => x.status !== 200);
      const back = recoveryAfter(outcomes, refused.end);
      console.log(
        `  3 s of refused connections: ${inWindow.length} requests, ${refusedFailures.length} ` +
          `failed (slowest ${
            Math.max(0, ...refusedFailures.map((x) => x.end - x.start)).toFixed(0)
          } ms), next successful request sent ${
            back?.toFixed(0)
          } ms after connections were allowed`,
      );
      for (const f of failures.filter((x) => x.end - x.start >= 2000)) {
        const at = (f.start - refused.start).toFixed(0);
        console.log(
          `  slow: ${f.kind} ${f.status} ${f.code}, sent ${at} ms after the refusal began`,
        );
      }
      for (const f of failures) {
        assert.equal(f.status, 503, `a failure answered ${f.status} ${f.code}, not 503`);
        assert.equal(f.code, "database_unavailable");
        assert.ok(f.retryAfter, "a 503 without Retry-After");
        assert.ok(f.end - f.start < 2000, `a 503 took ${(f.end - f.start).toFixed(0)} ms`);
      }
      for (const t of kills) {
        const r = recoveryAfter(outcomes, t);
        assert.ok(
          r !== null && r < 1000,
          `no request sent within 1 s of a termination succeeded (${r} ms)`,
        );
      }
      assert.ok(refusedFailures.length > 20, "the refusal window refused too few requests");
      assert.ok(
        back !== null && back < 1000,
        `no request succeeded within 1 s of the refusal (${back} ms)`,
      );
      assert.ok(acknowledgedSessions.length > 20, "the load acknowledged too few writes");
      assert.deepEqual(await lostSessions(sql, acknowledgedSessions), []);
    } finally {
      await admin.unsafe(`alter database "${fresh.name}" allow_connections true`).catch(() => {});
      await server?.shutdown();
      await closeDb();
      await sql.end({ timeout: 2 });
      await admin.end({ timeout: 2 });
      await fresh.drop();
      await Deno.remove(storageRoot, { recursive: true });
    }
  },
});
