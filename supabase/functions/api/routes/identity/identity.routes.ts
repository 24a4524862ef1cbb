// Real-name identity: the 微警务 registry lookup and copy (sync), and self registration.
import { z } from "@hono/zod-openapi";
import { AppError } from "../../../_shared/errors.ts";
import { MAX_IMAGE_BYTES } from "../../../_shared/image.ts";
import { registrationHits, throttleBy } from "../../../_shared/throttle.ts";
import { jsonResponse, limitBody, signedInRoute } from "../../../_shared/openapi.ts";
import { idNumberSchema, nameSchema } from "../../../_shared/validation.ts";
import { MeSchema } from "../../schemas.ts";

const tags = ["identity"];

export const registry = signedInRoute({
  method: "get",
  path: "/registry",
  summary: "查询本人手机号是否已在微警务平台实名",
  tags,
  responses: {
    200: jsonResponse(
      z.object({
        found: z.boolean(),
        nameMasked: z.string().optional().openapi({ example: "张*" }),
      }),
      "查询结果（姓名打码）",
    ),
  },
  errors: [502, 503],
});

export const sync = signedInRoute({
  method: "post",
  path: "/sync",
  summary: "授权关联用户信息：从微警务平台复制姓名与身份证号",
  tags,
  responses: { 200: jsonResponse(MeSchema, "当前用户") },
  errors: [404, 409, 502, 503],
});

export const register = signedInRoute({
  method: "post",
  path: "/",
  summary: "自行认证：姓名、身份证号码与正面人像照片",
  tags,
  // The photo may be 5 MB, the rest of the form is small; throttled before the body is read.
  bodyLimit: limitBody(
    MAX_IMAGE_BYTES + 64 * 1024,
    () => new AppError(413, "photo_too_large", "头像不能超过 5 MB"),
  ),
  middleware: [throttleBy((c) => registrationHits(c, 0))],
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            name: nameSchema,
            idNumber: idNumberSchema,
            photo: z.instanceof(File, { error: "请上传头像照片（JPEG 或 PNG）" })
              .openapi({ type: "string", format: "binary", description: "正面人像，≤ 5 MB" }),
          }),
        },
      },
    },
  },
  responses: { 200: jsonResponse(MeSchema, "当前用户") },
  errors: [400, 409, 413, 429, 502],
});
