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

/** What a cursor value must be: a pattern, or a check of its own (TIMESTAMP). */
export type CursorPart = { test(value: string): boolean };

/** The values of a cursor made by encodeCursor, each matching its pattern, or 400 cursor_invalid. */
export function decodeCursor(cursor: string, patterns: CursorPart[]): string[] {
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
// A timestamptz as Postgres prints it: "2026-11-28 10:00:00.123456+00", and a real instant: a
// pattern alone lets month 13 or 25 o'clock through to the ::timestamptz cast, which fails the
// whole request (issue 13). The date must print back as written, like the ID number's birth date.
const TIMESTAMP_TEXT =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-])(\d{2})(?::(\d{2}))?$/;
export const TIMESTAMP: CursorPart = {
  test(value: string): boolean {
    const m = TIMESTAMP_TEXT.exec(value);
    if (!m) return false;
    const [y, mo, d, h, mi, s, , , oh, om = "00"] = m.slice(1);
    const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
    return +y >= 2000 && +y <= 2999 && +h < 24 && +mi < 60 && +s < 60 && +oh <= 15 &&
      +om < 60 && date.getUTCFullYear() === +y && date.getUTCMonth() === +mo - 1 &&
      date.getUTCDate() === +d;
  },
};
