// The police review of a declaration, reached by scanning its 审核二维码 or from the officer's
// 单位审核 list. Officers only, within their department's scope; the SQL functions decide.
import { z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { plainText } from "../../../_shared/validation.ts";
import { pageQuery } from "../../lib/cursor.ts";
import { OkSchema, pageOf, ReviewListItemSchema, ReviewPreviewSchema } from "../../schemas.ts";

const tags = ["reviews"];

const tokenParam = z.object({
  token: plainText("审核码").max(200).openapi({ param: { name: "token", in: "path" } }),
});

export const list = signedInRoute({
  method: "get",
  path: "/",
  summary: "单位审核列表（民警，限本部门及下级；按状态，最新申报在前）",
  tags,
  request: {
    query: z.object({
      status: z.enum(["pending", "approved", "rejected"], {
        error: "状态须为 pending、approved 或 rejected",
      }).default("pending").openapi({ description: "待审核 / 已通过 / 已驳回，默认待审核" }),
      ...pageQuery,
    }),
  },
  responses: { 200: jsonResponse(pageOf(ReviewListItemSchema), "一页申报") },
  errors: [400, 403],
});

export const show = signedInRoute({
  method: "get",
  path: "/{token}",
  summary: "查看待审核的申报（民警，限本部门及下级）",
  tags,
  request: { params: tokenParam },
  responses: { 200: jsonResponse(ReviewPreviewSchema, "申报") },
  errors: [400, 403, 404],
});

export const decide = signedInRoute({
  method: "post",
  path: "/{token}",
  summary: "审核通过或驳回（驳回须填写原因）",
  tags,
  request: {
    params: tokenParam,
    body: jsonBody(z.object({
      approve: z.boolean({ error: "请选择通过或驳回" }),
      reason: plainText("驳回原因", { multiline: true }).trim()
        .max(200, { error: "驳回原因不能超过 200 个字" }).optional(),
    })),
  },
  responses: { 200: jsonResponse(OkSchema, "已审核") },
  errors: [400, 403, 404, 409],
});
