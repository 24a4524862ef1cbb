// The metadata side of every request: one transaction that first takes the caller's role and
// claims (the same set_config pair the API uses in withUser), so the storage.objects RLS
// policies decide exactly as they do for hosted Storage. Like Storage, the sub and role are
// also set as the single-claim settings that older auth.uid()/auth.role() definitions read.
import type postgres from "postgres";
import type { Caller } from "./auth.ts";
import { fromDbError } from "./errors.ts";

export type Tx = postgres.TransactionSql;

export async function asCaller<T>(
  sql: postgres.Sql,
  caller: Caller,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await sql.begin(async (tx) => {
      await switchTo(tx, caller);
      return await fn(tx);
    }) as T;
  } catch (e) {
    throw fromDbError(e);
  }
}

/** Storage's `asSuperUser()`: bucket lookups and signed-URL reads, which bypass RLS. */
export async function asSuperUser<T>(sql: postgres.Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await sql.begin((tx) => fn(tx)) as T;
  } catch (e) {
    throw fromDbError(e);
  }
}

export type Bucket = {
  id: string;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
};

/** Read before the role switch inside the same transaction (one connection on PGlite). */
export async function findBucket(tx: Tx, id: string): Promise<Bucket | null> {
  const [row] = await tx<Bucket[]>`
    select id, file_size_limit::float8 as file_size_limit, allowed_mime_types
    from storage.buckets where id = ${id}`;
  return row ?? null;
}

export async function switchTo(tx: Tx, caller: Caller): Promise<void> {
  await tx`select set_config('role', ${caller.role}, true),
                  set_config('request.jwt.claims', ${JSON.stringify(caller.claims)}, true),
                  set_config('request.jwt.claim.sub', ${caller.owner ?? ""}, true),
                  set_config('request.jwt.claim.role', ${caller.role}, true)`;
}
