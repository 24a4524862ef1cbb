// The police console's tables and charts (issue 10): each is one statement, a
// private.console_<table>_as function (migration 20261129600000_console_reads.sql) that switches
// into the officer's request and reads the `police` views under their RLS, so the officer's
// scope decides the rows; the console never filters by department itself. One description per
// table gives its function, its keyset cursor, and its columns (JSON name, CSV header, kind):
// the route's schema and the CSV export are made from it, the page goes out as the SQL wrote it.
import { callAs, type Claims } from "../../_shared/db.ts";
import { type CursorPart, decodeCursor, TIMESTAMP, UUID } from "../lib/cursor.ts";

export type ColumnKind =
  | "text"
  | "int"
  | "number"
  | "bool"
  | "time"
  | "date"
  | "json";
export type Column = { key: string; header: string; kind: ColumnKind };

export type TableSpec = {
  /** file name of the CSV export (Chinese) */
  title: string;
  /** private.console_<table>_as(claims, q, status, after, afterId, limit[, param]) */
  fn: string;
  /** the keyset cursor's parts: the sort key (newest first) and a unique tie-break */
  cursor: [CursorPart, CursorPart];
  /** a required scope parameter, e.g. the company of a staff list */
  param?: true;
  columns: Column[];
};

const DATE: CursorPart = {
  test: (v) =>
    /^\d{4}-\d{2}-\d{2}$/.test(v) &&
    !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
    new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
};
const BIGINT: CursorPart = { test: (v) => /^[1-9]\d{0,17}$/.test(v) };

const c = (key: string, header: string, kind: ColumnKind = "text"): Column => ({
  key,
  header,
  kind,
});

export const STATUS_TEXT: Record<string, string> = {
  pending: "待审核",
  approved: "已通过",
  rejected: "已驳回",
};
export const TIP_STATUS_TEXT: Record<string, string> = {
  pending: "待处理",
  accepted: "已受理",
  closed: "已办结",
  refused: "不予受理",
};

