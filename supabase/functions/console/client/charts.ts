/// <reference lib="dom" />
// ECharts (npm, pinned in deno.json), only the parts the console draws: bars, lines and
// scatter on a grid, tooltips, legends and the aria module, which writes a description of each
// chart for screen readers. Each chart sits in a <figure> with a caption.
import * as echarts from "echarts/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { h } from "./dom.ts";

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type Option = echarts.EChartsCoreOption;

const live = new Set<echarts.ECharts>();

/** A captioned figure whose chart is drawn once it is in the page (it needs its size). */
export function chartFigure(
  caption: string,
  option: Option,
  height = 300,
): HTMLElement {
  // role=img with the caption as its name until ECharts' aria module writes its description
  const box = h("div", {
    className: "chart",
    style: `height:${height}px`,
    role: "img",
    "aria-label": caption,
  });
  const fig = h(
    "figure",
    { className: "card chart-card" },
    h("figcaption", {}, caption),
    box,
  );
  requestAnimationFrame(() => {
    const chart = echarts.init(box, null, { renderer: "canvas", locale: "ZH" });
    chart.setOption({
      aria: { enabled: true, label: { enabled: true } },
      animation: false,
      textStyle: { fontFamily: "system-ui, 'Noto Sans CJK SC', sans-serif" },
      ...option,
    });
    live.add(chart);
  });
  return fig;
}

/** Charts of the page being left are disposed of (their canvases and listeners). */
export function disposeCharts(): void {
  for (const c of live) c.dispose();
  live.clear();
}

addEventListener("resize", () => {
  for (const c of live) c.resize();
});

/** Colours with at least 3:1 against white and between neighbours (WCAG non-text contrast). */
export const PALETTE = [
  "#1f5fd6",
  "#c2410c",
  "#15803d",
  "#7c3aed",
  "#b91c1c",
  "#0e7490",
  "#a16207",
  "#be185d",
  "#4d7c0f",
  "#475569",
];
