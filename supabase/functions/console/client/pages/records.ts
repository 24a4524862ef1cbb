/// <reference lib="dom" />
// 到岗记录: who is on duty now, and attendance per company per day (hours on duty, Asia/Shanghai
// days; a shift over midnight counts in both days).
import { clear, h, hours, text, time } from "../dom.ts";
import { dataTable } from "../table.ts";

export function recordsPage(root: HTMLElement) {
  const now = dataTable({
    path: "/console/on-duty",
    caption: "当前在岗（最近上岗在前）",
    searchPlaceholder: "姓名、单位、巡区、部门",
    columns: [
      { key: "guard", label: "姓名(手机号码)", render: (r) => text(r.guard) },
      { key: "companyName", label: "所属单位" },
      { key: "zoneName", label: "巡区名称" },
      { key: "department", label: "所属派出所" },
      { key: "onAt", label: "上岗时间", render: (r) => time(r.onAt) },
      { key: "hoursSoFar", label: "已在岗（小时）", render: (r) => hours(r.hoursSoFar) },
      { key: "late", label: "补录" },
    ],
  });
  const daily = dataTable({
    path: "/console/attendance",
    caption: "每日到岗统计（最近日期在前）",
    searchPlaceholder: "单位名称或日期（2026-11-28）",
    columns: [
      { key: "day", label: "日期" },
      { key: "companyName", label: "单位名称" },
      { key: "guards", label: "到岗人数" },
      { key: "shifts", label: "上岗次数" },
      { key: "hours", label: "在岗时长（小时）", render: (r) => hours(r.hours) },
    ],
  });
  clear(
    root,
    h("h1", {}, "到岗记录"),
    h("h2", {}, "当前在岗"),
    now.el,
    h("h2", {}, "每日到岗统计"),
    daily.el,
  );
}
