// The police console's tables and charts (issue 10): every query reads the `police` views (or
// the tables they read) inside withUser, so the officer's RLS decides the rows; the console
// never filters by department itself. One description per table gives its columns (JSON name,
// SQL, CSV header), its search text, its keyset order, and the CSV export reuses it.
import type { Tx } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { type CursorPart, decodeCursor, encodeCursor, TIMESTAMP, UUID } from "../lib/cursor.ts";

export type ColumnKind = "text" | "int" | "number" | "bool" | "time" | "date" | "json";
export type Column = { key: string; sql: string; header: string; kind: ColumnKind };

export type TableSpec = {
  /** file name of the CSV export (Chinese) */
  title: string;
  from: string;
  where?: string;
  /** keyset order, newest first: a non-null sort key and a unique tie-break */
  sort: { sql: string; cast: "timestamptz" | "date"; part: CursorPart };
  id: { sql: string; cast: "uuid" | "bigint"; part: CursorPart };
  /** the text the search box looks in */
  search: string[];
  /** the column the `status` filter compares, where the table has one */
  status?: string;
  /** a required scope parameter ($6), e.g. the company of a staff list */
  param?: string;
  columns: Column[];
};

const DATE: CursorPart = {
  test: (v) =>
    /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
    new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
};
const BIGINT: CursorPart = { test: (v) => /^[1-9]\d{0,17}$/.test(v) };

