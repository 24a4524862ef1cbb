// Proves that local/db/migrate.ts and the Supabase CLI agree, on real PostgreSQL:
//  A. a database migrated by migrate() is "up to date" for `supabase db push --dry-run
//     --include-seed` (no migration, no seed to apply);
//  B. a database holding only the shim accepts every migration and the seed from
//     `supabase db push --include-seed`, records exactly what migrate() records, and
//     migrate() then finds nothing left to do.
// Usage: deno run -A local/db/check-cli.ts [adminUrl]   (default: PG_ADMIN_URL or
// postgresql://postgres@127.0.0.1:5432/postgres). Exits non-zero on any failure.
import postgres from "postgres";
import { createFreshPostgresDb, type FreshDb } from "./fresh.ts";
import { migrate } from "./migrate.ts";

const root = new URL("../../", import.meta.url);
const cli = new URL("node_modules/.bin/supabase", root).pathname;
const adminUrl = Deno.args[0] ?? Deno.env.get("PG_ADMIN_URL") ??
  "postgresql://postgres@127.0.0.1:5432/postgres";

function withSslDisabled(url: string): string {
  const u = new URL(url);
  u.searchParams.set("sslmode", "disable");
  return u.toString();
}

async function supabase(args: string[]): Promise<{ code: number; stdout: string }> {
  console.log(`$ supabase ${args.join(" ")}`);
  const out = await new Deno.Command(cli, {
    args,
    cwd: root.pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  if (stdout.trim()) console.log(stdout.trim());
  if (stderr.trim()) console.log(stderr.trim());
  return { code: out.code, stdout };
}

function fail(msg: string): never {
  throw new Error(`check-cli: ${msg}`);
}

type History = { version: string; name: string; statements: string[] }[];

async function history(sql: postgres.Sql): Promise<{ migrations: History; seeds: string[] }> {
  const migrations = await sql<History>`
    select version, name, statements from supabase_migrations.schema_migrations order by version`;
  const seeds = await sql<{ s: string }[]>`
    select path || ':' || hash as s from supabase_migrations.seed_files order by path`;
  return { migrations: [...migrations], seeds: seeds.map((r) => r.s) };
}

const dbs: FreshDb[] = [];
const clients: postgres.Sql[] = [];
const connect = (url: string) => {
  const sql = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  clients.push(sql);
  return sql;
};

try {
  // A. migrate() → the CLI sees nothing to push
  const a = await createFreshPostgresDb(adminUrl, "qf_db_cli_");
  dbs.push(a);
  const sqlA = connect(a.url);
  await migrate(sqlA, { log: (m) => console.log(`[A] ${m}`) });
  const dry = await supabase([
    "db",
    "push",
    "--db-url",
    withSslDisabled(a.url),
    "--dry-run",
    "--include-seed",
    "--yes",
    "--output-format",
    "json",
  ]);
  if (dry.code !== 0) fail(`A: db push --dry-run exited ${dry.code}`);
  const report = JSON.parse(dry.stdout.slice(dry.stdout.indexOf("{")));
  if (report.upToDate !== true || report.migrations.length || report.seeds.length) {
    fail(`A: CLI would still push: ${dry.stdout}`);
  }
  const list = await supabase(["migration", "list", "--db-url", withSslDisabled(a.url)]);
  if (list.code !== 0) fail(`A: migration list exited ${list.code}`);
  console.log("[A] ok: nothing to push after migrate()");

  // B. shim only → the CLI pushes everything; histories match; migrate() has nothing to do
  const b = await createFreshPostgresDb(adminUrl, "qf_db_cli_");
  dbs.push(b);
  const sqlB = connect(b.url);
  await sqlB.unsafe(await Deno.readTextFile(new URL("local/db/shim.sql", root))).simple();
  const push = await supabase([
    "db",
    "push",
    "--db-url",
    withSslDisabled(b.url),
    "--include-seed",
    "--yes",
  ]);
  if (push.code !== 0) fail(`B: db push exited ${push.code}`);
  const [ha, hb] = [await history(sqlA), await history(sqlB)];
  if (JSON.stringify(ha) !== JSON.stringify(hb)) {
    fail("B: the CLI recorded a different history than migrate()");
  }
  const count = (s: postgres.Sql) =>
    s<{ n: number }[]>`select count(*)::int n from public.departments`;
  const [[da], [db]] = [await count(sqlA), await count(sqlB)];
  if (da.n !== db.n || da.n === 0) fail(`B: departments ${db.n} (CLI) vs ${da.n} (migrate)`);
  const applied: string[] = [];
  await migrate(sqlB, { log: (m) => m !== "shim applied" && applied.push(m) });
  if (applied.length) fail(`B: migrate() after the CLI still did: ${applied.join("; ")}`);
  console.log(
    `[B] ok: CLI pushed ${hb.migrations.length} migrations + seed; same history; migrate() idle`,
  );
  console.log("check-cli: OK");
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  Deno.exitCode = 1;
} finally {
  for (const c of clients) await c.end();
  for (const d of dbs) await d.drop();
}
