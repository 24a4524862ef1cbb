// 线索举报 (SPEC §5, docs/tips.md): categories, sending a tip with 0-3 photos, my tips, a tip's
// detail (history, thread, photo URLs) for its reporter, covering officers and supervisors,
// the thread, the officers' actions, and the supervisors' blacklist. The SQL functions of
// migration 20261128400000_tips decide who may do what.
import { z } from "@hono/zod-openapi";
import { AppError } from "../../../_shared/errors.ts";
import { plainText } from "../../../_shared/validation.ts";
import { jsonBody, jsonResponse, limitBody, signedInRoute } from "../../../_shared/openapi.ts";
import { pageQuery } from "../../lib/cursor.ts";
import { OkSchema, pageOf } from "../../schemas.ts";
import {
  TipCategorySchema,
  TipCreatedSchema,
  TipDetailSchema,
  TipListItemSchema,
  TipMessageSchema,
  TipStatusSchema,
} from "../../tip-schemas.ts";

const tags = ["tips"];

/** Largest photo after base64 (5 MB of bytes), and the largest body: three of them and text. */
export const MAX_PHOTO_BASE64 = Math.ceil((5 * 1024 * 1024) / 3) * 4;
const MAX_BODY = 3 * MAX_PHOTO_BASE64 + 64 * 1024;

const idParam = z.object({
  id: z.string().uuid({ error: "线索编号无效" }).openapi({
    param: { name: "id", in: "path" },
  }),
});

const note = plainText("处理意见", { multiline: true }).trim().max(200, {
  error: "处理意见不能超过 200 个字",
})
  .optional();

export const categories = signedInRoute({
  method: "get",
  path: "/categories",
  summary: "线索类别",
  tags,
  responses: {
    200: jsonResponse(z.array(TipCategorySchema), "类别，按显示顺序"),
  },
});

export const create = signedInRoute({
  method: "post",
  path: "/",
  summary: "提交线索（0–3 张图片，base64；服务端解码并重新编码，去除位置等元数据）",
  tags,
  bodyLimit: limitBody(
    MAX_BODY,
    () => new AppError(413, "photo_too_large", "每张图片不能超过 5 MB"),
  ),
  request: {
    body: jsonBody(
      z.object({
        anonymous: z.boolean({ error: "请选择是否匿名" }),
        categoryId: z.number({ error: "请选择线索类别" }).int({
          error: "请选择线索类别",
        })
          .min(1, { error: "请选择线索类别" }).max(32767, {
            error: "请选择线索类别",
          }),
        content: plainText("线索内容", { multiline: true, missing: "请输入线索内容" }).trim()
          .min(1, { error: "请输入线索内容" }).max(500, {
            error: "线索内容不能超过 500 个字",
          }),
        place: plainText("举报地点").trim().max(100, { error: "举报地点不能超过 100 个字" })
          .optional(),
        latitude: z.number().min(-90).max(90).optional(),
        longitude: z.number().min(-180).max(180).optional(),
        departmentId: z.string().uuid({ error: "管理部门无效" }).optional()
          .openapi({
            description: "所选分局或派出所；不选则进入市局受理",
          }),
        photos: z.array(
          z.string({ error: "图片线索格式不正确" })
            .openapi({
              description: "JPEG、PNG 图片的 base64（可带 data: 前缀），≤ 5 MB",
            }),
        ).max(3, { error: "图片线索最多 3 张" }).default([]),
      }),
      "线索",
    ),
  },
  responses: { 201: jsonResponse(TipCreatedSchema, "已提交，回执码") },
  errors: [400, 403, 404, 413, 429, 502],
});

export const mine = signedInRoute({
  method: "get",
  path: "/mine",
  summary: "我的举报（最新在前）",
  tags,
  request: { query: z.object(pageQuery) },
  responses: { 200: jsonResponse(pageOf(TipListItemSchema), "一页线索") },
  errors: [400],
});

export const show = signedInRoute({
  method: "get",
  path: "/{id}",
  summary: "线索详情：状态记录、留言、图片（签名地址 5 分钟有效）",
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse(TipDetailSchema, "线索") },
  errors: [400, 404],
});

export const reply = signedInRoute({
  method: "post",
  path: "/{id}/messages",
  summary: "留言（举报人或所辖民警）",
  tags,
  request: {
    params: idParam,
    body: jsonBody(z.object({
      body: plainText("留言", { multiline: true, missing: "请输入留言内容" }).trim().min(1, {
        error: "请输入留言内容",
      })
        .max(500, { error: "留言不能超过 500 个字" }),
    })),
  },
  responses: { 201: jsonResponse(TipMessageSchema, "留言") },
  errors: [400, 403, 404],
});

const action = (path: string, summary: string) =>
  signedInRoute({
    method: "post",
    path,
    summary,
    tags,
    request: { params: idParam, body: jsonBody(z.object({ note })) },
    responses: {
      200: jsonResponse(z.object({ status: TipStatusSchema }), "新的状态"),
    },
    errors: [400, 403, 404, 409],
  });

export const accept = action("/{id}/accept", "受理（民警，限本部门及下级）");
export const close = action("/{id}/close", "办结（须填写处理意见）");
export const refuse = action("/{id}/refuse", "不予受理（须填写处理意见）");

export const reassign = signedInRoute({
  method: "post",
  path: "/{id}/reassign",
  summary: "转办：交给所辖部门，或退回市局受理（仅待处理）",
  tags,
  request: {
    params: idParam,
    body: jsonBody(z.object({
      departmentId: z.string({ error: "请选择部门" }).uuid({
        error: "请选择部门",
      }),
      note,
    })),
  },
  responses: { 200: jsonResponse(OkSchema, "已转办") },
  errors: [400, 403, 404, 409],
});

export const blacklist = signedInRoute({
  method: "post",
  path: "/{id}/blacklist",
  summary: "拉黑此线索的举报人（平台监督员；不返回举报人信息）",
  tags,
  request: {
    params: idParam,
    body: jsonBody(z.object({
      reason: plainText("拉黑原因", { multiline: true, missing: "请填写拉黑原因" }).trim().min(1, {
        error: "请填写拉黑原因",
      })
        .max(200, { error: "拉黑原因不能超过 200 个字" }),
    })),
  },
  responses: { 200: jsonResponse(OkSchema, "已拉黑") },
  errors: [400, 403, 404],
});
