// Tips as their reporter, the covering officers and platform supervisors see them. Every query
// runs under the caller's RLS; the reporter of a named tip comes only from public.tip_reporter,
// which answers nothing about an anonymous tip to an officer.
import type { Tx } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { STATUS_TEXT, type TipDetail, type TipListItem } from "../tip-schemas.ts";

type Status = TipListItem["status"];

type ListRow = Omit<TipListItem, "createdAt" | "statusText"> & {
  createdAt: Date;
  createdKey: string;
};

const listColumns = (tx: Tx) =>
  tx`t.id, t.receipt_code as "receiptCode", c.name as category,
     left(t.content, 60) as summary, t.anonymous, t.status::text as status,
     d.name as "departmentName",
     (select count(*)::int from public.tip_photos p where p.tip_id = t.id) as "photoCount",
     t.created_at as "createdAt", t.created_at::text as "createdKey"`;

export type Keyset = { created: string | null; id: string | null };

const after = (tx: Tx, k: Keyset) =>
  k.created && k.id
    ? tx`and (t.created_at, t.id) < (${k.created}::timestamptz, ${k.id}::uuid)`
    : tx``;

/** The caller's own tips, newest first. */
export function myTips(tx: Tx, k: Keyset, limit: number): Promise<ListRow[]> {
  return tx<ListRow[]>`
    select ${listColumns(tx)}
      from public.tips t
      join public.tip_categories c on c.id = t.category_id
      join public.departments d on d.id = t.department_id
     where t.id in (select private.my_tip_ids()) ${after(tx, k)}
     order by t.created_at desc, t.id desc
     limit ${limit}`;
}

/** The inbox of an officer: tips of the departments RLS lets them see, by status. */
export function inbox(
  tx: Tx,
  f: { status: Status | null; departmentId: string | null },
  k: Keyset,
  limit: number,
): Promise<ListRow[]> {
  return tx<ListRow[]>`
    select ${listColumns(tx)}
      from public.tips t
      join public.tip_categories c on c.id = t.category_id
      join public.departments d on d.id = t.department_id
     where t.department_id in (select private.officer_department_ids())
       ${f.status ? tx`and t.status = ${f.status}::public.tip_status` : tx``}
       ${f.departmentId ? tx`and t.department_id = ${f.departmentId}` : tx``}
       ${after(tx, k)}
     order by t.created_at desc, t.id desc
     limit ${limit}`;
}

/** 线索监督: every tip (RLS lets a platform supervisor read them all), by status. */
export function everyTip(
  tx: Tx,
  status: Status | null,
  k: Keyset,
  limit: number,
): Promise<ListRow[]> {
  return tx<ListRow[]>`
    select ${listColumns(tx)}
      from public.tips t
      join public.tip_categories c on c.id = t.category_id
      join public.departments d on d.id = t.department_id
     where true ${status ? tx`and t.status = ${status}::public.tip_status` : tx``}
       ${after(tx, k)}
     order by t.created_at desc, t.id desc
     limit ${limit}`;
}

export const toListItem = ({ createdKey: _, createdAt, ...r }: ListRow): TipListItem => ({
  ...r,
  statusText: STATUS_TEXT[r.status],
  createdAt: createdAt.toISOString(),
});

export async function isOfficer(tx: Tx): Promise<boolean> {
  const [r] = await tx<{ ok: boolean }[]>`
    select exists (select 1 from public.police_officers o where o.user_id = (select auth.uid())) as ok`;
  return r.ok;
}

export async function isSupervisor(tx: Tx): Promise<boolean> {
  const [r] = await tx<{ ok: boolean }[]>`select private.is_platform_supervisor() as ok`;
  return r.ok;
}

export const tipNotFound = () => new AppError(404, "tip_not_found", "线索不存在或无权查看");

type DetailRow = {
  id: string;
  receiptCode: string;
  categoryId: number;
  categoryName: string;
  content: string;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  anonymous: boolean;
  status: Status;
  departmentId: string;
  departmentName: string;
  createdAt: Date;
  mine: boolean;
  officerDepartment: string | null;
  supervisor: boolean;
  reporterBlacklisted: boolean | null;
};

