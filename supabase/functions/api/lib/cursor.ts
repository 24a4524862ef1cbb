// Opaque keyset cursors: the sort key of the last row of a page, base64url-encoded JSON. The
// values travel as the database's own text (a timestamptz keeps its microseconds), so the next
// page starts exactly after the last row.
import { z } from "@hono/zod-openapi";
import { AppError } from "../../_shared/errors.ts";

export function encodeCursor(values: string[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(values));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The values of a cursor made by encodeCursor, each matching its pattern, or 400 cursor_invalid. */
export function decodeCursor(cursor: string, patterns: RegExp[]): string[] {
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const values = JSON.parse(new TextDecoder().decode(bytes));
    if (
      Array.isArray(values) && values.length === patterns.length &&
      values.every((v, i) => typeof v === "string" && patterns[i].test(v))
    ) return values;
  } catch { /* falls through to the error */ }
  throw new AppError(400, "cursor_invalid", "翻页参数无效，请从第一页重新加载");
}

export const pageQuery = {
  cursor: z.string().max(1000).optional().openapi({ description: "上一页返回的 nextCursor" }),
  limit: z.coerce.number({ error: "每页条数须为 1–50 的整数" }).int().min(1).max(50).default(20)
    .openapi({ description: "每页条数，默认 20" }),
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ANY = /^[\s\S]{1,200}$/;
// A timestamptz as Postgres prints it: "2026-11-28 10:00:00.123456+00".
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
