// 扫码登录 of the police console: the console (signed in as nobody) starts a login request and
// shows its QR; an officer signed in on the mini-program confirms it; the console's poll then
// receives a session of that officer, and every later call of the console runs as them.
import { createRoute, z } from "@hono/zod-openapi";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  limitBody,
  signedInRoute,
} from "../../../_shared/openapi.ts";
import { OkSchema, SessionSchema } from "../../schemas.ts";
import { plainText } from "../../../_shared/validation.ts";

const tags = ["console"];

export const ConsoleLoginSchema = z.object({
  id: z.string().uuid(),
  pollSecret: z.string().openapi({ description: "只由控制台保存，轮询时出示" }),
  qrText: z.string().openapi({
    description: "二维码内容（民警用小程序扫一扫）",
  }),
  expiresAt: z.string().datetime(),
}).openapi("ConsoleLogin");

export const ConsoleLoginPollSchema = z.object({
  status: z.enum(["pending", "expired", "used", "not_found", "confirmed"]),
  // a union, not .nullable(): a nullable $ref is rendered without its null (see companies)
  session: z.union([SessionSchema, z.null()]).openapi({
    description: "status = confirmed 时为民警的会话",
  }),
}).openapi("ConsoleLoginPoll");

export const start = createRoute({
  method: "post",
  path: "/logins",
  summary: "民警控制台扫码登录：生成登录二维码（2 分钟内有效）",
  tags,
  middleware: [limitBody()] as const,
  responses: {
    200: jsonResponse(ConsoleLoginSchema, "登录请求"),
    ...errorResponses(413, 429),
  },
});

export const poll = createRoute({
  method: "post",
  path: "/logins/{id}/poll",
  summary: "控制台轮询登录结果；确认后仅一次返回民警会话",
  tags,
  middleware: [limitBody()] as const,
  request: {
    params: z.object({
      id: z.string().uuid({ error: "登录请求无效" }).openapi({
        param: { name: "id", in: "path" },
      }),
    }),
    body: jsonBody(z.object({
      pollSecret: plainText("pollSecret", { missing: "缺少 pollSecret" }).min(1).max(200),
    })),
  },
  responses: {
    200: jsonResponse(ConsoleLoginPollSchema, "登录结果"),
    ...errorResponses(400, 413, 429),
  },
});

export const confirm = signedInRoute({
  method: "post",
  path: "/logins/confirm",
  summary: "民警确认登录控制台（小程序扫一扫登录二维码后）",
  tags,
  request: {
    body: jsonBody(z.object({
      code: plainText("二维码内容", { missing: "缺少二维码内容" }).min(1).max(200),
    })),
  },
  responses: { 200: jsonResponse(OkSchema, "已确认") },
  errors: [400, 403, 404, 409, 410],
});

export const OverviewSchema = z.object({
  companies: z.number().int().openapi({ description: "已通过的单位" }),
  guards: z.number().int().openapi({ description: "在职人员" }),
  zones: z.number().int(),
  onDutyNow: z.number().int().openapi({ description: "当前在岗" }),
  pendingReviews: z.number().int().openapi({ description: "待审核申报" }),
  openTips: z.number().int().openapi({ description: "待处理与已受理的线索" }),
}).openapi("ConsoleOverview");

export const overview = signedInRoute({
  method: "get",
  path: "/overview",
  summary: "控制台总览（民警，限本部门及下级）",
  tags,
  responses: { 200: jsonResponse(OverviewSchema, "总览数字") },
  errors: [403],
});
