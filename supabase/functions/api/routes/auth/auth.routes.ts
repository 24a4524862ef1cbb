// Sign-in with WeChat, refresh-token rotation, logout.
import { createRoute, z } from "@hono/zod-openapi";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  limitBody,
  signedInRoute,
} from "../../../_shared/openapi.ts";
import { plainText } from "../../../_shared/validation.ts";
import { OkSchema, SessionSchema } from "../../schemas.ts";

const tags = ["auth"];

const code = (label: string) =>
  plainText(label, { missing: `缺少${label}` }).min(1, { error: `${label}不能为空` }).max(256, {
    error: `${label}过长`,
  });

export const signIn = createRoute({
  method: "post",
  path: "/wechat",
  summary: "微信登录：wx.login 的 code 与手机号授权 code 换取会话",
  tags,
  middleware: [limitBody()] as const,
  request: {
    body: jsonBody(z.object({
      loginCode: code("登录凭证 loginCode"),
      phoneCode: code("手机号凭证 phoneCode"),
    })),
  },
  responses: {
    200: jsonResponse(SessionSchema, "会话"),
    ...errorResponses(400, 403, 409, 413, 429, 502, 503),
  },
});

export const refresh = createRoute({
  method: "post",
  path: "/refresh",
  summary: "用刷新令牌换新会话（轮换；旧令牌再次使用将吊销整个会话）",
  tags,
  middleware: [limitBody()] as const,
  request: { body: jsonBody(z.object({ refreshToken: code("刷新令牌 refreshToken") })) },
  responses: { 200: jsonResponse(SessionSchema, "新会话"), ...errorResponses(400, 401, 413, 429) },
});

export const logout = signedInRoute({
  method: "post",
  path: "/logout",
  summary: "退出登录：吊销当前会话的所有刷新令牌",
  tags,
  responses: { 200: jsonResponse(OkSchema, "已退出") },
});
