import { withUser } from "../../../_shared/db.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import type * as routes from "./memberships.routes.ts";

// dismiss_member checks that the caller is the active admin of the member's company.
export const dismiss: AppRouteHandler<typeof routes.dismiss> = async (c) => {
  const { id } = c.req.valid("param");
  await withUser(c.get("claims"), (tx) => tx`select public.dismiss_member(${id}::uuid)`);
  return c.json({ ok: true as const }, 200);
};