const c = (key: string, sql: string, header: string, kind: ColumnKind = "text"): Column => ({
  key,
  sql,
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
    from: "police.pending_declarations p join public.companies co on co.id = p.id",
    sort: { sql: "p.created_at", cast: "timestamptz", part: TIMESTAMP },
    id: { sql: "p.id", cast: "uuid", part: UUID },
    search: ["p.company_name", "p.credit_code", "p.department", "p.address", "p.declarant"],
    columns: [
      c("id", "p.id", "编号"),
      c("token", "co.review_token", "审核令牌"),
      c("companyName", "p.company_name", "单位名称"),
      c("creditCode", "p.credit_code", "统一社会信用代码"),
      c("department", "p.department", "管理部门"),
      c("address", "p.address", "经营地址"),
      c("contactPhone", "p.contact_phone", "联系电话"),
      c("declarant", "p.declarant", "申报人"),
      c("createdAt", "p.created_at", "申报时间", "time"),
    ],
  },
  companies: {
    title: "保安单位",
    from: "police.companies p",
    sort: { sql: "p.created_at", cast: "timestamptz", part: TIMESTAMP },
    id: { sql: "p.id", cast: "uuid", part: UUID },
    search: ["p.company_name", "p.credit_code", "p.department", "p.address", "p.admin"],
    status: "p.status::text",
    columns: [
      c("id", "p.id", "编号"),
      c("companyName", "p.company_name", "单位名称"),
      c("creditCode", "p.credit_code", "统一社会信用代码"),
      c("status", "p.status::text", "状态"),
      c("department", "p.department", "管理部门"),
      c("address", "p.address", "经营地址"),
      c("contactPhone", "p.contact_phone", "联系电话"),
      c("admin", "p.admin", "单位管理员"),
      c("staff", "p.staff", "在职人数", "int"),
      c("certifiedStaff", "p.certified_staff", "持保安证人数", "int"),
      c("zones", "p.zones", "巡区数", "int"),
      c("onDutyNow", "p.on_duty_now", "当前在岗", "int"),
      c("createdAt", "p.created_at", "申报时间", "time"),
      c("reviewedAt", "p.reviewed_at", "审核时间", "time"),
    ],
  },
  staff: {
    title: "人员名单",
    from: "public.memberships m",
    where: "m.left_at is null and (select private.is_police_reader())",
    param: "m.company_id = $6::uuid",
    sort: { sql: "m.joined_at", cast: "timestamptz", part: TIMESTAMP },
    id: { sql: "m.id", cast: "uuid", part: UUID },
    search: ["private.person_label(m.user_id)"],
    columns: [
      c("id", "m.id", "编号"),
      c("person", "private.person_label(m.user_id)", "姓名(手机号码)"),
      c("role", "m.role::text", "角色"),
      c("hasGuardCertificate", "m.has_guard_certificate", "保安证", "bool"),
      c("joinedAt", "m.joined_at", "加入时间", "time"),
      c("entryDate", "m.entry_date::text", "入职日期", "date"),
    ],
  },
  zones: {
    title: "巡区",
    from: "police.zones p",
    where: "p.deleted_at is null",
    sort: { sql: "p.created_at", cast: "timestamptz", part: TIMESTAMP },
    id: { sql: "p.id", cast: "uuid", part: UUID },
    search: ["p.name", "p.company_name", "p.department", "p.address", "p.address_detail"],
    columns: [
      c("id", "p.id", "编号"),
      c("name", "p.name", "巡区名称"),
      c("companyName", "p.company_name", "所属单位"),
      c("department", "p.department", "所属派出所"),
      c("lat", "p.lat::float8", "纬度", "number"),
      c("lng", "p.lng::float8", "经度", "number"),
      c("address", "p.address", "巡区地点"),
      c("addressDetail", "p.address_detail", "地址描述"),
      c("members", "p.members", "人员数", "int"),
      c("onDutyNow", "p.on_duty_now", "当前在岗", "int"),
      c("createdAt", "p.created_at", "创建时间", "time"),
    ],
  },
  "on-duty": {
    title: "当前在岗",
    from: "police.on_duty_now p",
    sort: { sql: "p.on_at", cast: "timestamptz", part: TIMESTAMP },
    id: { sql: "p.shift_id", cast: "uuid", part: UUID },
    search: ["p.guard", "p.company_name", "p.zone_name", "p.department"],
    columns: [
      c("id", "p.shift_id", "编号"),
      c("guard", "p.guard", "姓名(手机号码)"),
      c("companyName", "p.company_name", "所属单位"),
      c("zoneName", "p.zone_name", "巡区名称"),
      c("department", "p.department", "所属派出所"),
      c("onAt", "p.on_at", "上岗时间", "time"),
      c("hoursSoFar", "p.hours_so_far::float8", "已在岗(小时)", "number"),
      c("late", "p.on_late", "补录", "bool"),
    ],
  },
  attendance: {
    title: "到岗统计",
    from: "police.attendance_daily p",
    sort: { sql: "p.day", cast: "date", part: DATE },
    id: { sql: "p.company_id", cast: "uuid", part: UUID },
    search: ["p.company_name", "p.day::text"],
    columns: [
      c("companyId", "p.company_id", "单位编号"),
      c("companyName", "p.company_name", "单位名称"),
      c("day", "p.day::text", "日期", "date"),
      c("guards", "p.guards", "到岗人数", "int"),
      c("shifts", "p.shifts", "上岗次数", "int"),
      c("hours", "p.hours::float8", "在岗时长(小时)", "number"),
    ],
  },
  tips: {
    title: "线索",
    from: "police.tips p",
    sort: { sql: "p.created_at", cast: "timestamptz", part: TIMESTAMP },
    id: { sql: "p.id", cast: "uuid", part: UUID },
    search: ["p.receipt_code", "p.category", "p.content", "p.place", "p.department"],
    status: "p.status::text",
    columns: [
      c("id", "p.id", "编号"),
      c("receiptCode", "p.receipt_code", "回执码"),
      c("category", "p.category", "线索类别"),
      c("status", "p.status::text", "状态"),
      c("department", "p.department", "管理部门"),
      c("content", "p.content", "线索内容"),
      c("place", "p.place", "地点"),
      c("anonymous", "p.anonymous", "匿名", "bool"),
      c("photos", "p.photos", "图片数", "int"),
      c("createdAt", "p.created_at", "举报时间", "time"),
      c("acceptedAt", "p.accepted_at", "受理时间", "time"),
      c("finishedAt", "p.finished_at", "办结时间", "time"),
    ],
  },
  audit: {
    title: "审计日志",
    from: "police.audit_log p",
    sort: { sql: "p.at", cast: "timestamptz", part: TIMESTAMP },
    id: { sql: "p.id", cast: "bigint", part: BIGINT },
    search: ["p.actor", "p.action", "p.action_label", "p.table_name", "p.row_id"],
    columns: [
      c("id", "p.id::text", "编号"),
      c("at", "p.at", "时间", "time"),
      c("actor", "p.actor", "操作人"),
      c("actorRole", "p.actor_role", "角色"),
      c("action", "p.action", "操作代码"),
      c("actionLabel", "p.action_label", "操作"),
      c("tableName", "p.table_name", "数据表"),
      c("rowId", "p.row_id", "记录"),
      c("before", "p.before", "操作前", "json"),
      c("after", "p.after", "操作后", "json"),
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

/** 403 not_police for any signed-in user who is not an officer (the views would show nothing). */
export async function assertOfficer(tx: Tx): Promise<void> {
  const [r] = await tx<{ officer: boolean }[]>`
    select exists (select 1 from public.police_officers po where po.user_id = auth.uid())
             as officer`;
  if (!r.officer) throw new AppError(403, "not_police", "仅民警可以使用民警控制台");
}

export type PageInput = {
  q?: string;
  status?: string;
  cursor?: string;
  param?: string;
  limit: number;
};

/** One page of a table (limit + 1 read to know whether more follow), newest first. */
export async function tablePage(
  tx: Tx,
  name: TableName,
  input: PageInput,
): Promise<{ items: Row[]; nextCursor: string | null }> {
  const spec: TableSpec = TABLES[name];
  const [after, afterId] = input.cursor
    ? decodeCursor(input.cursor, [spec.sort.part, spec.id.part])
    : [null, null];
  const cols = spec.columns.map((col) => `${col.sql} as "${col.key}"`).join(", ");
  const text = `
    select ${cols}, ${spec.sort.sql}::text as "__sort", ${spec.id.sql}::text as "__id"
    from ${spec.from}
    where ${spec.where ?? "true"}
      and ($1::text is null or concat_ws(' ', ${spec.search.join(", ")}) ilike $1)
      and ($2::text is null or ${spec.status ? `${spec.status} = $2` : "true"})
      and ($3::text is null or (${spec.sort.sql}, ${spec.id.sql}) < ($3::${spec.sort.cast}, $4::${spec.id.cast}))
      ${spec.param ? `and ${spec.param}` : "and $6::text is null"}
    order by ${spec.sort.sql} desc, ${spec.id.sql} desc
    limit $5`;
  const rows = await tx.unsafe<Row[]>(text, [
    likePattern(input.q),
    input.status ?? null,
    after,
    afterId,
    input.limit + 1,
    input.param ?? null,
  ]);
  const more = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ __sort: _s, __id: _i, ...row }) => normalise(spec, row)),
    nextCursor: more && last ? encodeCursor([String(last.__sort), String(last.__id)]) : null,
  };
}

