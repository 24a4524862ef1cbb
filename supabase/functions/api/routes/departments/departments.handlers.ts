import type { AppRouteHandler } from "../../lib/types.ts";
import { allDepartments } from "../../read-models/departments.ts";
import type * as routes from "./departments.routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  return c.json({ items: await allDepartments(c.get("claims")) }, 200);
};
