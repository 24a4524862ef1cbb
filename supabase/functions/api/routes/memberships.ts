// Leaving a company: 离职 by the company's admin (POST /api/memberships/:id/dismiss) and by
// oneself (POST /api/me/resign). The SQL functions check who may end which membership.
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { withUser } from "../../_shared/db.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { MeSchema, OkSchema } from "../schemas.ts";
import { loadMe } from "./me.ts";

const dismiss = createRoute({
  method: "post",
  path: "/{id}/dismiss",
  summary: "离职：单位管理员将人员移出本单位",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: {
    params: z.object({
      id: z.string().uuid({ error: "人员编号格式不正确" }).openapi({
        param: { name: "id", in: "path" },
      }),
    }),
  },
  responses: {
    200: { description: "已离职", content: { "application/json": { schema: OkSchema } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const resign = createRoute({
  method: "post",
  path: "/resign",
  summary: "离职：本人离开所在单位",
  tags: ["me"],
  security: bearer,
  middleware: [requireAuth] as const,
  responses: {
    200: { description: "离职后的当前用户", content: { "application/json": { schema: MeSchema } } },
    ...errorResponses(401, 409),
  },
});

export const membershipsApp = newApp().openapi(dismiss, async (c) => {
  const { id } = c.req.valid("param");
  await withUser(c.get("claims"), (tx) => tx`select public.dismiss_member(${id}::uuid)`);
  return c.json({ ok: true as const }, 200);
});

/** Mounted under /api/me. */
export const resignApp = newApp().openapi(resign, async (c) => {
  const me = await withUser(c.get("claims"), async (tx) => {
    await tx`select public.resign()`;
    return await loadMe(tx);
  });
  return c.json(me, 200);
});
