// Shared plumbing of the database tests: one postgres.js client for the already
// migrated database in SUPABASE_DB_URL, and helpers that run a test's statements as a
// given actor exactly as the API (and PostgREST) would: inside a transaction, after
// set_config('role', ...) and set_config('request.jwt.claims', ...). The actor helpers
// always roll back, so tests never see each other's writes; rows a test needs
// committed (users, seeded objects) are made unique with random phones and names.
import postgres from "postgres";
import assert from "node:assert/strict";

const url = Deno.env.get("SUPABASE_DB_URL");
if (!url) {
  throw new Error(
    "SUPABASE_DB_URL is not set: point it at a migrated database (the test driver does).",
  );
}

export const sql = postgres(url, {
  max: Number(Deno.env.get("DB_POOL_MAX") ?? 5),
  prepare: false,
  onnotice: () => {},
});

Deno.test.afterAll(async () => {
  await sql.end({ timeout: 5 });
});

export type Tx = postgres.TransactionSql;

/**
 * Deno.test for a test that uses the shared pool. The pool opens its sockets lazily
 * during the first test and keeps them for the next ones, which the resource and op
 * sanitizers would report as leaks; the pool is closed in afterAll instead.
 */
export function dbTest(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, fn, sanitizeResources: false, sanitizeOps: false });
}

class Rollback extends Error {}

/** Runs fn in a transaction as `role` with `claims`, then rolls everything back. */
export async function asRole<T>(
  role: string,
  claims: Record<string, unknown>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  try {
    await sql.begin(async (tx) => {
      await tx`
        select set_config('role', ${role}, true),
               set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return result as T;
}

/** As the signed-in user `userId` (the claims the API puts in its access tokens). */
export function asUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asRole("authenticated", {
    sub: userId,
    role: "authenticated",
    aud: "authenticated",
  }, fn);
}

/** As an anonymous caller (the anon key, no user). */
export function asAnon<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return asRole("anon", { role: "anon" }, fn);
}

/** As the sign-in server (set local role auth_bridge); committed, like the API's calls. */
export function asBridge<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('role', 'auth_bridge', true)`;
    return await fn(tx);
  }) as Promise<T>;
}

/** A random mobile number outside the registry's demo range (139000000xx). */
export function randomPhone(): string {
  const digits = crypto.getRandomValues(new Uint32Array(3));
  return `17${String(digits[0] % 1e5).padStart(5, "0")}${String(digits[1] % 1e4).padStart(4, "0")}`;
}

export interface TestUser {
  id: string;
  phone: string;
  sessionId: string;
}

/** A committed user made through auth_bridge.sign_in, as the WeChat sign-in does it. */
export async function newUser(): Promise<TestUser> {
  const phone = randomPhone();
  const [row] = await asBridge((tx) =>
    tx<{ user_id: string; session_id: string }[]>`
      select * from auth_bridge.sign_in(${phone}, ${`openid-${crypto.randomUUID()}`})`
  );
  return { id: row.user_id, phone, sessionId: row.session_id };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * ID_WEIGHTS[i], 0);
  return "10X98765432"[sum % 11];
}

/** A random valid ID number (常州天宁 region code, birth 1960-1999): unique per call. */
export function randomIdNumber(): string {
  const r = crypto.getRandomValues(new Uint32Array(3));
  const year = 1960 + (r[0] % 40);
  const month = String(1 + (r[1] % 12)).padStart(2, "0");
  const day = String(1 + (r[2] % 28)).padStart(2, "0");
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, "0");
  const first17 = `320402${year}${month}${day}${seq}`;
  return first17 + idCheckChar(first17);
}

// node:assert rather than @std/assert: jsr.io is unreachable on these machines, so
// @std/assert cannot be fetched (the import map's entry fails to load).
/** Deep equality on JSON-normal values (postgres.js results are Array subclasses). */
export function assertEquals(actual: unknown, expected: unknown, msg?: string): void {
  const norm = (v: unknown) => v === undefined ? undefined : JSON.parse(JSON.stringify(v));
  assert.deepStrictEqual(norm(actual), norm(expected), msg);
}

/** Asserts that `promise` fails with SQLSTATE `code` (and, for P0001, `message`). */
export async function assertPgError(
  promise: () => Promise<unknown>,
  code: string,
  message?: string,
): Promise<postgres.PostgresError> {
  let err: unknown;
  try {
    await promise();
  } catch (e) {
    err = e;
  }
  if (!(err instanceof postgres.PostgresError)) {
    throw new assert.AssertionError({
      message: `expected a PostgresError ${code}, got ${err === undefined ? "success" : err}`,
    });
  }
  assertEquals(err.code, code, `expected SQLSTATE ${code}, got ${err.code}: ${err.message}`);
  if (message !== undefined) assertEquals(err.message, message);
  return err;
}

/** Inserts a storage object as the storage server would (committed, bypassing RLS). */
export async function seedObject(bucket: string, name: string, owner: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
    values (${bucket}, ${name}, ${owner}, ${owner}, '{"mimetype":"image/jpeg","size":1}')
    returning id`;
  return row.id;
}
