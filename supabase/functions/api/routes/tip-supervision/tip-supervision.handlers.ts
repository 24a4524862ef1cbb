import { decodeCursor, encodeCursor, TIMESTAMP, UUID } from "../../lib/cursor.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { everyTipAs, toListItem } from "../../read-models/tips.ts";
import type * as routes from "./tip-supervision.routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { status, cursor, limit } = c.req.valid("query");
  const [created, id] = cursor ? decodeCursor(cursor, [TIMESTAMP, UUID]) : [null, null];
  const rows = await everyTipAs(
    c.get("claims"),
    status === "all" ? null : status,
    { created, id },
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json({
    items: page.map(toListItem),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdKey, last.id]) : null,
  }, 200);
};
