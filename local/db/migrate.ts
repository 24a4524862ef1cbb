// Brings a database to the schema of supabase/migrations the way the Supabase CLI
// (2.117) would: the shim first (what hosted Supabase already has), then every
// migration not yet recorded in supabase_migrations.schema_migrations, each in its own
// transaction and recorded with the CLI's own DDL and columns, then supabase/seed.sql
// recorded in supabase_migrations.seed_files. A database migrated here is "up to date"
// for `supabase db push`, and one pushed by the CLI is up to date here.
import type postgres from "postgres";
import { splitStatements } from "./split.ts";

export interface MigrateOptions {
  /** Run supabase/seed.sql (default true). */
  seed?: boolean;
  log?: (msg: string) => void;
}

const root = new URL("../../", import.meta.url);
const shimUrl = new URL("local/db/shim.sql", root);
const migrationsUrl = new URL("supabase/migrations/", root);
const seedUrl = new URL("supabase/seed.sql", root);
/** The path the CLI records for the default seed file. */
const SEED_PATH = "supabase/seed.sql";
const MIGRATION_FILE = /^([0-9]+)_(.*)\.sql$/u;
/** Serialises concurrent migrate() runs on one database (any constant works). */
const LOCK_KEY = 7_406_231_117;

// The CLI's statements, verbatim (see the Supabase CLI source): a table created with the
// primary key only, then the columns added, so older tables are upgraded in place.
const HISTORY_DDL = [
  "CREATE SCHEMA IF NOT EXISTS supabase_migrations",
  "CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)",
  "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]",
  "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text",
  "CREATE TABLE IF NOT EXISTS supabase_migrations.seed_files (path text NOT NULL PRIMARY KEY, hash text NOT NULL)",
];

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
}

/** Migration files in version order, as the CLI lists them. */
export async function listMigrations(): Promise<MigrationFile[]> {
  const files: MigrationFile[] = [];
  for await (const entry of Deno.readDir(migrationsUrl)) {
    const m = entry.isFile ? MIGRATION_FILE.exec(entry.name) : null;
    if (m) files.push({ version: m[1], name: m[2], file: entry.name });
  }
  return files.sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : 1));
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function migrate(sql: postgres.Sql, opts: MigrateOptions = {}): Promise<void> {
  const log = opts.log ?? (() => {});

  const shim = await Deno.readTextFile(shimUrl);
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
    await tx.unsafe(shim).simple();
    for (const ddl of HISTORY_DDL) await tx.unsafe(ddl);
  });
  log("shim applied");

  for (const m of await listMigrations()) {
    const text = await Deno.readTextFile(new URL(m.file, migrationsUrl));
    const applied = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
      const [done] = await tx`
        select 1 from supabase_migrations.schema_migrations where version = ${m.version}`;
      if (done) return false;
      await tx.unsafe(text).simple();
      // The CLI's search_path is the session's; put it back in case a migration changed it.
      await tx.unsafe("reset search_path");
      await tx`
        insert into supabase_migrations.schema_migrations (version, name, statements)
        values (${m.version}, ${m.name}, ${splitStatements(text)})`;
      return true;
    });
    if (applied) log(`applied migration ${m.file}`);
  }

  if (opts.seed ?? true) await seed(sql, log);
}

// The seed runs when it was never applied, and again when its content changed (seed.sql
// is idempotent), so a persisted local database picks up rows added to it later.
async function seed(sql: postgres.Sql, log: (msg: string) => void): Promise<void> {
  let text: string;
  try {
    text = await Deno.readTextFile(seedUrl);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw e;
  }
  const hash = await sha256Hex(text);
  const ran = await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
    const [row] = await tx<{ hash: string }[]>`
      select hash from supabase_migrations.seed_files where path = ${SEED_PATH}`;
    if (row?.hash === hash) return false;
    await tx.unsafe(text).simple();
    await tx.unsafe("reset search_path");
    await tx`
      insert into supabase_migrations.seed_files (path, hash) values (${SEED_PATH}, ${hash})
      on conflict (path) do update set hash = excluded.hash`;
    return true;
  });
  if (ran) log("seeded supabase/seed.sql");
}
