// GET /api/departments: the management departments of 常州市公安局 (flat, with parentId),
// for the pickers of declarations and zones.
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { withUser } from "../../_shared/db.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { DepartmentSchema } from "../schemas.ts";

type Department = z.infer<typeof DepartmentSchema>;

const list = createRoute({
  method: "get",
  path: "/",
  summary: "管理部门树（扁平，含 parentId）",
  tags: ["departments"],
  security: bearer,
  middleware: [requireAuth] as const,
  responses: {
    200: {
      description: "全部管理部门",
      content: {
        "application/json": { schema: z.object({ items: z.array(DepartmentSchema) }) },
      },
    },
    ...errorResponses(401),
  },
});

export const departmentsApp = newApp().openapi(list, async (c) => {
  const items = await withUser(c.get("claims"), (tx) =>
    tx<Department[]>`
      select id, parent_id as "parentId", name, kind::text as kind, sort, code
        from public.departments
       order by sort, name`);
  return c.json({ items: [...items] }, 200);
});
