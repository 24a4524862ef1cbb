/// <reference lib="dom" />
// One searchable, keyset-paginated table of the console with its CSV export, over
// GET /api/console/<table>[?q,status,cursor] and …/csv: the loading, empty and error states,
// a real <table> with a caption and column headers, and 「加载更多」 for the next page.
import { download, errorText, get } from "./api.ts";
import { clear, empty, failure, h, loading } from "./dom.ts";

export type Row = Record<string, unknown>;
export type Col = {
  key: string;
  label: string;
  render?: (row: Row) => Node | string;
};

export type TableOptions = {
  /** API path under /api, e.g. /console/companies */
  path: string;
  caption: string;
  columns: Col[];
  statuses?: { value: string; label: string }[];
  /** initial status filter */
  status?: string;
  searchLabel?: string;
  searchPlaceholder?: string;
  pageSize?: number;
};

type Page = { items: Row[]; nextCursor: string | null };

let uid = 0;

export function dataTable(
  opts: TableOptions,
): { el: HTMLElement; reload: () => void } {
  const id = `t${++uid}`;
  const state = {
    q: "",
    status: opts.status ?? "",
    cursor: null as string | null,
  };
  const body = h("tbody");
  const stateBox = h("div", { className: "table-state" });
  const more = h("button", {
    type: "button",
    className: "secondary",
    hidden: true,
  }, "加载更多");
  const note = h("p", {
    className: "note",
    role: "status",
    "aria-live": "polite",
  });
  const search = h("input", {
    id: `${id}-q`,
    type: "search",
    name: "q",
    placeholder: opts.searchPlaceholder ?? "输入关键字",
    autocomplete: "off",
  });
  const statusSelect = opts.statuses
    ? h(
      "select",
      { id: `${id}-status`, name: "status" },
      h("option", { value: "" }, "全部"),
      opts.statuses.map((s) =>
        h(
          "option",
          { value: s.value, selected: s.value === state.status },
          s.label,
        )
      ),
    )
    : null;

  const query = (withCursor: boolean) => {
    const p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    if (state.status) p.set("status", state.status);
    if (withCursor && state.cursor) p.set("cursor", state.cursor);
    if (withCursor) p.set("limit", String(opts.pageSize ?? 20));
    const s = p.toString();
    return s ? `?${s}` : "";
  };

  const row = (r: Row) =>
    h(
      "tr",
      {},
      opts.columns.map((c, i) => {
        const content = c.render ? c.render(r) : formatCell(r[c.key]);
        return i === 0 ? h("th", { scope: "row" }, content) : h("td", {}, content);
      }),
    );

  // a search sent while an earlier page is still loading: only the latest answer is shown
  let seq = 0;
  async function load(first: boolean) {
    const mine = ++seq;
    if (first) {
      state.cursor = null;
      body.replaceChildren();
      clear(stateBox, loading());
      more.hidden = true;
    } else {
      more.disabled = true;
      more.textContent = "正在加载…";
    }
    try {
      const page = await get<Page>(`${opts.path}${query(true)}`);
      if (mine !== seq) return;
      stateBox.replaceChildren();
      for (const r of page.items) body.appendChild(row(r));
      if (first && page.items.length === 0) {
        clear(
          stateBox,
          empty(state.q || state.status ? "没有符合条件的记录" : "暂无记录"),
        );
      }
      state.cursor = page.nextCursor;
      more.hidden = !page.nextCursor;
      if (!page.nextCursor && body.children.length > 0 && !first) {
        note.textContent = "已经没有更多记录了";
      }
    } catch (e) {
      if (mine === seq) {
        clear(
          stateBox,
          failure(errorText(e), () => load(first)),
        );
      }
    } finally {
      more.disabled = false;
      more.textContent = "加载更多";
    }
  }

  const exportButton = h(
    "button",
    { type: "button", className: "secondary" },
    "导出 CSV",
  );
  exportButton.addEventListener("click", async () => {
    exportButton.disabled = true;
    note.textContent = "正在导出…";
    try {
      const r = await download(`${opts.path}/csv${query(false)}`);
      note.textContent = r.truncated
        ? `已导出前 ${r.rows} 条（超出部分请缩小搜索范围）`
        : `已导出 ${r.rows} 条记录`;
    } catch (e) {
      note.textContent = `导出失败：${errorText(e)}`;
    } finally {
      exportButton.disabled = false;
    }
  });

  const form = h(
    "form",
    {
      className: "toolbar",
      role: "search",
      "aria-label": `搜索${opts.caption}`,
    },
    h("label", { for: `${id}-q` }, opts.searchLabel ?? "搜索"),
    search,
    statusSelect ? h("label", { for: `${id}-status` }, "状态") : null,
    statusSelect,
    h("button", { type: "submit" }, "搜索"),
    exportButton,
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.q = search.value.trim();
    state.status = statusSelect?.value ?? "";
    note.textContent = "";
    void load(true);
  });
  more.addEventListener("click", () => void load(false));

  const table = h(
    "table",
    {},
    h("caption", {}, opts.caption),
    h(
      "thead",
      {},
      h("tr", {}, opts.columns.map((c) => h("th", { scope: "col" }, c.label))),
    ),
    body,
  );
  const el = h(
    "section",
    { className: "data-table", "aria-label": opts.caption },
    form,
    // a wide table scrolls sideways: the region takes the keyboard focus for the arrow keys
    h("div", {
      className: "table-wrap",
      tabindex: 0,
      role: "region",
      "aria-label": `${opts.caption}（可横向滚动）`,
    }, table),
    stateBox,
    more,
    note,
  );
  void load(true);
  return { el, reload: () => void load(true) };
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
