import { asIs } from "../../lib/as-is.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { departmentsText } from "../../read-models/departments.ts";
import type * as routes from "./departments.routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  return asIs(c, await departmentsText(c.get("claims")));
};