const EVENT_TEXT: Record<string, string> = {
  submitted: "已提交",
  accepted: "已受理",
  closed: "已办结",
  refused: "不予受理",
  reassigned: "已转办",
};

/** A tip with history, thread and photo paths; 404 when the caller may not see it. */
export async function tipDetail(
  tx: Tx,
  id: string,
): Promise<
  Omit<TipDetail, "photos"> & { photoPaths: { path: string; width: number; height: number }[] }
> {
  const [t] = await tx<DetailRow[]>`
    select t.id, t.receipt_code as "receiptCode", c.id::int as "categoryId",
           c.name as "categoryName", t.content, t.place, t.latitude, t.longitude, t.anonymous,
           t.status::text as status, d.id as "departmentId", d.name as "departmentName",
           t.created_at as "createdAt",
           t.id in (select private.my_tip_ids()) as mine,
           (select o.department_id from public.police_officers o
             where o.user_id = (select auth.uid())) as "officerDepartment",
           private.is_platform_supervisor() as supervisor,
           public.tip_reporter_blacklisted(t.id) as "reporterBlacklisted"
      from public.tips t
      join public.tip_categories c on c.id = t.category_id
      join public.departments d on d.id = t.department_id
     where t.id = ${id}`;
  if (!t) throw tipNotFound();
  const viewer = t.mine ? "reporter" : t.officerDepartment ? "police" : "supervisor";

  const reporter = viewer === "reporter"
    ? null
    : (await tx<{ name: string; phoneMasked: string }[]>`
    select name, phone_masked as "phoneMasked" from public.tip_reporter(${id})`)[0] ?? null;

  const photoPaths = await tx<{ path: string; width: number; height: number }[]>`
    select object_path as path, width, height from public.tip_photos
     where tip_id = ${id} order by position`;

  const history = await tx<
    { kind: string; departmentName: string; note: string | null; createdAt: Date }[]
  >`
    select e.kind, d.name as "departmentName", e.note, e.created_at as "createdAt"
      from public.tip_events e join public.departments d on d.id = e.department_id
     where e.tip_id = ${id} order by e.id`;

  const messages = await tx<
    {
      id: string;
      fromPolice: boolean;
      officerId: string | null;
      departmentName: string | null;
      body: string;
      createdAt: Date;
    }[]
  >`
    select m.id::text, m.from_police as "fromPolice", m.officer_id as "officerId",
           d.name as "departmentName", m.body, m.created_at as "createdAt"
      from public.tip_messages m left join public.departments d on d.id = m.department_id
     where m.tip_id = ${id} order by m.id`;

  const me = (await tx<{ uid: string }[]>`select (select auth.uid())::text as uid`)[0].uid;
  const reporterLabel = viewer === "reporter"
    ? "我"
    : t.anonymous
    ? "匿名"
    : reporter?.name ?? "举报人";

  const open = t.status === "pending" || t.status === "accepted";
  const actions: TipDetail["actions"] = [];
  if (viewer === "police") {
    if (t.status === "pending") actions.push("accept", "refuse", "reassign");
    if (t.status === "accepted") actions.push("close");
    actions.push("reply");
  }
  if (viewer === "reporter" && open) actions.push("reply");
  if (t.supervisor) actions.push("blacklist");

  return {
    id: t.id,
    receiptCode: t.receiptCode,
    category: { id: t.categoryId, name: t.categoryName },
    content: t.content,
    place: t.place,
    latitude: t.latitude,
    longitude: t.longitude,
    anonymous: t.anonymous,
    status: t.status,
    statusText: STATUS_TEXT[t.status],
    department: { id: t.departmentId, name: t.departmentName },
    createdAt: t.createdAt.toISOString(),
    viewer,
    reporter,
    reporterBlacklisted: t.reporterBlacklisted,
    photoPaths,
    history: history.map((e) => ({
      kind: e.kind as TipDetail["history"][number]["kind"],
      text: EVENT_TEXT[e.kind] ?? e.kind,
      departmentName: e.departmentName,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
    messages: messages.map((m) => ({
      id: Number(m.id),
      fromPolice: m.fromPolice,
      author: m.fromPolice ? (m.departmentName ?? "民警") : reporterLabel,
      mine: m.fromPolice ? m.officerId === me : viewer === "reporter",
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
    actions,
  };
}
