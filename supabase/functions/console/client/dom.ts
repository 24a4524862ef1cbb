/// <reference lib="dom" />
// Small DOM helpers of the console: elements from a tag, attributes and children; the loading,
// empty and error states every page shows the same way; times in Asia/Shanghai.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<
  string,
  string | number | boolean | EventListener | null | undefined
>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    } else if (k === "className") el.className = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(
      typeof c === "object" ? c : document.createTextNode(String(c)),
    );
  }
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

export function loading(text = "正在加载…"): HTMLElement {
  return h("p", { className: "state state--loading", role: "status" }, text);
}

export function empty(text = "暂无记录"): HTMLElement {
  return h("p", { className: "state state--empty", role: "status" }, text);
}

export function failure(message: string, retry?: () => void): HTMLElement {
  return h(
    "div",
    { className: "state state--error", role: "alert" },
    h("p", {}, message),
    retry ? h("button", { type: "button", onclick: () => retry() }, "重试") : null,
  );
}

const TIME = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * 2026-11-28 18:05 in Asia/Shanghai, whatever the computer's zone: the same form as the
 * mini-program's times and the CSV exports (which add the seconds), not the browser's locale.
 */
export function time(iso: unknown): string {
  if (typeof iso !== "string" || !iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  const p = Object.fromEntries(TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Hours with two decimals (5.00, 1.13), so a column of them lines up. */
export function hours(v: unknown): string {
  return typeof v === "number" && Number.isFinite(v) ? v.toFixed(2) : text(v);
}

export function text(v: unknown): string {
  return v === null || v === undefined || v === "" ? "—" : String(v);
}

/** Moves the focus to a page's heading, so a screen reader announces the new page. */
export function focusHeading(root: Element): void {
  const h1 = root.querySelector("h1");
  if (h1) {
    h1.setAttribute("tabindex", "-1");
    h1.focus({ preventScroll: true });
  }
}
