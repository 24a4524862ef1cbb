/// <reference lib="dom" />
// 审计日志: every admin and police action in the officer's scope, newest first, with the row
// before and after (secrets and personal data were redacted when it was written).
import { clear, h, text, time } from "../dom.ts";
import { dataTable, type Row } from "../table.ts";

function change(r: Row): Node {
  if (!r.before && !r.after) return document.createTextNode("—");
  return h(
    "details",
    {},
    h("summary", {}, "查看变更"),
    h(
      "pre",
      {},
      JSON.stringify(
        { 操作前: r.before ?? null, 操作后: r.after ?? null },
        null,
        2,
      ),
    ),
  );
}

export function auditPage(root: HTMLElement) {
  const table = dataTable({
    path: "/console/audit",
    caption: "审计日志（最新在前）",
    searchPlaceholder: "操作人、操作、数据表、记录编号",
    columns: [
      { key: "at", label: "时间", render: (r) => time(r.at) },
      {
        key: "actor",
        label: "操作人",
        // no user: the owner changed data by hand (migrations, seeds, Studio)
        render: (r) =>
          r.actor ? String(r.actor) : r.actorRole === "postgres" ? "系统" : text(r.actor),
      },
      { key: "actionLabel", label: "操作" },
      { key: "tableName", label: "数据表" },
      { key: "rowId", label: "记录" },
      { key: "change", label: "变更", render: change },
    ],
  });
  clear(root, h("h1", {}, "审计日志"), table.el);
}
