/// <reference lib="dom" />
// 线索: the inbox of the officer's scope (GET /api/console/tips, by status) and a tip's detail
// (GET /api/tips/{id}: photos by signed URLs, history, thread), handled through the tips API:
// 受理, 办结 / 不予受理 with a note, 转办 to a department, 留言.
import { errorText, get, post } from "../api.ts";
import { clear, failure, h, loading, text, time } from "../dom.ts";
import { dataTable } from "../table.ts";

export const TIP_STATUSES = [
  { value: "pending", label: "待处理" },
  { value: "accepted", label: "已受理" },
  { value: "closed", label: "已办结" },
  { value: "refused", label: "不予受理" },
];
const statusText = (s: unknown) => TIP_STATUSES.find((t) => t.value === s)?.label ?? text(s);

export function tipsPage(root: HTMLElement) {
  const table = dataTable({
    path: "/console/tips",
    caption: "线索（最新在前）",
    searchPlaceholder: "回执码、类别、内容、地点、部门",
    statuses: TIP_STATUSES,
    status: "pending",
    columns: [
      {
        key: "receiptCode",
        label: "回执码",
        render: (r) => h("a", { href: `#/tips/${r.id}` }, String(r.receiptCode)),
      },
      { key: "category", label: "线索类别" },
      { key: "status", label: "状态", render: (r) => statusText(r.status) },
      { key: "department", label: "管理部门" },
      {
        key: "content",
        label: "线索内容",
        render: (r) => {
          const s = String(r.content ?? "");
          return s.length > 40 ? `${s.slice(0, 40)}…` : s;
        },
      },
      { key: "photos", label: "图片" },
      { key: "anonymous", label: "匿名" },
      { key: "createdAt", label: "举报时间", render: (r) => time(r.createdAt) },
    ],
  });
  clear(root, h("h1", {}, "线索"), table.el);
}

type Tip = {
  id: string;
  receiptCode: string;
  category: { name: string };
  content: string;
  place: string | null;
  anonymous: boolean;
  status: string;
  statusText: string;
  department: { id: string; name: string };
  createdAt: string;
  reporter: { name: string; phoneMasked: string } | null;
  photos: { url: string; width: number; height: number }[];
  history: {
    text: string;
    departmentName: string;
    note: string | null;
    createdAt: string;
  }[];
  messages: {
    author: string;
    fromPolice: boolean;
    body: string;
    createdAt: string;
  }[];
  actions: string[];
};
type Department = {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
};

export async function tipPage(
  root: HTMLElement,
  id: string,
  isCurrent: () => boolean,
) {
  const body = h("div", {}, loading());
  clear(
    root,
    h("p", {}, h("a", { href: "#/tips" }, "← 返回线索列表")),
    h("h1", {}, "线索详情"),
    body,
  );
  let tip: Tip;
  try {
    tip = await get<Tip>(`/tips/${encodeURIComponent(id)}`);
  } catch (e) {
    if (isCurrent()) {
      clear(
        body,
        failure(errorText(e), () => void tipPage(root, id, isCurrent)),
      );
    }
    return;
  }
  if (!isCurrent()) return;
  const reload = () => void tipPage(root, id, isCurrent);
  const status = h("p", {
    className: "note",
    role: "status",
    "aria-live": "polite",
  });

  const facts = h(
    "dl",
    { className: "facts card" },
    [
      ["回执码", tip.receiptCode],
      ["状态", tip.statusText],
      ["线索类别", tip.category.name],
      ["管理部门", tip.department.name],
      ["举报时间", time(tip.createdAt)],
      [
        "举报人",
        tip.anonymous
          ? "匿名"
          : tip.reporter
          ? `${tip.reporter.name}(${tip.reporter.phoneMasked})`
          : "—",
      ],
      ["地点", text(tip.place)],
      ["线索内容", tip.content],
    ].flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );

  const photos = h(
    "section",
    { className: "card", "aria-labelledby": "tip-photos" },
    h("h2", { id: "tip-photos" }, `图片线索（${tip.photos.length}）`),
    tip.photos.length
      ? h(
        "ul",
        { className: "photos" },
        tip.photos.map((p, i) =>
          h(
            "li",
            {},
            h(
              "a",
              { href: p.url, target: "_blank", rel: "noopener" },
              h("img", {
                src: p.url,
                alt: `图片线索 ${i + 1}`,
                width: Math.min(240, p.width),
                loading: "lazy",
              }),
            ),
          )
        ),
      )
      : h("p", { className: "state state--empty" }, "无图片"),
  );

  const history = h(
    "section",
    { className: "card", "aria-labelledby": "tip-history" },
    h("h2", { id: "tip-history" }, "处理记录"),
    h(
      "ol",
      { className: "timeline" },
      tip.history.map((e) =>
        h(
          "li",
          {},
          h("time", {}, time(e.createdAt)),
          ` ${e.text} · ${e.departmentName}`,
          e.note ? h("div", { className: "muted" }, `处理意见：${e.note}`) : null,
        )
      ),
    ),
  );

  const replyBox = h("textarea", { id: "tip-reply", rows: 2, maxlength: 500 });
  const thread = h(
    "section",
    { className: "card", "aria-labelledby": "tip-thread" },
    h("h2", { id: "tip-thread" }, "留言"),
    tip.messages.length
      ? h(
        "ol",
        { className: "thread" },
        tip.messages.map((m) =>
          h(
            "li",
            { className: m.fromPolice ? "from-police" : "" },
            h("strong", {}, m.author),
            " ",
            h("time", {}, time(m.createdAt)),
            h("p", {}, m.body),
          )
        ),
      )
      : h("p", { className: "state state--empty" }, "暂无留言"),
    tip.actions.includes("reply")
      ? h(
        "form",
        {
          className: "stack",
          onsubmit: async (ev: Event) => {
            ev.preventDefault();
            if (!replyBox.value.trim()) {
              status.textContent = "请输入留言内容";
              replyBox.focus();
              return;
            }
            try {
              await post(`/tips/${tip.id}/messages`, {
                body: replyBox.value.trim(),
              });
              reload();
            } catch (e) {
              status.textContent = `留言失败：${errorText(e)}`;
            }
          },
        },
        h("label", { for: "tip-reply" }, "留言内容"),
        replyBox,
        h("button", { type: "submit" }, "发送留言"),
      )
      : null,
  );

  clear(
    body,
    status,
    facts,
    await handling(tip, status, reload),
    photos,
    history,
    thread,
  );
}

