// The one error shape of the API: HTTP status + { error: { code, message } }. `code` is stable
// (clients and tests branch on it), `message` is Chinese text the mini-program shows as is.
// Also the mapping of database errors onto that shape (toAppError), so db.ts holds only the pool
// and the transaction wrappers.
import postgres from "postgres";

export type ErrorBody = { error: { code: string; message: string } };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After on 503 and 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  body(): ErrorBody {
    return errorBody(this.code, this.message);
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
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

/** Seconds a client waits before retrying while the database is away (a restart takes ~1 s). */
export const DB_RETRY_AFTER_S = 1;

/** 503 while the database is unreachable, restarting or dropped the connection mid-request. */
export const databaseUnavailable = () =>
  new AppError(503, "database_unavailable", "服务暂时不可用（数据库连接中断），请稍后重试", {
    "Retry-After": String(DB_RETRY_AFTER_S),
  });

// The driver's and the socket's codes for "the connection is gone or never came": postgres.js
// (CONNECTION_*, CONNECT_TIMEOUT) and Node's net errors as Deno reports them.
const CONNECTION_LOST = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** True for errors that say the database went away (not that the request was wrong). */
export function isConnectionLost(e: unknown): boolean {
  if (e instanceof postgres.PostgresError) {
    // 57P01 admin_shutdown (terminated, fast restart), 57P02 crash_shutdown, 57P03
    // cannot_connect_now (starting or shutting down), 08xxx connection exceptions, 53300 too many
    // connections: none of these says anything about the request itself. Nor does any FATAL
    // error: the server ended the session, e.g. 55000 "database is not currently accepting
    // connections" while a connection is being made (a database closed to connections).
    return /^(57P0[123]|08...|53300)$/.test(e.code) || e.severity === "FATAL" ||
      e.severity === "PANIC";
  }
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONNECTION_LOST.has(code);
}

/** Postgres errors → AppError: P0001 carries message = stable code, detail = Chinese text. */
export function toAppError(e: unknown): unknown {
  if (isConnectionLost(e)) return databaseUnavailable();
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
