import { withUser } from "../../../_shared/db.ts";
import { decodeCursor, encodeCursor, TIMESTAMP, UUID } from "../../lib/cursor.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { previewDeclaration, reviewList, reviewToken } from "../../read-models/declarations.ts";
import type * as routes from "./reviews.routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { status, cursor, limit } = c.req.valid("query");
  const [created, id] = cursor ? decodeCursor(cursor, [TIMESTAMP, UUID]) : [null, null];
  const { items: page, more } = await reviewList(c.get("claims"), status, { created, id }, limit);
  const last = page.at(-1);
  return c.json({
    items: page.map(({ createdKey: _, ...r }) => r),
    nextCursor: more && last ? encodeCursor([last.createdKey, last.id]) : null,
  }, 200);
};

export const show: AppRouteHandler<typeof routes.show> = async (c) => {
  const { token } = c.req.valid("param");
  return c.json(await withUser(c.get("claims"), (tx) => previewDeclaration(tx, token)), 200);
};

export const decide: AppRouteHandler<typeof routes.decide> = async (c) => {
  const token = reviewToken(c.req.valid("param").token);
  const { approve, reason } = c.req.valid("json");
  await withUser(
    c.get("claims"),
    (tx) => tx`select public.review_declaration(${token}, ${approve}, ${reason || null})`,
  );
  return c.json({ ok: true as const }, 200);
};
