// The database access of the functions. Every user request runs in withUser: one transaction
// that first takes the role `authenticated` and the caller's JWT claims, exactly as PostgREST
// does, so RLS decides what the request may see and write. The sign-in path, which runs before
// a user session exists, uses withAuthBridge (the NOLOGIN role owning schema auth_bridge).
// Never a service role.
import postgres from "postgres";
import { env } from "./env.ts";
import { AppError } from "./errors.ts";

export type Tx = postgres.TransactionSql;
export type Claims = Record<string, unknown> & { sub: string; role: string };

let pool: { key: string; sql: postgres.Sql } | null = null;
let hosted: postgres.Sql | null = null;

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
  const key = `${url}#${max}`;
  if (pool?.key !== key) {
    const old = pool;
    pool = {
      key,
      sql: postgres(url, { max, prepare: false, onnotice: () => {}, idle_timeout: 20 }),
    };
    old?.sql.end({ timeout: 1 }).catch(() => {});
  }
  return pool.sql;
}

export async function closeDb(): Promise<void> {
  const old = pool;
  pool = null;
  await old?.sql.end({ timeout: 2 });
}

export async function withUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().begin(async (tx) => {
      // The single-claim settings too, as Storage sets them: on a connection shared with
      // Storage they are otherwise left as '' by its earlier transactions, and Supabase's
      // auth.uid() reads request.jwt.claim.sub first.
      await tx`select set_config('role', 'authenticated', true),
                      set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                      set_config('request.jwt.claim.sub', ${claims.sub}, true),
                      set_config('request.jwt.claim.role', 'authenticated', true)`;
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

// HTTP status of the stable codes that SQL raises; anything else raised on purpose is a 400.
const statusOf: Record<string, number> = {
  id_number_taken: 409,
  identity_locked: 409,
  refresh_token_reused: 401,
  refresh_token_invalid: 401,
  session_revoked: 401,
  not_authenticated: 401,
  profile_missing: 404,
  not_found: 404,
  forbidden: 403,
  // companies (docs/companies.md)
  identity_unverified: 403,
  not_police: 403,
  out_of_scope: 403,
  not_company_admin: 403,
  code_unknown: 404,
  membership_not_found: 404,
  registry_company_not_found: 404,
  company_already_declared: 409,
  already_in_company: 409,
  already_reviewed: 409,
  declaration_pending: 409,
  cannot_dismiss_self: 409,
  not_in_company: 409,
  admin_cannot_resign: 409,
  // tips (docs/tips.md)
  tip_not_found: 404,
  department_not_found: 404,
  reporter_blacklisted: 403,
  not_supervisor: 403,
  tip_daily_limit: 429,
  tip_status_invalid: 409,
  tip_same_department: 409,
  tip_locked: 409,
  // hardening (issue 13)
  police_cannot_declare: 403,
  self_review: 403,
  phone_bound_elsewhere: 409,
  rate_limited: 429,
  // zones and duty (docs/zones.md)
  not_zone_admin: 403,
  zone_other_company: 403,
  out_of_range: 403,
  location_required: 403,
  zone_not_found: 404,
  not_zone_member: 404,
  code_expired: 410,
  zone_deleted: 410,
  zone_name_taken: 409,
  action_stale: 409,
  confirm_required: 409,
  device_time_out_of_order: 409,
};

/** Postgres errors → AppError: P0001 carries message = stable code, detail = Chinese text. */
export function toAppError(e: unknown): unknown {
  if (!(e instanceof postgres.PostgresError)) return e;
  switch (e.code) {
    case "P0001":
      if (/^[a-z][a-z0-9_]*$/.test(e.message)) {
        return new AppError(statusOf[e.message] ?? 400, e.message, e.detail || "请求无法完成");
      }
      return e;
    case "23505":
      if (/id_number/.test(e.constraint_name ?? e.message)) {
        return new AppError(409, "id_number_taken", "该身份证号码已被其他用户认证");
      }
      // The partial unique indexes are the last word under concurrency: two racing joins or
      // declarations both pass the functions' checks, one of them hits the index.
      if (e.table_name === "memberships") {
        return new AppError(409, "already_in_company", "您已加入其他单位，请先离职");
      }
      if (e.table_name === "companies") {
        return new AppError(409, "company_already_declared", "该单位已被申报");
      }
      return new AppError(409, "conflict", "数据已存在");
    case "23514":
    case "22P02":
    case "22001":
      return new AppError(400, "invalid_input", "提交的数据不符合要求");
    case "42501":
      return new AppError(403, "forbidden", "无权执行此操作");
    default:
      return e;
  }
}
