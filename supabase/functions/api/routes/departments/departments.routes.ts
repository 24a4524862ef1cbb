import { z } from "@hono/zod-openapi";
import { jsonResponse, signedInRoute } from "../../../_shared/openapi.ts";
import { DepartmentSchema } from "../../schemas.ts";

export const list = signedInRoute({
  method: "get",
  path: "/",
  summary: "管理部门树（扁平，含 parentId）",
  tags: ["departments"],
  responses: {
    200: jsonResponse(z.object({ items: z.array(DepartmentSchema) }), "全部管理部门"),
  },
});
