/// <reference lib="dom" />
// 审核队列: pending declarations of the officer's scope (GET /api/console/reviews), approved or
// rejected with a reason through the same review API as the mini-program's 审核二维码.
import { errorText, post } from "../api.ts";
import { ask } from "../dialog.ts";
import { clear, h, text, time } from "../dom.ts";
import { dataTable, type Row } from "../table.ts";

export function reviewsPage(root: HTMLElement) {
  const status = h("p", {
    className: "note",
    role: "status",
    "aria-live": "polite",
  });
  const decide = async (row: Row, approve: boolean) => {
    const name = String(row.companyName);
    const answer = approve
      ? await ask({
        title: "审核通过",
        message: `确认审核通过「${name}」的申报？`,
        confirmText: "审核通过",
      })
      : await ask({
        title: "驳回申报",
        message: `驳回「${name}」的申报`,
        confirmText: "驳回",
        danger: true,
        field: { label: "驳回原因", required: true, max: 200 },
      });
    if (!answer.ok) return;
    try {
      await post(`/reviews/${encodeURIComponent(String(row.token))}`, {
        approve,
        ...(approve ? {} : { reason: answer.value }),
      });
      status.textContent = approve ? `已审核通过：${name}` : `已驳回：${name}`;
      table.reload();
    } catch (e) {
      status.textContent = `操作失败：${errorText(e)}`;
    }
  };
  const table = dataTable({
    path: "/console/reviews",
    caption: "待审核的单位申报（最新在前）",
    searchPlaceholder: "单位名称、信用代码、部门、申报人",
    columns: [
      { key: "companyName", label: "单位名称" },
      { key: "creditCode", label: "统一社会信用代码" },
      { key: "department", label: "管理部门" },
      { key: "address", label: "经营地址" },
      { key: "contactPhone", label: "联系电话" },
      { key: "declarant", label: "申报人", render: (r) => text(r.declarant) },
      { key: "createdAt", label: "申报时间", render: (r) => time(r.createdAt) },
      {
        key: "actions",
        label: "操作",
        render: (r) =>
          h(
            "span",
            { className: "row-actions" },
            h("button", {
              type: "button",
              "aria-label": `审核通过 ${r.companyName}`,
              onclick: () => void decide(r, true),
            }, "审核通过"),
            h("button", {
              type: "button",
              className: "danger",
              "aria-label": `驳回 ${r.companyName}`,
              onclick: () => void decide(r, false),
            }, "驳回"),
          ),
      },
    ],
  });
  clear(root, h("h1", {}, "审核队列"), status, table.el);
}
