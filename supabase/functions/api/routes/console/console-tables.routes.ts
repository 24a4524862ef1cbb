// The console's tables (issue 10): for each table of read-models/console.ts a keyset-paginated,
// searchable list and its CSV export, and the overview's charts. Officers only; the police
// views under the officer's RLS decide the rows. The item schemas are made from the same column
// descriptions that shape the SQL and the CSV, so the three cannot drift apart.
import { createRoute, z } from "@hono/zod-openapi";
import { bearer, errorResponses, jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { requireAuth } from "../../../_shared/auth.ts";
import { plainText } from "../../../_shared/validation.ts";
import { pageQuery } from "../../lib/cursor.ts";
import { type ColumnKind, type TableName, TABLES } from "../../read-models/console.ts";
import { pageOf } from "../../schemas.ts";

const tags = ["console"];

const KIND: Record<ColumnKind, () => z.ZodType> = {
  text: () => z.string().nullable(),
  int: () => z.number().int().nullable(),
  number: () => z.number().nullable(),
  bool: () => z.boolean().nullable(),
  time: () =>
    z.string().nullable().openapi({ description: "ISO 8601 (UTC)；控制台按北京时间显示" }),
  date: () => z.string().nullable().openapi({ description: "YYYY-MM-DD（北京时间的日期）" }),
  json: () => z.unknown().openapi({ description: "JSON" }),
};

const pascal = (s: string) => s.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join("");

export function rowSchema(name: TableName) {
  const shape: Record<string, z.ZodType> = {};
  for (const col of TABLES[name].columns) {
    shape[col.key] = KIND[col.kind]().openapi({ description: col.header });
  }
  return z.object(shape).openapi(`Console${pascal(name)}Row`);
}

const filterQuery = {
  q: plainText("搜索内容").trim().max(100, { error: "搜索内容不能超过 100 个字" }).optional()
    .openapi({
      description: "搜索（名称、部门、地址等，包含即可）",
    }),
  status: z.enum(["pending", "approved", "rejected", "accepted", "closed", "refused"], {
    error: "状态无效",
  }).optional().openapi({
    description:
      "按状态筛选（单位：pending/approved/rejected；线索：pending/accepted/closed/refused）",
  }),
};

const companyParam = z.object({
  id: z.string().uuid({ error: "单位编号无效" }).openapi({ param: { name: "id", in: "path" } }),
});

function pathOf(name: TableName): string {
  return name === "staff" ? "/companies/{id}/staff" : `/${name}`;
}

function listRoute<N extends TableName>(name: N) {
  return signedInRoute({
    method: "get",
    path: pathOf(name),
    summary: `控制台：${TABLES[name].title}（民警，限本部门及下级；可搜索，最新在前）`,
    tags,
    request: {
      ...(name === "staff" ? { params: companyParam } : {}),
      query: z.object({ ...filterQuery, ...pageQuery }),
    },
    responses: { 200: jsonResponse(pageOf(rowSchema(name)), "一页记录") },
    errors: [400, 403],
  });
}

function csvRoute<N extends TableName>(name: N) {
  return createRoute({
    method: "get",
    path: `${pathOf(name)}/csv`,
    summary: `控制台：导出${TABLES[name].title}（CSV，UTF-8 带 BOM，Excel 可直接打开）`,
    tags,
    security: bearer,
    middleware: [requireAuth] as const,
    request: {
      ...(name === "staff" ? { params: companyParam } : {}),
      query: z.object(filterQuery),
    },
    responses: {
      200: {
        description: "CSV 文件（最多 20000 行；更多时响应头 X-Truncated: true）",
        content: { "text/csv": { schema: z.string() } },
      },
      ...errorResponses(400, 401, 403),
    },
  });
}

export const lists = {
  reviews: listRoute("reviews"),
  companies: listRoute("companies"),
  staff: listRoute("staff"),
  zones: listRoute("zones"),
  "on-duty": listRoute("on-duty"),
  attendance: listRoute("attendance"),
  tips: listRoute("tips"),
  audit: listRoute("audit"),
};

export const csvs = {
  reviews: csvRoute("reviews"),
  companies: csvRoute("companies"),
  staff: csvRoute("staff"),
  zones: csvRoute("zones"),
  "on-duty": csvRoute("on-duty"),
  attendance: csvRoute("attendance"),
  tips: csvRoute("tips"),
  audit: csvRoute("audit"),
};

export const ChartsSchema = z.object({
  today: z.string().openapi({ description: "今天（北京时间）YYYY-MM-DD" }),
  onDutyByHour: z.array(z.number().int()).openapi({
    description: "今天每个小时（0–23 时）曾在岗的人数",
  }),
  attendance: z.object({
    days: z.array(z.string()).openapi({ description: "最近 7 天" }),
    companies: z.array(z.object({
      companyId: z.string(),
      companyName: z.string(),
      hours: z.array(z.number()).openapi({ description: "每天在岗时长（小时）" }),
      guards: z.array(z.number().int()).openapi({ description: "每天到岗人数" }),
    })).openapi({ description: "在岗时长最多的 10 家单位" }),
  }),
  tips: z.array(z.object({
    category: z.string(),
    status: z.string(),
    count: z.number().int(),
  })).openapi({ description: "线索按类别与状态计数" }),
}).openapi("ConsoleCharts");

export const chartsRoute = signedInRoute({
  method: "get",
  path: "/charts",
  summary: "控制台总览图表：今日每小时在岗、近 7 天各单位到岗、线索按类别与状态",
  tags,
  responses: { 200: jsonResponse(ChartsSchema, "图表数据") },
  errors: [403],
});
