// 打卡 (SPEC §4.2, §7): what a scanned zone QR would do, doing it once per requestId (online,
// or later from the offline queue with the device time), and the caller's duty state.
import { z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { plainText } from "../../../_shared/validation.ts";
import {
  DUTY_ACTIONS,
  DutyPreviewSchema,
  DutyResultSchema,
  DutyStateSchema,
} from "../../zones.schemas.ts";

const tags = ["duty"];

const code = plainText("二维码内容", { missing: "缺少二维码内容" }).min(1, {
  error: "缺少二维码内容",
})
  .max(2000, { error: "二维码内容过长" })
  .openapi({ description: "扫到的巡区二维码内容（完整链接或 token）" });

const location = z.object({
  lat: z.number({ error: "定位信息无效" }).min(-90, { error: "定位信息无效" })
    .max(90, { error: "定位信息无效" }),
  lng: z.number({ error: "定位信息无效" }).min(-180, { error: "定位信息无效" })
    .max(180, { error: "定位信息无效" }),
}).openapi({ description: "手机定位（GCJ-02）；巡区开启打卡范围时必填" });

export const state = signedInRoute({
  method: "get",
  path: "/",
  summary: "我的巡区与在岗状态",
  tags,
  responses: { 200: jsonResponse(DutyStateSchema, "巡区与在岗班次") },
});

export const preview = signedInRoute({
  method: "post",
  path: "/preview",
  summary: "扫巡区二维码：确认后将执行的操作与提示文字，或不能打卡的原因",
  tags,
  request: { body: jsonBody(z.object({ code, location: location.optional() })) },
  responses: { 200: jsonResponse(DutyPreviewSchema, "操作与提示，或原因（action 为 null）") },
  errors: [400],
});

export const clock = signedInRoute({
  method: "post",
  path: "/",
  summary: "打卡：上岗、离岗、加入巡区并上岗、切换巡区并上岗（同一 requestId 只执行一次）",
  tags,
  request: {
    body: jsonBody(z.object({
      code,
      action: z.enum([...DUTY_ACTIONS, "auto"], { error: "打卡操作无效" }).openapi({
        description: "预览返回并经用户确认的操作；离线补交的扫码用 auto",
      }),
      location: location.optional(),
      requestId: z.string({ error: "缺少请求编号" }).uuid({ error: "请求编号须为 UUID" }),
      deviceTime: z.string().datetime({ offset: true, error: "扫码时间格式不正确" }).optional()
        .openapi({ description: "离线扫码时的手机时间（ISO 8601）；在线打卡不传" }),
    })),
  },
  responses: { 200: jsonResponse(DutyResultSchema, "打卡结果（重复提交时为第一次的结果）") },
  errors: [400, 403, 404, 409, 410],
});
