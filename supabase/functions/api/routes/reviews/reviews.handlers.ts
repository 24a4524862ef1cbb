import { withUser } from "../../../_shared/db.ts";
import { asIs } from "../../lib/as-is.ts";
import { decodeCursor, TIMESTAMP, UUID } from "../../lib/cursor.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import {
  previewDeclarationAs,
  reviewsPageText,
  reviewToken,
} from "../../read-models/declarations.ts";
import type * as routes from "./reviews.routes.ts";

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { status, cursor, limit } = c.req.valid("query");
  const [created, id] = cursor ? decodeCursor(cursor, [TIMESTAMP, UUID]) : [null, null];
  return asIs(c, await reviewsPageText(c.get("claims"), status, { created, id }, limit));
};

export const show: AppRouteHandler<typeof routes.show> = async (c) => {
  const { token } = c.req.valid("param");
  return asIs(c, await previewDeclarationAs(c.get("claims"), token));
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
