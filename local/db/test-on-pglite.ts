// Runs the database tests (supabase/tests) against a fresh in-memory PGlite: opens it,
// migrates and seeds it, then runs `deno test` in a subprocess pointed at its socket with
// a pool of one (the only safe size over pglite-socket). Extra args go to `deno test`.
// Usage: deno run -A local/db/test-on-pglite.ts [deno test args...]
import postgres from "postgres";
import { migrate } from "./migrate.ts";
import { openPglite } from "./pglite.ts";

const root = new URL("../../", import.meta.url);
const pg = await openPglite();
let code = 1;
try {
  const sql = postgres(pg.url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await migrate(sql, { log: (m) => console.log(`[pglite] ${m}`) });
  } finally {
    // release the single connection before the tests take it
    await sql.end();
  }
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "--allow-all", ...(Deno.args.length ? Deno.args : ["supabase/tests"])],
    cwd: root.pathname,
    env: { SUPABASE_DB_URL: pg.url, DB_POOL_MAX: "1" },
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  code = (await child.status).code;
} finally {
  await pg.close();
}
Deno.exit(code);
