// `deno task bench`: latency of the identity path through the real app, on embedded PGlite and
// (when reachable) on PostgreSQL, each against an anchor measured the same way on the same
// pool: one `select 1` round trip. Ratios say what our path costs beyond the database's
// floor, so they stay comparable across machines. Prints figures; asserts nothing.
import postgres from "postgres";
import { Hono } from "hono";
import { migrate } from "../local/db/migrate.ts";
import { openPglite } from "../local/db/pglite.ts";
import { createFreshPostgresDb } from "../local/db/fresh.ts";
import { anonKey, DEV_JWT_SECRET } from "../local/env.ts";
import { wechatApp } from "../local/standins/wechat.ts";
import { registryApp } from "../local/standins/registry.ts";
import { app } from "../supabase/functions/api/app.ts";
import { useSql } from "../supabase/functions/_shared/db.ts";

const N = Number(Deno.env.get("BENCH_N") ?? 300);
const adminUrl = Deno.env.get("TEST_PG_ADMIN_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";

Deno.env.set("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
Deno.env.set("WECHAT_APPID", "wxdev");
Deno.env.set("WECHAT_SECRET", "devsecret");
Deno.env.set("REGISTRY_API_KEY", "devkey");
const standins = new Hono().route("/_wechat", wechatApp).route("/_registry", registryApp);
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, standins.fetch);
const base = `http://127.0.0.1:${server.addr.port}`;
Deno.env.set("WECHAT_API_BASE", `${base}/_wechat`);
Deno.env.set("REGISTRY_API_BASE", `${base}/_registry`);
Deno.env.set("SUPABASE_ANON_KEY", await anonKey(DEV_JWT_SECRET));

type Stats = { p50: number; p95: number; mean: number };
async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i); // warm-up: JIT, plans, pool
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { p50: at(0.5), p95: at(0.95), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

async function signIn(phone: string) {
  const codes = await (await fetch(`${base}/_wechat/_dev/codes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phone }),
  })).json();
  const res = await app.request("/api/auth/wechat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(codes),
  });
  if (res.status !== 200) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  return await res.json() as { accessToken: string };
}

async function benchOn(label: string, url: string, poolMax: number) {
  const sql = postgres(url, { max: poolMax, prepare: false, onnotice: () => {} });
  await migrate(sql, { seed: true });
  useSql(sql);
  const anchor = await time(N, () => sql`select 1`);
  const { accessToken } = await signIn(`136${String(Date.now() % 1e8).padStart(8, "0")}`);
  const me = await time(N, async () => {
    const r = await app.request("/api/me", { headers: { authorization: `Bearer ${accessToken}` } });
    if (r.status !== 200) throw new Error(`me ${r.status}`);
    await r.body?.cancel();
  });
  const seed = Date.now() % 1e6;
  const signin = await time(
    Math.ceil(N / 3),
    (i) => signIn(`135${String(seed * 100 + i).padStart(8, "0").slice(-8)}`),
  );
  useSql(null);
  await sql.end();
  const row = (name: string, s: Stats) =>
    `  ${name.padEnd(30)} p50 ${s.p50.toFixed(2).padStart(7)} ms  p95 ${
      s.p95.toFixed(2).padStart(7)
    } ms  ` +
    `×${(s.p50 / anchor.p50).toFixed(1)} anchor`;
  console.log(`\n${label} (n=${N})`);
  console.log(row("anchor: select 1", anchor));
  console.log(row("GET /api/me (RLS, 1 tx)", me));
  console.log(row("POST /api/auth/wechat (3 calls)", signin));
}

const lite = await openPglite();
try {
  await benchOn("PGlite (embedded, one connection)", lite.url, 1);
} finally {
  await lite.close();
}
try {
  const db = await createFreshPostgresDb(adminUrl, "qunfang_bench");
  try {
    await benchOn("PostgreSQL 15 (pool of 5)", db.url, 5);
  } finally {
    await db.drop();
  }
} catch (e) {
  console.log(`\nPostgreSQL skipped: ${e instanceof Error ? e.message : e}`);
}
await server.shutdown();
