import { ANY, decodeCursor, encodeCursor, UUID } from "../../lib/cursor.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { searchRegistry } from "../../read-models/registry-companies.ts";
import type * as routes from "./registry-companies.routes.ts";

export const search: AppRouteHandler<typeof routes.search> = async (c) => {
  const { q, cursor, limit } = c.req.valid("query");
  const after = cursor ? decodeCursor(cursor, [ANY, UUID]) as [string, string] : null;
  const rows = await searchRegistry(c.get("claims"), q, after, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([last.name, last.id]) : null;
  return c.json({ items, nextCursor }, 200);
};
