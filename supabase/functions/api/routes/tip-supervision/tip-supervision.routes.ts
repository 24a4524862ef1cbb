// 线索监督: every tip, for the platform supervisors (public.platform_supervisors), by status,
// keyset-paginated; they open one to see its reporter and 拉黑 (POST /api/tips/{id}/blacklist).
import { z } from "@hono/zod-openapi";
import { jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { pageQuery } from "../../lib/cursor.ts";
import { pageOf } from "../../schemas.ts";
import { TIP_STATUS, TipListItemSchema } from "../../tip-schemas.ts";

export const list = signedInRoute({
  method: "get",
  path: "/",
  summary: "线索监督列表（平台监督员：全部线索；按状态，最新在前）",
  tags: ["tips"],
  request: {
    query: z.object({
      status: z.enum([...TIP_STATUS, "all"], {
        error: "状态须为 pending、accepted、closed、refused 或 all",
      }).default("all").openapi({ description: "默认全部" }),
      ...pageQuery,
    }),
  },
  responses: { 200: jsonResponse(pageOf(TipListItemSchema), "一页线索") },
  errors: [400, 403],
});
