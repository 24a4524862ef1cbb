// The database access of the functions (docs/request-path.md). Every user request runs as the
// caller: private.act_as(claims) checks the session (auth_bridge.sessions: a revoked session is
// refused at once, 401 session_revoked), then takes the role `authenticated` and the caller's JWT
// claims exactly as PostgREST does, so RLS decides what the request may see and write.
// - callAs: a read (or a one-function write) is ONE statement, `select private.<x>_as(claims,
//   args…)::text`: the role switch, the claims and the query run inside one SQL function (its
//   statements are planned once per connection), in the statement's own implicit transaction,
//   in one round trip.
// - withUser: a transaction (begin; act_as; the route's statements; commit), for writes and for
//   reads that have no SQL function yet.
// - withAuthBridge: the sign-in path, before a user session exists (the NOLOGIN role owning
//   schema auth_bridge). Never a service role.
// Transaction-pooler rules (Supabase's Supavisor): no session state outlives a transaction
// (set_config(…, true) only), no named prepared statements (prepare: false).
import postgres from "postgres";
import { env } from "./env.ts";
import { toAppError } from "./errors.ts";
import { denoSocket } from "./deno-socket.ts";

export type Tx = postgres.TransactionSql;
export type Claims = Record<string, unknown> & { sub: string; role: string };

let pool: { key: string; sql: postgres.Sql } | null = null;
let hosted: postgres.Sql | null = null;

/** postgres.js options of every pool of the project (the functions', the local stack's). */
export const POOL_OPTIONS = {
  prepare: false,
  onnotice: () => {},
  idle_timeout: 20,
  // While the database is away a request must fail within 2 s (503 + Retry-After), not hang
  // for postgres.js's default 30 s; a refused connection fails at once anyway.
  connect_timeout: 1,
  // Reconnect quickly once it is back: postgres.js's default backoff grows to 20 s after a few
  // failed connects, far past the 1 s in which the first request must succeed again.
  backoff: (attempts: number) => Math.min(0.05 * attempts, 0.25),
} satisfies postgres.Options<Record<string, postgres.PostgresType>>;

/**
 * POOL_OPTIONS and the socket: Deno's node:net (postgres.js's own path, the default), or
 * Deno.connect through `deno-socket.ts` with DB_SOCKET=deno (measured no cheaper: the socket's
 * cost is the syscalls, docs/request-path.md). Read when a pool is made.
 */
export function poolOptions(): typeof POOL_OPTIONS {
  if (env.dbSocket() !== "deno") return POOL_OPTIONS;
  // `socket` is a postgres.js option its types leave out
  return { ...POOL_OPTIONS, socket: denoSocket } as typeof POOL_OPTIONS;
}

/**
 * Lets a host hand over its own client (the local stack on PGlite has ONE connection that the
 * functions, Storage and the migrator must share). Pass null to go back to SUPABASE_DB_URL.
 */
export function useSql(sql: postgres.Sql | null): void {
  hosted = sql;
}

/** The pool for SUPABASE_DB_URL, created on first use and recreated when the URL changes. */
export function db(): postgres.Sql {
  if (hosted) return hosted;
  const url = env.dbUrl();
  const max = env.dbPoolMax();
  const key = `${url}#${max}#${env.dbSocket()}`;
  if (pool?.key !== key) {
    const old = pool;
    pool = { key, sql: postgres(url, { ...poolOptions(), max }) };
    old?.sql.end({ timeout: 1 }).catch(() => {});
  }
  return pool.sql;
}

export async function closeDb(): Promise<void> {
  const old = pool;
  pool = null;
  await old?.sql.end({ timeout: 2 });
}

/** A parameter of a callAs function: text, numbers and null need no Describe round trip. */
export type CallArg = string | number | null;

/**
 * One statement, one round trip: `select <fn>(claims, args…)::text`. `fn` names a SQL function
 * of schema private (a constant of the calling route, never input) taking (claims jsonb, args…),
 * starting with private.act_as(claims) and returning json; its text is returned as is. For
 * every read, and for a write that is one SQL function (the statement is its own transaction:
 * it commits when the call returns). docs/request-path.md.
 */
export async function callAs(claims: Claims, fn: string, ...args: CallArg[]): Promise<string> {
  if (!/^private\.[a-z_]+_as$/.test(fn)) {
    throw new Error(`callAs: not a private.*_as function: ${fn}`);
  }
  const params = args.map((_, i) => `, $${i + 2}`).join("");
  try {
    const [row] = await db().unsafe<{ j: string | null }[]>(
      `select ${fn}($1::text::jsonb${params})::text as j`,
      [JSON.stringify(claims), ...args],
    );
    return row.j ?? "null";
  } catch (e) {
    throw toAppError(e);
  }
}

export async function withUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().begin(async (tx) => {
      // One statement: the session check, the role and the claims (the single-claim settings
      // too, as Storage sets them: Supabase's auth.uid() reads request.jwt.claim.sub first).
      await tx`select private.act_as(${JSON.stringify(claims)}::text::jsonb)`;
      return await fn(tx);
    }) as T;
  } catch (e) {
    throw toAppError(e);
  }
}

export async function withAuthBridge<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().begin(async (tx) => {
      await tx`set local role auth_bridge`;
      return await fn(tx);
    }) as T;
  } catch (e) {
    throw toAppError(e);
  }
}