export const TABLES = {
  reviews: {
    title: "待审核申报",
    fn: "private.console_reviews_as",
    cursor: [TIMESTAMP, UUID],
    columns: [
      c("id", "编号"),
      c("token", "审核令牌"),
      c("companyName", "单位名称"),
      c("creditCode", "统一社会信用代码"),
      c("department", "管理部门"),
      c("address", "经营地址"),
      c("contactPhone", "联系电话"),
      c("declarant", "申报人"),
      c("createdAt", "申报时间", "time"),
    ],
  },
  companies: {
    title: "保安单位",
    fn: "private.console_companies_as",
    cursor: [TIMESTAMP, UUID],
    columns: [
      c("id", "编号"),
      c("companyName", "单位名称"),
      c("creditCode", "统一社会信用代码"),
      c("status", "状态"),
      c("department", "管理部门"),
      c("address", "经营地址"),
      c("contactPhone", "联系电话"),
      c("admin", "单位管理员"),
      c("staff", "在职人数", "int"),
      c("certifiedStaff", "持保安证人数", "int"),
      c("zones", "巡区数", "int"),
      c("onDutyNow", "当前在岗", "int"),
      c("createdAt", "申报时间", "time"),
      c("reviewedAt", "审核时间", "time"),
    ],
  },
  staff: {
    title: "人员名单",
    fn: "private.console_staff_as",
    param: true,
    cursor: [TIMESTAMP, UUID],
    columns: [
      c("id", "编号"),
      c("person", "姓名(手机号码)"),
      c("role", "角色"),
      c("hasGuardCertificate", "保安证", "bool"),
      c("joinedAt", "加入时间", "time"),
      c("entryDate", "入职日期", "date"),
    ],
  },
  zones: {
    title: "巡区",
    fn: "private.console_zones_as",
    cursor: [TIMESTAMP, UUID],
    columns: [
      c("id", "编号"),
      c("name", "巡区名称"),
      c("companyName", "所属单位"),
      c("department", "所属派出所"),
      c("lat", "纬度", "number"),
      c("lng", "经度", "number"),
      c("address", "巡区地点"),
      c("addressDetail", "地址描述"),
      c("members", "人员数", "int"),
      c("onDutyNow", "当前在岗", "int"),
      c("createdAt", "创建时间", "time"),
    ],
  },
  "on-duty": {
    title: "当前在岗",
    fn: "private.console_on_duty_as",
    cursor: [TIMESTAMP, UUID],
    columns: [
      c("id", "编号"),
      c("guard", "姓名(手机号码)"),
      c("companyName", "所属单位"),
      c("zoneName", "巡区名称"),
      c("department", "所属派出所"),
      c("onAt", "上岗时间", "time"),
      c("hoursSoFar", "已在岗(小时)", "number"),
      c("late", "补录", "bool"),
    ],
  },
  attendance: {
    title: "到岗统计",
    fn: "private.console_attendance_as",
    cursor: [DATE, UUID],
    columns: [
      c("companyId", "单位编号"),
      c("companyName", "单位名称"),
      c("day", "日期", "date"),
      c("guards", "到岗人数", "int"),
      c("shifts", "上岗次数", "int"),
      c("hours", "在岗时长(小时)", "number"),
    ],
  },
  tips: {
    title: "线索",
    fn: "private.console_tips_as",
    cursor: [TIMESTAMP, UUID],
    columns: [
      c("id", "编号"),
      c("receiptCode", "回执码"),
      c("category", "线索类别"),
      c("status", "状态"),
      c("department", "管理部门"),
      c("content", "线索内容"),
      c("place", "地点"),
      c("anonymous", "匿名", "bool"),
      c("photos", "图片数", "int"),
      c("createdAt", "举报时间", "time"),
      c("acceptedAt", "受理时间", "time"),
      c("finishedAt", "办结时间", "time"),
    ],
  },
  audit: {
    title: "审计日志",
    fn: "private.console_audit_as",
    cursor: [TIMESTAMP, BIGINT],
    columns: [
      c("id", "编号"),
      c("at", "时间", "time"),
      c("actor", "操作人"),
      c("actorRole", "角色"),
      c("action", "操作代码"),
      c("actionLabel", "操作"),
      c("tableName", "数据表"),
      c("rowId", "记录"),
      c("before", "操作前", "json"),
      c("after", "操作后", "json"),
    ],
  },
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export type Row = Record<string, unknown>;

/** `%`, `_` and `\` typed in the search box are matched as themselves. */
function likePattern(q: string | undefined): string | null {
  const t = q?.trim();
  return t ? `%${t.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
}

export type PageInput = {
  q?: string;
  status?: string;
  cursor?: string;
  param?: string;
  limit: number;
};

/**
 * One page of a table, newest first, as the JSON text the API answers ({ items, nextCursor }):
 * one statement; 403 not_police (raised in SQL) for a signed-in user who is not an officer.
 */
export async function tablePageText(
  claims: Claims,
  name: TableName,
  input: PageInput,
): Promise<string> {
  const spec: TableSpec = TABLES[name];
  const [after, afterId] = input.cursor ? decodeCursor(input.cursor, spec.cursor) : [null, null];
  return await callAs(
    claims,
    spec.fn,
    likePattern(input.q),
    input.status ?? null,
    after,
    afterId,
    input.limit,
    ...(spec.param ? [input.param ?? null] : []),
  );
}

/** The largest CSV export: a month of a city's tips or audit rows stays under it. */
export const CSV_MAX_ROWS = 20_000;

const shanghai = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function csvCell(col: Column, name: TableName, v: unknown): string {
  let s: string;
  if (v === null || v === undefined) s = "";
  else if (col.kind === "time") s = shanghai.format(new Date(String(v)));
  else if (col.kind === "bool") s = v ? "是" : "否";
  else if (col.kind === "json") s = JSON.stringify(v);
  else if (col.key === "status") {
    s = (name === "tips" ? TIP_STATUS_TEXT : STATUS_TEXT)[String(v)] ??
      String(v);
  } else if (col.key === "role") {
    s = v === "admin" ? "单位管理员" : "普通工作人员";
  } else s = String(v);
  // a cell Excel would read as a formula is kept as text
  if (/^[=+\-@\t\r]/.test(s) && col.kind !== "number" && col.kind !== "int") {
    s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every row of the search as CSV: UTF-8 with a BOM (so Excel reads the Chinese), CRLF lines. */
export async function tableCsv(
  claims: Claims,
  name: TableName,
  input: Omit<PageInput, "cursor" | "limit">,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const spec: TableSpec = TABLES[name];
  const cols = spec.columns.filter((col) => col.key !== "token");
  const lines = [cols.map((col) => col.header).join(",")];
  const page: { items: Row[]; nextCursor: string | null } = JSON.parse(
    await tablePageText(claims, name, { ...input, limit: CSV_MAX_ROWS }),
  );
  for (const row of page.items) {
    lines.push(cols.map((col) => csvCell(col, name, row[col.key])).join(","));
  }
  return {
    csv: `\uFEFF${lines.join("\r\n")}\r\n`,
    rows: page.items.length,
    truncated: page.nextCursor !== null,
  };
}
