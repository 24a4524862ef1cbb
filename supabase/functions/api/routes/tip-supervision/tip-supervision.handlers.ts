import { withUser } from "../../../_shared/db.ts";
import { AppError } from "../../../_shared/errors.ts";
import { decodeCursor, encodeCursor, TIMESTAMP, UUID } from "../../lib/cursor.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { everyTip, isSupervisor, toListItem } from "../../read-models/tips.ts";
import type * as routes from "./tip-supervision.routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { status, cursor, limit } = c.req.valid("query");
  const [created, id] = cursor ? decodeCursor(cursor, [TIMESTAMP, UUID]) : [null, null];
  const rows = await withUser(c.get("claims"), async (tx) => {
    if (!(await isSupervisor(tx))) {
      throw new AppError(403, "not_supervisor", "仅平台监督员可以查看线索监督");
    }
    return await everyTip(tx, status === "all" ? null : status, { created, id }, limit + 1);
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json({
    items: page.map(toListItem),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdKey, last.id]) : null,
  }, 200);
};
