// The caller: who they are, and leaving their company themselves.
import { z } from "@hono/zod-openapi";
import { jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { MeSchema, OkSchema, pageOf } from "../../schemas.ts";
import { MyRecordSchema, RecordQuerySchema } from "../../zones.schemas.ts";

const tags = ["me"];

export const getMe = signedInRoute({
  method: "get",
  path: "/",
  summary: "当前用户、认证状态与首页功能",
  tags,
  responses: { 200: jsonResponse(MeSchema, "当前用户") },
  errors: [404],
});

export const resign = signedInRoute({
  method: "post",
  path: "/resign",
  summary: "离职：本人离开所在单位",
  tags,
  responses: { 200: jsonResponse(MeSchema, "离职后的当前用户") },
  errors: [409],
});

export const noticeSeen = signedInRoute({
  method: "post",
  path: "/notices/{id}/seen",
  summary: "已告知：离职通知不再出现",
  tags,
  request: {
    params: z.object({
      id: z.string().uuid({ error: "通知编号格式不正确" }).openapi({
        param: { name: "id", in: "path" },
      }),
    }),
  },
  responses: { 200: jsonResponse(OkSchema, "已告知") },
  errors: [400],
});

export const records = signedInRoute({
  method: "get",
  path: "/records",
  summary: "我的到岗记录（当前单位）：全部 / 上岗 / 离岗，最新上岗在前",
  tags,
  request: { query: RecordQuerySchema },
  responses: { 200: jsonResponse(pageOf(MyRecordSchema), "一页记录") },
  errors: [400],
});
