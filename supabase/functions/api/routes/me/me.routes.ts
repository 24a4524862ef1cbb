// The caller: who they are, and leaving their company themselves.
import { jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { MeSchema } from "../../schemas.ts";

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
