// 离职 by the company's admin.
import { z } from "@hono/zod-openapi";
import { jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { OkSchema } from "../../schemas.ts";

export const dismiss = signedInRoute({
  method: "post",
  path: "/{id}/dismiss",
  summary: "离职：单位管理员将人员移出本单位",
  tags: ["companies"],
  request: {
    params: z.object({
      id: z.string().uuid({ error: "人员编号格式不正确" }).openapi({
        param: { name: "id", in: "path" },
      }),
    }),
  },
  responses: { 200: jsonResponse(OkSchema, "已离职") },
  errors: [400, 403, 404, 409],
});
