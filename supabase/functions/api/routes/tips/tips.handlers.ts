import { Buffer } from "node:buffer";
import { callAs, withUser } from "../../../_shared/db.ts";
import { AppError } from "../../../_shared/errors.ts";
import { processImage } from "../../../_shared/image.ts";
import { asIs } from "../../lib/as-is.ts";
import { decodeCursor, encodeCursor, TIMESTAMP, UUID } from "../../lib/cursor.ts";
import {
  removeTipPhotos,
  signTipPhotos,
  type StoredTipPhoto,
  storeTipPhoto,
} from "../../lib/tip-photos.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { myTipsAs, tipDetail, tipDetailAs, toListItem } from "../../read-models/tips.ts";
import type { TipStatusSchema } from "../../tip-schemas.ts";
import type * as routes from "./tips.routes.ts";
import type { z } from "@hono/zod-openapi";

export const categories: AppRouteHandler<typeof routes.categories> = async (
  c,
) => {
  return asIs(c, await callAs(c.get("claims"), "private.tip_categories_as"));
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 photo (a data: URL prefix is allowed), or 400 photo_invalid. */
function photoBytes(text: string): Uint8Array {
  const b64 = text.replace(/^data:[a-z/+.-]+;base64,/i, "").replace(/\s+/g, "");
  if (b64.length === 0 || b64.length % 4 !== 0 || !BASE64.test(b64)) {
    throw new AppError(400, "photo_invalid", "图片线索须为 JPEG、PNG 或 WebP 图片");
  }
  return new Uint8Array(Buffer.from(b64, "base64"));
}

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const claims = c.get("claims");
  const input = c.req.valid("json");
  if ((input.latitude === undefined) !== (input.longitude === undefined)) {
    throw new AppError(400, "tip_point_invalid", "举报位置无效");
  }
  // Refuse early who may not send at all (unverified, blacklisted, over the daily limit),
  // before any photo is decoded or stored; submit_tip checks it all again, with the rest.
  await withUser(claims, (tx) => tx`select public.tip_submission_check()`);
  // Every photo is checked and re-encoded before the first one is stored.
  const checked = [];
  for (const text of input.photos) {
    checked.push(await processImage(photoBytes(text), "图片线索"));
  }
  const tipId = crypto.randomUUID();
  const stored: StoredTipPhoto[] = [];
  try {
    for (const photo of checked) stored.push(await storeTipPhoto(tipId, photo));
    const photos = JSON.stringify(
      stored.map((p) => ({ path: p.path, width: p.width, height: p.height })),
    );
    const [row] = await withUser(
      claims,
      (tx) =>
        tx<{ id: string; receipt_code: string }[]>`
        select * from public.submit_tip(${tipId}, ${input.categoryId}::smallint, ${input.content},
          ${input.place ?? null}, ${input.latitude ?? null}, ${input.longitude ?? null},
          ${input.anonymous}, ${input.departmentId ?? null}, ${photos}::text::jsonb)`,
    );
    return c.json({
      id: row.id,
      receiptCode: row.receipt_code,
      status: "pending" as const,
    }, 201);
  } catch (e) {
    // nothing of a refused tip stays in Storage
    await removeTipPhotos(stored);
    throw e;
  }
};

export const mine: AppRouteHandler<typeof routes.mine> = async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const [created, id] = cursor ? decodeCursor(cursor, [TIMESTAMP, UUID]) : [null, null];
  const rows = await myTipsAs(c.get("claims"), { created, id }, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json({
    items: page.map(toListItem),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdKey, last.id]) : null,
  }, 200);
};

export const show: AppRouteHandler<typeof routes.show> = async (c) => {
  const { id } = c.req.valid("param");
  const { photoPaths, ...tip } = await tipDetailAs(c.get("claims"), id);
  const urls = await signTipPhotos(
    c.get("accessToken"),
    photoPaths.map((p) => p.path),
  );
  const photos = photoPaths.flatMap((p, i) => {
    const url = urls[i];
    return url ? [{ url, width: p.width, height: p.height }] : [];
  });
  return c.json({ ...tip, photos }, 200);
};

export const reply: AppRouteHandler<typeof routes.reply> = async (c) => {
  const { id } = c.req.valid("param");
  const { body } = c.req.valid("json");
  const message = await withUser(c.get("claims"), async (tx) => {
    const [m] = await tx<
      { id: string }[]
    >`select public.add_tip_message(${id}, ${body})::text as id`;
    const detail = await tipDetail(tx, id);
    return detail.messages.find((x) => x.id === Number(m.id))!;
  });
  return c.json(message, 201);
};

type Status = z.infer<typeof TipStatusSchema>;

const act = (
  action: "accept" | "close" | "refuse",
): AppRouteHandler<typeof routes.accept> =>
async (c) => {
  const { id } = c.req.valid("param");
  const { note } = c.req.valid("json");
  const [row] = await withUser(
    c.get("claims"),
    (tx) =>
      tx<{ status: Status }[]>`
      select public.handle_tip(${id}, ${action}, ${note || null})::text as status`,
  );
  return c.json({ status: row.status }, 200);
};

export const accept = act("accept");
export const close = act("close");
export const refuse = act("refuse");

export const reassign: AppRouteHandler<typeof routes.reassign> = async (c) => {
  const { id } = c.req.valid("param");
  const { departmentId, note } = c.req.valid("json");
  await withUser(
    c.get("claims"),
    (tx) => tx`select public.reassign_tip(${id}, ${departmentId}, ${note || null})`,
  );
  return c.json({ ok: true as const }, 200);
};

export const blacklist: AppRouteHandler<typeof routes.blacklist> = async (
  c,
) => {
  const { id } = c.req.valid("param");
  const { reason } = c.req.valid("json");
  await withUser(
    c.get("claims"),
    (tx) => tx`select public.blacklist_tip_reporter(${id}, ${reason})`,
  );
  return c.json({ ok: true as const }, 200);
};
