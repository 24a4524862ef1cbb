import { z } from "@hono/zod-openapi";
import { jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { plainText } from "../../../_shared/validation.ts";
import { pageQuery } from "../../lib/cursor.ts";
import { pageOf, RegistryCompanySchema } from "../../schemas.ts";

export const search = signedInRoute({
  method: "get",
  path: "/",
  summary: "单位列表：按名称（或统一社会信用代码前缀）搜索，分页",
  tags: ["companies"],
  request: {
    query: z.object({
      q: plainText("搜索词").trim().max(50, { error: "搜索词不能超过 50 个字" }).default("")
        .openapi({ description: "名称中的字词", example: "保安" }),
      ...pageQuery,
    }),
  },
  responses: { 200: jsonResponse(pageOf(RegistryCompanySchema), "一页单位（名称排序）") },
  errors: [400],
});
