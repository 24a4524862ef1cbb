// The CPU of single pieces of the request path, each in a loop of its own (docs/request-path.md):
// what a lever can save at most, measured as CPU time of this process (load moves it little) or,
// under `valgrind --tool=callgrind`, as instructions (run one lever with N and with 0
// iterations and divide the difference by N).
//   deno run -A bench/levers.ts <bench/cpu.ts file> [lever] [N]
import postgres from "postgres";
import process from "node:process";
import { DEV_JWT_SECRET } from "../local/env.ts";
import { callAs, poolOptions, useSql } from "../supabase/functions/_shared/db.ts";
import { signAccessToken, verifyAccessToken } from "../supabase/functions/_shared/auth.ts";
import { jwtVerify } from "jose";
import { encodeCursor } from "../supabase/functions/api/lib/cursor.ts";
import type { BenchActors } from "./seed.ts";

const [file, only, n = "20000"] = Deno.args;
const saved: { url: string; actors: BenchActors } = JSON.parse(await Deno.readTextFile(file));
Deno.env.set("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
const sql = postgres(saved.url, { ...poolOptions(), max: 1, connect_timeout: 60 });
useSql(sql);
const a = saved.actors.admin;
const token = await signAccessToken({ userId: a.userId, sessionId: a.sessionId, phone: a.phone });
const claims = await verifyAccessToken(token);
const key = new TextEncoder().encode(DEV_JWT_SECRET);
// the staff page as the database answers it: the former shape (rows + joinedKey) and the new one
const staffRows = await callAs(
  claims,
  "private.staff_page_as",
  a.companyId,
  null,
  null,
  null,
  21,
);
const rowsText = JSON.stringify(
  JSON.parse(staffRows).items.map((r: Record<string, unknown>) => ({
    ...r,
    joinedKey: "2026-11-28 10:00:00.123456+00",
  })),
);

let sink: unknown;
const levers: Record<string, () => unknown | Promise<unknown>> = {
  // reading one variable of the environment (an op into Rust)
  "env.get": () => sink = Deno.env.get("SUPABASE_JWT_SECRET"),
  // the memoised verification of a token already seen
  "verify (memo hit)": () => verifyAccessToken(token),
  // what the memo saves: jose's HS256 verification with an imported key
  "verify (jose)": () => jwtVerify(token, key, { algorithms: ["HS256"] }),
  // the former staff route: parse the rows, drop joinedKey, make the cursor, print again
  "staff page: parse + reshape + stringify": () => {
    const rows = JSON.parse(rowsText);
    const page = rows.slice(0, 20);
    const last = page.at(-1);
    sink = JSON.stringify({
      items: page.map(({ joinedKey: _, ...r }: Record<string, unknown>) => r),
      nextCursor: rows.length > 20 ? encodeCursor([last.joinedKey, last.membershipId]) : null,
    });
  },
  // the pass-through: nothing but the Response around the text
  "staff page: as is": () => sink = new Response(staffRows),
  // one round trip through postgres.js (the database's own time included in wall, not in CPU)
  "callAs departments_as": () => callAs(claims, "private.departments_as"),
};

for (const [name, fn] of Object.entries(levers)) {
  if (only && only !== "all" && only !== name) continue;
  const count = Number(n);
  for (let i = 0; i < 200; i++) await fn(); // warm-up
  const c0 = process.cpuUsage();
  for (let i = 0; i < count; i++) await fn();
  const c = process.cpuUsage(c0);
  console.log(`${name}: ${count ? ((c.user + c.system) / count).toFixed(2) : "-"} µs CPU each`);
}
void sink;
await sql.end();
