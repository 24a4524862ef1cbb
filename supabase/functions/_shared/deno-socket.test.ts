// The Deno.connect socket under postgres.js (deno-socket.ts) against the database of the test
// run: what the pool relies on from a socket. Large messages both ways (back-pressure, a reply
// split over reads), many queries on few connections, a refused connect, a server that never
// answers (connect timeout), a terminated backend, and a clean end.
import assert from "node:assert/strict";
import postgres from "postgres";
import { POOL_OPTIONS } from "./db.ts";
import { denoSocket } from "./deno-socket.ts";

const url = Deno.env.get("SUPABASE_DB_URL");
const opts = { ...POOL_OPTIONS, socket: denoSocket } as typeof POOL_OPTIONS;
// 2 connections, or 1 on PGlite (one session: the stack's DB_POOL_MAX is 1 there)
const max = Math.min(2, Number(Deno.env.get("DB_POOL_MAX") || 2));
const test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, fn, ignore: !url, sanitizeOps: false, sanitizeResources: false });

test("deno socket: 1.5 MB out and back, 300 queries on 2 connections, a clean end", async () => {
  const sql = postgres(url!, { ...opts, max });
  try {
    const big = "群防".repeat(256 * 1024) + "x"; // 1.5 MB of UTF-8, far above one read / write
    const [row] = await sql.unsafe<{ n: number; back: string }[]>(
      "select length($1)::int as n, $1 as back",
      [big],
    );
    assert.equal(row.n, big.length);
    assert.equal(row.back, big);
    const many = await Promise.all(
      Array.from(
        { length: 300 },
        (_, i) => sql.unsafe<{ i: number }[]>("select $1::int as i", [i]),
      ),
    );
    assert.deepEqual(many.map(([r]) => r.i), Array.from({ length: 300 }, (_, i) => i));
  } finally {
    await sql.end({ timeout: 5 });
  }
});

test("deno socket: a refused connect fails at once with ECONNREFUSED, again on retry", async () => {
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = probe.addr.port;
  probe.close(); // nothing listens there now
  const sql = postgres(`postgres://postgres@127.0.0.1:${port}/none`, { ...opts, max: 1 });
  try {
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      await assert.rejects(sql`select 1`, (e: { code?: string }) => e.code === "ECONNREFUSED");
      assert.ok(performance.now() - t0 < 1000, "refused within a second");
    }
  } finally {
    await sql.end({ timeout: 1 });
  }
});

test("deno socket: a server that accepts and never answers times out (CONNECT_TIMEOUT)", async () => {
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const c of silent) held.push(c);
  })();
  const sql = postgres(`postgres://postgres@127.0.0.1:${silent.addr.port}/none`, {
    ...opts,
    max: 1,
  });
  try {
    const t0 = performance.now();
    await assert.rejects(sql`select 1`, (e: { code?: string }) => e.code === "CONNECT_TIMEOUT");
    const ms = performance.now() - t0;
    assert.ok(ms >= 900 && ms < 3000, `timed out after ${ms.toFixed(0)} ms (connect_timeout 1 s)`);
  } finally {
    await sql.end({ timeout: 1 });
    silent.close();
    await accepting.catch(() => {});
    for (const c of held) c.close();
  }
});

test("deno socket: a terminated backend fails its query, the next one reconnects", async () => {
  const sql = postgres(url!, { ...opts, max: 1 });
  const admin = postgres(url!, { ...opts, max: 1 });
  try {
    const [{ v }] = await sql<{ v: string }[]>`select version() as v`;
    if (/emscripten|wasm/i.test(v)) return; // PGlite: one session, no backend to terminate
    const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const running = sql`select pg_sleep(5)`.catch((e) => e);
    await new Promise((r) => setTimeout(r, 200));
    await admin`select pg_terminate_backend(${pid}::int)`;
    const e = await running;
    assert.ok(e instanceof Error, "the running query failed");
    const [again] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    assert.notEqual(again.pid, pid);
  } finally {
    await sql.end({ timeout: 2 });
    await admin.end({ timeout: 2 });
  }
});