function normalise(spec: TableSpec, row: Row): Row {
  for (const col of spec.columns) {
    const v = row[col.key];
    if (v instanceof Date) row[col.key] = v.toISOString();
    else if (col.kind === "json" && v !== null && v !== undefined && typeof v === "string") {
      row[col.key] = JSON.parse(v);
    }
  }
  return row;
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
    s = (name === "tips" ? TIP_STATUS_TEXT : STATUS_TEXT)[String(v)] ?? String(v);
  } else if (col.key === "role") s = v === "admin" ? "单位管理员" : "普通工作人员";
  else s = String(v);
  // a cell Excel would read as a formula is kept as text
  if (/^[=+\-@\t\r]/.test(s) && col.kind !== "number" && col.kind !== "int") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every row of the search as CSV: UTF-8 with a BOM (so Excel reads the Chinese), CRLF lines. */
export async function tableCsv(
  tx: Tx,
  name: TableName,
  input: Omit<PageInput, "cursor" | "limit">,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const spec: TableSpec = TABLES[name];
  const cols = spec.columns.filter((col) => col.key !== "token");
  const lines = [cols.map((col) => col.header).join(",")];
  const page = await tablePage(tx, name, { ...input, limit: CSV_MAX_ROWS });
  for (const row of page.items) {
    lines.push(cols.map((col) => csvCell(col, name, row[col.key])).join(","));
  }
  return {
    csv: `\uFEFF${lines.join("\r\n")}\r\n`,
    rows: page.items.length,
    truncated: page.nextCursor !== null,
  };
}

