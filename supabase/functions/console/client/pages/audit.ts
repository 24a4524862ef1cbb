/// <reference lib="dom" />
// 审计日志: every admin and police action in the officer's scope, newest first, with the row
// before and after (secrets and personal data were redacted when it was written).
import { clear, h, text, time } from "../dom.ts";
import { dataTable, type Row } from "../table.ts";

/** The audited tables by the names an officer knows them by (the raw name stays as its title). */
const TABLES: Record<string, string> = {
  "public.companies": "单位申报",
  "public.memberships": "单位人员",
  "public.company_codes": "单位码",
  "public.zones": "巡区",
  "public.zone_codes": "巡区二维码",
  "public.zone_members": "巡区人员",
  "public.tips": "线索",
  "private.tip_blacklist": "举报黑名单",
  "private.console_logins": "控制台登录",
};

function tableOf(r: Row): Node | string {
  const raw = typeof r.tableName === "string" ? r.tableName : "";
  return TABLES[raw] ? h("span", { title: raw }, TABLES[raw]) : text(r.tableName);
}

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
    searchPlaceholder: "操作人、操作、记录编号",
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
      { key: "tableName", label: "对象", render: tableOf },
      { key: "rowId", label: "记录" },
      { key: "change", label: "变更", render: change },
    ],
  });
  clear(root, h("h1", {}, "审计日志"), table.el);
}
