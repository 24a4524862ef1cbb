// The stack's database: DATABASE_URL when set (a real PostgreSQL), else embedded PGlite kept in
// a folder. PGlite has one session, so the whole stack shares ONE postgres.js client with one
// connection: the functions, Storage and the migrator all go through `sql` below.
import postgres from "postgres";
import { openPglite } from "./db/pglite.ts";
import { migrate } from "./db/migrate.ts";
import { fileURLToPath } from "node:url";
import { poolOptions } from "../supabase/functions/_shared/db.ts";

export type Database = {
  sql: postgres.Sql;
  url: string;
  poolMax: number;
  describe: string;
  prepare(o: { demo: boolean; log: (m: string) => void }): Promise<void>;
  close(): Promise<void>;
};

// 16: the best of 4, 8 and 16 at 32 concurrent clients (docs/request-path.md, "The pool").
const DEFAULT_POOL = 16;

function poolSize(): number {
  const n = Number(Deno.env.get("DB_POOL_MAX") || DEFAULT_POOL);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_POOL;
}

export async function openDatabase(
  o: { dataDir?: string; log: (m: string) => void },
): Promise<Database> {
  // An empty DATABASE_URL (as a parent process may pass) means unset, not "libpq defaults".
  const external = Deno.env.get("DATABASE_URL") || undefined;
  const lite = external ? null : await openPglite(o.dataDir);
  const url = external ?? lite!.url;
  // DB_POOL_MAX sizes the pool on a real PostgreSQL (docs/request-path.md has the figures);
  // PGlite has one session, so one connection there whatever the setting.
  const poolMax = external ? poolSize() : 1;
  const sql = postgres(url, { ...poolOptions(), max: poolMax });
  return {
    sql,
    url,
    poolMax,
    describe: external
      ? url.replace(/:[^:@/]*@/, ":***@")
      : `PGlite ${o.dataDir ?? "(内存)"} via ${url}`,
    async prepare({ demo, log }) {
      await migrate(sql, { seed: true, log });
      if (demo) {
        const path = fileURLToPath(new URL("./demo.sql", import.meta.url));
        await sql.unsafe(await Deno.readTextFile(path));
        log("demo data: local/demo.sql");
      }
    },
    async close() {
      await sql.end({ timeout: 2 });
      await lite?.close();
    },
  };
}