/** The status change (with a note) and 转办, as the tip's `actions` allow. */
async function handling(tip: Tip, status: HTMLElement, reload: () => void) {
  const acts = [
    ["accept", "受理"],
    ["close", "办结"],
    ["refuse", "不予受理"],
  ].filter(([a]) => tip.actions.includes(a));
  if (!acts.length && !tip.actions.includes("reassign")) return null;
  const action = h(
    "select",
    { id: "tip-action" },
    acts.map(([value, label]) => h("option", { value }, label)),
  );
  const note = h("textarea", { id: "tip-note", rows: 2, maxlength: 200 });
  const section = h(
    "section",
    { className: "card", "aria-labelledby": "tip-handle" },
    h("h2", { id: "tip-handle" }, "处理"),
  );
  if (acts.length) {
    section.appendChild(h(
      "form",
      {
        className: "stack",
        onsubmit: async (ev: Event) => {
          ev.preventDefault();
          const a = action.value;
          if (a !== "accept" && !note.value.trim()) {
            status.textContent = "办结或不予受理须填写处理意见";
            note.focus();
            return;
          }
          try {
            await post(
              `/tips/${tip.id}/${a}`,
              note.value.trim() ? { note: note.value.trim() } : {},
            );
            reload();
          } catch (e) {
            status.textContent = `处理失败：${errorText(e)}`;
          }
        },
      },
      h("label", { for: "tip-action" }, "处理方式"),
      action,
      h("label", { for: "tip-note" }, "处理意见"),
      note,
      h("button", { type: "submit" }, "提交"),
    ));
  }
  if (tip.actions.includes("reassign")) {
    let departments: Department[] = [];
    try {
      departments = (await get<{ items: Department[] }>("/departments")).items;
    } catch { /* the select stays empty; the server decides anyway */ }
    const parent = new Map(departments.map((d) => [d.id, d]));
    const select = h(
      "select",
      { id: "tip-department" },
      departments.filter((d) => d.id !== tip.department.id).map((d) => {
        const p = d.parentId ? parent.get(d.parentId) : null;
        return h(
          "option",
          { value: d.id },
          p && p.kind !== "city" ? `${p.name} ${d.name}` : d.name,
        );
      }),
    );
    const why = h("textarea", {
      id: "tip-reassign-note",
      rows: 2,
      maxlength: 200,
    });
    section.appendChild(h(
      "form",
      {
        className: "stack",
        onsubmit: async (ev: Event) => {
          ev.preventDefault();
          try {
            await post(`/tips/${tip.id}/reassign`, {
              departmentId: select.value,
              ...(why.value.trim() ? { note: why.value.trim() } : {}),
            });
            reload();
          } catch (e) {
            status.textContent = `转办失败：${errorText(e)}`;
          }
        },
      },
      h("h3", {}, "转办"),
      h("label", { for: "tip-department" }, "转办部门"),
      select,
      h("label", { for: "tip-reassign-note" }, "转办说明"),
      why,
      h("button", { type: "submit", className: "secondary" }, "转办"),
    ));
  }
  return section;
}
