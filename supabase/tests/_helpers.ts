// Shared plumbing of the database tests: one postgres.js client for the already
// migrated database in SUPABASE_DB_URL, and helpers that run a test's statements as a
// given actor exactly as the API (and PostgREST) would: inside a transaction, after
// set_config('role', ...) and set_config('request.jwt.claims', ...). The actor helpers
// always roll back, so tests never see each other's writes; rows a test needs
// committed (users, seeded objects) are made unique with random phones and names.
import postgres from "postgres";
import assert from "node:assert/strict";
import { testIdNumber } from "./id-numbers.ts";

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

/** A valid ID number of a 常州 district, new in this test process (id-numbers.ts). */
export const randomIdNumber = (): string => testIdNumber();

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

// -----------------------------------------------------------------------------
// Companies (issue 3): committed fixtures for tests where several users act in turn
// -----------------------------------------------------------------------------

/** Like asUser, but commits: for fixtures that later transactions (or connections) must see. */
export function asUserCommit<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`
      select set_config('role', 'authenticated', true),
             set_config('request.jwt.claims', ${
      JSON.stringify({ sub: userId, role: "authenticated", aud: "authenticated" })
    }, true)`;
    return await fn(tx);
  }) as Promise<T>;
}

const NAME_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国海峰立新红梅玉兰志文";

/** A random 3-character Chinese name (surname + two), unique enough to search for. */
export function randomName(): string {
  const r = crypto.getRandomValues(new Uint32Array(3));
  const surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张";
  return surnames[r[0] % surnames.length] + NAME_CHARS[r[1] % NAME_CHARS.length] +
    NAME_CHARS[r[2] % NAME_CHARS.length];
}

/**
 * A 5-character name (1 in ~60 million): for a user whose name a test searches for in everything
 * another role can read, where a 3-character name may belong to some other test's user too.
 */
export function uniqueName(): string {
  const r = crypto.getRandomValues(new Uint32Array(2));
  return randomName() + NAME_CHARS[r[0] % NAME_CHARS.length] + NAME_CHARS[r[1] % NAME_CHARS.length];
}

export interface VerifiedUser extends TestUser {
  name: string;
}

/** A committed user whose identity the registry verified (as the 微警务 sync does). */
export async function newVerifiedUser(name = randomName()): Promise<VerifiedUser> {
  const user = await newUser();
  await asBridge((tx) =>
    tx`select auth_bridge.sync_identity(${user.id}, ${name}, ${randomIdNumber()})`
  );
  return { ...user, name };
}

const CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character of the first 17 characters of a 统一社会信用代码. */
export function creditCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i], 0);
  return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

/** A random valid 统一社会信用代码 of a Changzhou (3204xx) enterprise. */
export function randomCreditCode(): string {
  const r = crypto.getRandomValues(new Uint32Array(10));
  const first17 = "91320412" + Array.from(r.slice(0, 9), (n) => CREDIT_CHARS[n % 31]).join("");
  return first17 + creditCheckChar(first17);
}

/** A committed registry company with a unique name and valid code (as the seed would add). */
export async function newRegistryCompany(): Promise<{ id: string; name: string; code: string }> {
  const name = `测试${crypto.randomUUID().slice(0, 8)}保安服务有限公司`;
  const code = randomCreditCode();
  const [row] = await sql<{ id: string }[]>`
    insert into public.registry_companies (name, credit_code) values (${name}, ${code})
    returning id`;
  return { id: row.id, name, code };
}

/** The id of the seeded department with this stable code (cz.xb.anjia, ...). */
export async function departmentId(code: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`select id from public.departments where code = ${code}`;
  if (!row) throw new Error(`no department ${code}`);
  return row.id;
}

/** A committed verified officer of the department with this code (provisioned by an admin). */
export async function newOfficer(departmentCode: string): Promise<VerifiedUser> {
  const officer = await newVerifiedUser();
  await sql`
    insert into public.police_officers (user_id, department_id)
    values (${officer.id}, ${await departmentId(departmentCode)})`;
  return officer;
}

export interface Declaration {
  id: string;
  reviewToken: string;
  registry: { id: string; name: string; code: string };
}

/** A committed pending declaration by `declarant` to the department with this code. */
export async function declare(
  declarant: TestUser,
  departmentCode = "cz.xb.anjia",
): Promise<Declaration> {
  const registry = await newRegistryCompany();
  const dept = await departmentId(departmentCode);
  const [row] = await asUserCommit(declarant.id, (tx) =>
    tx<{ id: string }[]>`
      select public.declare_company(${registry.id}, ${dept}, '常州市新北区太湖东路9号', '13912345678') as id`);
  const [c] = await sql<{ review_token: string }[]>`
    select review_token from public.companies where id = ${row.id}`;
  return { id: row.id, reviewToken: c.review_token, registry };
}

export interface ApprovedCompany extends Declaration {
  admin: VerifiedUser;
  officer: VerifiedUser;
  /** the current 单位码 token */
  code: string;
}

/** A committed approved company: a verified declarant (now its admin) and its 单位码. */
export async function approvedCompany(departmentCode = "cz.xb.anjia"): Promise<ApprovedCompany> {
  const admin = await newVerifiedUser();
  const officer = await newOfficer(departmentCode);
  const declaration = await declare(admin, departmentCode);
  await asUserCommit(
    officer.id,
    (tx) => tx`select public.review_declaration(${declaration.reviewToken}, true, null)`,
  );
  const [cc] = await sql<{ token: string }[]>`
    select token from public.company_codes where company_id = ${declaration.id}`;
  return { ...declaration, admin, officer, code: cc.token };
}

/** A committed member of `company` who joined with its current 单位码; returns the membership id. */
export async function joinAs(user: TestUser, code: string, certificate = true): Promise<string> {
  const [row] = await asUserCommit(
    user.id,
    (tx) => tx<{ id: string }[]>`select public.join_company(${code}, ${certificate}) as id`,
  );
  return row.id;
}
