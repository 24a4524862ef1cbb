import { withUser } from "../../../_shared/db.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { loadMe, meForClaims } from "../../read-models/me.ts";
import { asIs } from "../../lib/as-is.ts";
import { recordsPageText } from "../../read-models/zones.ts";
import type * as routes from "./me.routes.ts";

export const getMe: AppRouteHandler<typeof routes.getMe> = async (c) => {
  return c.json(await meForClaims(c.get("claims")), 200);
};

// resign() checks that the caller has an active membership to end.
export const resign: AppRouteHandler<typeof routes.resign> = async (c) => {
  const me = await withUser(c.get("claims"), async (tx) => {
    await tx`select public.resign()`;
    return await loadMe(tx);
  });
  return c.json(me, 200);
};

// acknowledge_dismissal touches only the caller's own dismissed membership; another id is a no-op.
export const noticeSeen: AppRouteHandler<typeof routes.noticeSeen> = async (c) => {
  const { id } = c.req.valid("param");
  await withUser(c.get("claims"), (tx) => tx`select public.acknowledge_dismissal(${id}::uuid)`);
  return c.json({ ok: true as const }, 200);
};

// 到岗记录 of the caller in their current company (docs/zones.md); the SQL answers the page as is.
export const records: AppRouteHandler<typeof routes.records> = async (c) => {
  const { status, cursor, limit } = c.req.valid("query");
  return asIs(c, await recordsPageText(c.get("claims"), null, status, cursor, limit));
};
