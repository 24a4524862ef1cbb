// The stack's database: DATABASE_URL when set (a real PostgreSQL), else embedded PGlite kept in
// a folder. PGlite has one session, so the whole stack shares ONE postgres.js client with one
// connection: the functions, Storage and the migrator all go through `sql` below.
import postgres from "postgres";
import { openPglite } from "./db/pglite.ts";
import { migrate } from "./db/migrate.ts";
import { fileURLToPath } from "node:url";

export type Database = {
  sql: postgres.Sql;
  url: string;
  poolMax: number;
  describe: string;
  prepare(o: { demo: boolean; log: (m: string) => void }): Promise<void>;
  close(): Promise<void>;
};

export async function openDatabase(
  o: { dataDir?: string; log: (m: string) => void },
): Promise<Database> {
  // An empty DATABASE_URL (as a parent process may pass) means unset, not "libpq defaults".
  const external = Deno.env.get("DATABASE_URL") || undefined;
  const lite = external ? null : await openPglite(o.dataDir);
  const url = external ?? lite!.url;
  const poolMax = external ? 5 : 1;
  const sql = postgres(url, { max: poolMax, prepare: false, onnotice: () => {} });
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
