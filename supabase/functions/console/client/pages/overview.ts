/// <reference lib="dom" />
// 总览: the counts of the officer's scope (GET /api/console/overview) and three charts
// (GET /api/console/charts): guards on duty by hour today, hours on duty per company over the
// last 7 days, tips by category and status.
import { errorText, get } from "../api.ts";
import { chartFigure, PALETTE } from "../charts.ts";
import { clear, failure, h, loading } from "../dom.ts";

type Overview = {
  companies: number;
  guards: number;
  zones: number;
  onDutyNow: number;
  pendingReviews: number;
  openTips: number;
};
type Charts = {
  today: string;
  onDutyByHour: number[];
  attendance: {
    days: string[];
    companies: { companyName: string; hours: number[]; guards: number[] }[];
  };
  tips: { category: string; status: string; count: number }[];
};

const STAT: [keyof Overview, string, string][] = [
  ["companies", "保安单位", "#/companies"],
  ["guards", "在职人员", "#/companies"],
  ["zones", "巡区", "#/zones"],
  ["onDutyNow", "当前在岗", "#/attendance"],
  ["pendingReviews", "待审核申报", "#/reviews"],
  ["openTips", "未办结线索", "#/tips"],
];

const TIP_STATUS: [string, string][] = [
  ["pending", "待处理"],
  ["accepted", "已受理"],
  ["closed", "已办结"],
  ["refused", "不予受理"],
];

export async function overviewPage(
  root: HTMLElement,
  isCurrent: () => boolean,
) {
  const body = h("div", {}, loading());
  clear(root, h("h1", {}, "总览"), body);
  let data: [Overview, Charts];
  try {
    data = await Promise.all([
      get<Overview>("/console/overview"),
      get<Charts>("/console/charts"),
    ]);
  } catch (e) {
    if (isCurrent()) {
      clear(
        body,
        failure(errorText(e), () => void overviewPage(root, isCurrent)),
      );
    }
    return;
  }
  if (!isCurrent()) return;
  const [o, c] = data;
  const stats = h(
    "ul",
    { className: "stats", "aria-label": "数字" },
    STAT.map(([key, label, href]) =>
      h(
        "li",
        { className: "stat card", "data-stat": key },
        h(
          "a",
          { href },
          h("span", { className: "stat__label" }, label),
          h("span", { className: "stat__value" }, String(o[key])),
        ),
      )
    ),
  );

  const hours = Array.from({ length: 24 }, (_, i) => `${i}时`);
  const onDuty = chartFigure(`今日每小时在岗人数（${c.today}，北京时间）`, {
    color: [PALETTE[0]],
    tooltip: { trigger: "axis" },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: {
      type: "category",
      data: hours,
      name: "",
      axisLabel: { interval: 1 },
    },
    yAxis: { type: "value", minInterval: 1, name: "人" },
    series: [{ name: "在岗人数", type: "bar", data: c.onDutyByHour }],
  });

  const days = c.attendance.days.map((d) => d.slice(5).replace("-", "/"));
  const attendance = c.attendance.companies.length
    ? chartFigure("近 7 天各单位在岗时长（小时）", {
      color: PALETTE,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: "category", data: days },
      yAxis: { type: "value", name: "小时" },
      series: c.attendance.companies.map((co) => ({
        name: co.companyName,
        type: "line",
        data: co.hours,
        symbolSize: 8,
      })),
    })
    : h(
      "figure",
      { className: "card chart-card" },
      h("figcaption", {}, "近 7 天各单位在岗时长（小时）"),
      h("p", { className: "state state--empty" }, "近 7 天没有到岗记录"),
    );

  const categories = [...new Set(c.tips.map((t) => t.category))];
  const tips = categories.length
    ? chartFigure("线索：按类别与状态", {
      color: [PALETTE[1], PALETTE[0], PALETTE[2], PALETTE[9]],
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: "category", data: categories },
      yAxis: { type: "value", minInterval: 1, name: "条" },
      series: TIP_STATUS.map(([status, label]) => ({
        name: label,
        type: "bar",
        stack: "tips",
        data: categories.map((cat) =>
          c.tips.find((t) => t.category === cat && t.status === status)
            ?.count ?? 0
        ),
      })),
    })
    : h(
      "figure",
      { className: "card chart-card" },
      h("figcaption", {}, "线索：按类别与状态"),
      h("p", { className: "state state--empty" }, "暂无线索"),
    );

  clear(
    body,
    stats,
    h("div", { className: "charts" }, onDuty, attendance, tips),
  );
}
