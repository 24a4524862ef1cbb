/// <reference lib="dom" />
// 巡区: a map of the zones in scope with their on-duty counts, and the zone table. With a tile
// server configured (CONSOLE_TILE_URL, a {z}/{x}/{y} template of Web Mercator tiles in the same
// coordinate system as the zones: GCJ-02, as WeChat's map picks them) the points lie on its
// tiles; without one they are drawn on a plain 经度/纬度 plot, which needs no network.
import { errorText, get } from "../api.ts";
import { chartFigure, PALETTE } from "../charts.ts";
import { clear, failure, h, loading, time } from "../dom.ts";
import { dataTable, type Row } from "../table.ts";

type Zone = {
  name: string;
  companyName: string;
  lat: number;
  lng: number;
  onDutyNow: number;
};

export function settings(): { tileUrl: string; tileAttribution: string } {
  try {
    return JSON.parse(document.getElementById("settings")?.textContent ?? "{}");
  } catch {
    return { tileUrl: "", tileAttribution: "" };
  }
}

async function allZones(): Promise<Zone[]> {
  const zones: Zone[] = [];
  let cursor: string | null = null;
  // a map of a few hundred points stays readable; the table below has them all
  for (let i = 0; i < 10; i++) {
    const q: string = cursor ? `&cursor=${cursor}` : "";
    const page: { items: Row[]; nextCursor: string | null } = await get(
      `/console/zones?limit=50${q}`,
    );
    zones.push(...page.items as unknown as Zone[]);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return zones.filter((z) => typeof z.lat === "number" && typeof z.lng === "number");
}

export function zonesPage(root: HTMLElement, isCurrent: () => boolean) {
  const map = h("div", {}, loading("正在加载地图…"));
  const table = dataTable({
    path: "/console/zones",
    caption: "巡区（最新创建在前）",
    searchPlaceholder: "巡区名称、单位、派出所、地址",
    columns: [
      { key: "name", label: "巡区名称" },
      { key: "companyName", label: "所属单位" },
      { key: "department", label: "所属派出所" },
      { key: "address", label: "巡区地点" },
      { key: "addressDetail", label: "地址描述" },
      { key: "members", label: "人员" },
      { key: "onDutyNow", label: "在岗" },
      {
        key: "coords",
        label: "坐标",
        render: (r) => `${Number(r.lat).toFixed(4)}, ${Number(r.lng).toFixed(4)}`,
      },
      { key: "createdAt", label: "创建时间", render: (r) => time(r.createdAt) },
    ],
  });
  clear(root, h("h1", {}, "巡区"), map, table.el);
  const draw = async () => {
    clear(map, loading("正在加载地图…"));
    let zones: Zone[];
    try {
      zones = await allZones();
    } catch (e) {
      if (isCurrent()) clear(map, failure(errorText(e), () => void draw()));
      return;
    }
    if (!isCurrent()) return;
    if (!zones.length) {
      clear(map, h("p", { className: "state state--empty" }, "暂无巡区"));
      return;
    }
    const { tileUrl, tileAttribution } = settings();
    clear(
      map,
      tileUrl ? tileMap(zones, tileUrl, tileAttribution) : plot(zones),
    );
  };
  void draw();
}

const CAPTION = "巡区地图（圆点越大，当前在岗人数越多）";

/** Offline: the points on a 经度/纬度 plot. */
function plot(zones: Zone[]): HTMLElement {
  return chartFigure(CAPTION, {
    color: [PALETTE[0], PALETTE[1]],
    tooltip: {
      trigger: "item",
      formatter: (p: { data: [number, number, number, string, string] }) =>
        `${p.data[3]}（${p.data[4]}）<br/>当前在岗 ${p.data[2]} 人`,
    },
    grid: { left: 64, right: 32, top: 24, bottom: 48 },
    xAxis: {
      type: "value",
      name: "经度",
      scale: true,
      nameLocation: "middle",
      nameGap: 28,
    },
    yAxis: { type: "value", name: "纬度", scale: true },
    series: [{
      name: "巡区",
      type: "scatter",
      data: zones.map((
        z,
      ) => [z.lng, z.lat, z.onDutyNow, z.name, z.companyName]),
      symbolSize: (v: number[]) => 10 + Math.min(30, v[2] * 4),
      itemStyle: {
        color: (
          p: { data: number[] },
        ) => (p.data[2] > 0 ? PALETTE[1] : PALETTE[0]),
      },
      label: {
        show: true,
        position: "right",
        formatter: (p: { data: string[] }) => p.data[3],
      },
    }],
  }, 460);
}

const TILE = 256;
function project(lat: number, lng: number, z: number): [number, number] {
  const n = TILE * 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [
    ((lng + 180) / 360) * n,
    ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n,
  ];
}

/** Online: Web Mercator tiles of the configured server and the points on them. */
function tileMap(
  zones: Zone[],
  template: string,
  attribution: string,
): HTMLElement {
  const W = 1100, H = 460, pad = 40;
  let z = 18;
  for (; z > 3; z--) {
    const pts = zones.map((p) => project(p.lat, p.lng, z));
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    if (
      Math.max(...xs) - Math.min(...xs) < W - 2 * pad &&
      Math.max(...ys) - Math.min(...ys) < H - 2 * pad
    ) break;
  }
  const pts = zones.map((p) => project(p.lat, p.lng, z));
  const cx = (Math.min(...pts.map((p) => p[0])) + Math.max(...pts.map((p) => p[0]))) / 2;
  const cy = (Math.min(...pts.map((p) => p[1])) + Math.max(...pts.map((p) => p[1]))) / 2;
  const left = cx - W / 2, top = cy - H / 2;
  const box = h("div", {
    className: "tile-map",
    style: `width:${W}px;height:${H}px`,
  });
  for (
    let tx = Math.floor(left / TILE);
    tx <= Math.floor((left + W) / TILE);
    tx++
  ) {
    for (
      let ty = Math.floor(top / TILE);
      ty <= Math.floor((top + H) / TILE);
      ty++
    ) {
      const url = template.replace("{z}", String(z)).replace("{x}", String(tx))
        .replace(
          "{y}",
          String(ty),
        );
      box.appendChild(h("img", {
        src: url,
        alt: "",
        className: "tile",
        style: `left:${tx * TILE - left}px;top:${ty * TILE - top}px`,
      }));
    }
  }
  zones.forEach((zone, i) => {
    const size = 12 + Math.min(30, zone.onDutyNow * 4);
    box.appendChild(h("span", {
      className: `marker${zone.onDutyNow > 0 ? " marker--on" : ""}`,
      role: "img",
      "aria-label": `${zone.name}（${zone.companyName}），当前在岗 ${zone.onDutyNow} 人`,
      title: `${zone.name}（${zone.companyName}）当前在岗 ${zone.onDutyNow} 人`,
      style: `left:${pts[i][0] - left - size / 2}px;top:${
        pts[i][1] - top - size / 2
      }px;width:${size}px;height:${size}px`,
    }));
  });
  return h(
    "figure",
    { className: "card chart-card" },
    h("figcaption", {}, CAPTION),
    box,
    attribution ? h("small", { className: "muted" }, attribution) : null,
  );
}