export type Charts = {
  today: string;
  onDutyByHour: number[];
  attendance: {
    days: string[];
    companies: { companyId: string; companyName: string; hours: number[]; guards: number[] }[];
  };
  tips: { category: string; status: string; count: number }[];
};

/** The overview's three charts, from the same views and tables under the officer's RLS. */
export async function charts(tx: Tx): Promise<Charts> {
  const [{ today }] = await tx<{ today: string }[]>`
    select ((now() at time zone 'Asia/Shanghai')::date)::text as today`;
  // distinct guards on duty at any moment of each hour of today (Asia/Shanghai), shifts
  // closed and open, up to now
  const hours = await tx<{ h: number; guards: number }[]>`
    with bounds as (
      select (${today}::date::timestamp at time zone 'Asia/Shanghai') as t0
    ),
    s as (
      select s.user_id, s.on_at, s.off_at from public.shifts s, bounds b
      where s.off_at > b.t0 and s.on_at < b.t0 + interval '1 day'
      union all
      select o.user_id, o.on_at, now() from public.open_shifts o
    )
    select h.h, count(distinct s.user_id)::int as guards
    from bounds b
    cross join generate_series(0, 23) as h(h)
    left join s on s.on_at < b.t0 + make_interval(hours => h.h + 1)
               and s.off_at > b.t0 + make_interval(hours => h.h)
               and b.t0 + make_interval(hours => h.h) <= now()
    where (select private.is_police_reader())
    group by h.h order by h.h`;
  const onDutyByHour = Array.from({ length: 24 }, () => 0);
  for (const r of hours) onDutyByHour[r.h] = r.guards;

  const days = Array.from({ length: 7 }, (_, i) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 6 + i);
    return d.toISOString().slice(0, 10);
  });
  const att = await tx<
    { company_id: string; company_name: string; day: string; hours: number; guards: number }[]
  >`
    select p.company_id, p.company_name, p.day::text as day, p.hours::float8 as hours, p.guards
    from police.attendance_daily p
    where p.day between ${days[0]}::date and ${today}::date
    order by p.company_name, p.day`;
  const byCompany = new Map<string, Charts["attendance"]["companies"][number]>();
  for (const r of att) {
    let entry = byCompany.get(r.company_id);
    if (!entry) {
      entry = {
        companyId: r.company_id,
        companyName: r.company_name ?? "（未知单位）",
        hours: days.map(() => 0),
        guards: days.map(() => 0),
      };
      byCompany.set(r.company_id, entry);
    }
    const i = days.indexOf(r.day);
    if (i >= 0) {
      entry.hours[i] = r.hours;
      entry.guards[i] = r.guards;
    }
  }
  // the ten companies with the most hours; the chart would be unreadable with more
  const companies = [...byCompany.values()]
    .sort((a, b) => b.hours.reduce((x, y) => x + y, 0) - a.hours.reduce((x, y) => x + y, 0))
    .slice(0, 10);

  const tips = await tx<{ category: string; status: string; count: number }[]>`
    select category, status::text as status, sum(tips)::int as count
    from police.tips_summary group by category, status order by category, status`;
  return {
    today,
    onDutyByHour,
    attendance: { days, companies },
    tips: tips.map((t) => ({ category: t.category, status: t.status, count: t.count })),
  };
}
