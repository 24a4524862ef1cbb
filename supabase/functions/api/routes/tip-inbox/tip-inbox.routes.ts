// 线索处理: the officer's inbox of tips, by department and status (SPEC §6), keyset-paginated.
import { z } from "@hono/zod-openapi";
import { jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { pageQuery } from "../../lib/cursor.ts";
import { pageOf } from "../../schemas.ts";
import { TIP_STATUS, TipListItemSchema } from "../../tip-schemas.ts";

export const list = signedInRoute({
  method: "get",
  path: "/",
  summary: "线索处理列表（民警，限本部门及下级；按状态与部门，最新在前）",
  tags: ["tips"],
  request: {
    query: z.object({
      status: z.enum([...TIP_STATUS, "all"], {
        error: "状态须为 pending、accepted、closed、refused 或 all",
      }).default("pending").openapi({ description: "默认待处理" }),
      departmentId: z.string().uuid({ error: "部门无效" }).optional().openapi({
        description: "只看某一部门（须在本人所辖范围内，否则为空）",
      }),
      ...pageQuery,
    }),
  },
  responses: { 200: jsonResponse(pageOf(TipListItemSchema), "一页线索") },
  errors: [400, 403],
});
