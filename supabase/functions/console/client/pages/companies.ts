/// <reference lib="dom" />
// 单位与人员: the companies of the officer's scope (every declaration, by status) and one
// company's 人员名单 (active staff, masked phones).
import { clear, h, text, time } from "../dom.ts";
import { dataTable } from "../table.ts";

const STATUSES = [
  { value: "approved", label: "已通过" },
  { value: "pending", label: "待审核" },
  { value: "rejected", label: "已驳回" },
];
const statusText = (s: unknown) => STATUSES.find((t) => t.value === s)?.label ?? text(s);

export function companiesPage(root: HTMLElement) {
  const table = dataTable({
    path: "/console/companies",
    caption: "保安单位（最新申报在前）",
    searchPlaceholder: "单位名称、信用代码、部门、管理员",
    statuses: STATUSES,
    status: "approved",
    columns: [
      {
        key: "companyName",
        label: "单位名称",
        render: (r) =>
          h("a", {
            href: `#/companies/${r.id}?name=${encodeURIComponent(String(r.companyName))}`,
          }, String(r.companyName)),
      },
      { key: "creditCode", label: "统一社会信用代码" },
      { key: "status", label: "状态", render: (r) => statusText(r.status) },
      { key: "department", label: "管理部门" },
      { key: "admin", label: "单位管理员", render: (r) => text(r.admin) },
      { key: "staff", label: "在职" },
      { key: "certifiedStaff", label: "持证" },
      { key: "zones", label: "巡区" },
      { key: "onDutyNow", label: "在岗" },
      { key: "createdAt", label: "申报时间", render: (r) => time(r.createdAt) },
    ],
  });
  clear(root, h("h1", {}, "单位与人员"), table.el);
}

export function staffPage(root: HTMLElement, id: string, name: string) {
  const table = dataTable({
    path: `/console/companies/${encodeURIComponent(id)}/staff`,
    caption: "人员名单（最新加入在前）",
    searchLabel: "搜索姓名或手机号码",
    searchPlaceholder: "姓名或手机号码",
    columns: [
      { key: "person", label: "姓名(手机号码)", render: (r) => text(r.person) },
      {
        key: "role",
        label: "角色",
        render: (r) => r.role === "admin" ? "单位管理员" : "普通工作人员",
      },
      { key: "hasGuardCertificate", label: "保安证" },
      { key: "entryDate", label: "入职日期" },
      { key: "joinedAt", label: "加入时间", render: (r) => time(r.joinedAt) },
    ],
  });
  clear(
    root,
    h("p", {}, h("a", { href: "#/companies" }, "← 返回单位列表")),
    h("h1", {}, `${name || "单位"} · 人员名单`),
    table.el,
  );
}
