// Tips as their reporter, the covering officers and platform supervisors see them. Every query
// runs under the caller's RLS; the reporter of a named tip comes only from public.tip_reporter,
// which answers nothing about an anonymous tip to an officer.
import { callAs, type Claims, type Tx } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { STATUS_TEXT, type TipDetail, type TipListItem } from "../tip-schemas.ts";

type Status = TipListItem["status"];

type ListRow = Omit<TipListItem, "statusText"> & { createdKey: string };

export type Keyset = { created: string | null; id: string | null };

/** The caller's own tips, newest first: one statement (private.my_tips_as). */
export async function myTipsAs(claims: Claims, k: Keyset, limit: number): Promise<ListRow[]> {
  return JSON.parse(await callAs(claims, "private.my_tips_as", k.created, k.id, limit));
}

/**
 * The inbox of an officer (403 not_police for anyone else): tips of the departments RLS lets
 * them see, by status, in one statement (private.tip_inbox_as).
 */
export async function inboxAs(
  claims: Claims,
  f: { status: Status | null; departmentId: string | null },
  k: Keyset,
  limit: number,
): Promise<ListRow[]> {
  return JSON.parse(
    await callAs(
      claims,
      "private.tip_inbox_as",
      f.status,
      f.departmentId,
      k.created,
      k.id,
      limit,
    ),
  );
}

/** 线索监督 (403 not_supervisor for anyone else): every tip, by status, in one statement. */
export async function everyTipAs(
  claims: Claims,
  status: Status | null,
  k: Keyset,
  limit: number,
): Promise<ListRow[]> {
  return JSON.parse(
    await callAs(claims, "private.tip_supervision_as", status, k.created, k.id, limit),
  );
}

export const toListItem = ({ createdKey: _, ...r }: ListRow): TipListItem => ({
  ...r,
  statusText: STATUS_TEXT[r.status],
});

export const tipNotFound = () => new AppError(404, "tip_not_found", "线索不存在或无权查看");

/** What private.tip_detail_json answers (times already as toISOString writes them). */
type DetailJson = {
  tip: {
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
    createdAt: string;
    officerDepartment: string | null;
    supervisor: boolean;
    reporterBlacklisted: boolean | null;
  };
  mine: boolean;
  me: string;
  reporter: { name: string; phoneMasked: string } | null;
  photoPaths: { path: string; width: number; height: number }[];
  history: { kind: string; departmentName: string; note: string | null; createdAt: string }[];
  messages: {
    id: number;
    fromPolice: boolean;
    officerId: string | null;
    departmentName: string | null;
    body: string;
    createdAt: string;
  }[];
};

type Detail = Omit<TipDetail, "photos"> & {
  photoPaths: { path: string; width: number; height: number }[];
};

const EVENT_TEXT: Record<string, string> = {
  submitted: "已提交",
  accepted: "已受理",
  closed: "已办结",
  refused: "不予受理",
  reassigned: "已转办",
};

/** A tip with history, thread and photo paths; 404 when the caller may not see it. */
export async function tipDetail(tx: Tx, id: string): Promise<Detail> {
  const [row] = await tx<{ j: DetailJson | null }[]>`select private.tip_detail_json(${id}) as j`;
  return toDetail(row.j);
}

/** tipDetail in one statement of its own (private.tip_detail_as): GET /api/tips/:id. */
export async function tipDetailAs(claims: Claims, id: string): Promise<Detail> {
  return toDetail(JSON.parse(await callAs(claims, "private.tip_detail_as", id)));
}

function toDetail(d: DetailJson | null): Detail {
  if (!d) throw tipNotFound();
  const t = d.tip;
  const viewer = d.mine ? "reporter" : t.officerDepartment ? "police" : "supervisor";
  const reporter = viewer === "reporter" ? null : d.reporter;
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
    createdAt: t.createdAt,
    viewer,
    reporter,
    reporterBlacklisted: t.reporterBlacklisted,
    photoPaths: d.photoPaths,
    history: d.history.map((e) => ({
      kind: e.kind as TipDetail["history"][number]["kind"],
      text: EVENT_TEXT[e.kind] ?? e.kind,
      departmentName: e.departmentName,
      note: e.note,
      createdAt: e.createdAt,
    })),
    messages: d.messages.map((m) => ({
      id: m.id,
      fromPolice: m.fromPolice,
      author: m.fromPolice ? (m.departmentName ?? "民警") : reporterLabel,
      mine: m.fromPolice ? m.officerId === d.me : viewer === "reporter",
      body: m.body,
      createdAt: m.createdAt,
    })),
    actions,
  };
}
