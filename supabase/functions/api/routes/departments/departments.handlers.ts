import { withUser } from "../../../_shared/db.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { allDepartments } from "../../read-models/departments.ts";
import type * as routes from "./departments.routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const items = await withUser(c.get("claims"), allDepartments);
  return c.json({ items: [...items] }, 200);
};
