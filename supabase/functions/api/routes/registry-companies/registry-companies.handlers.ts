import { CREDIT_CODE_PATTERN, isValidCreditCode } from "../../../_shared/credit-code.ts";
import { AppError } from "../../../_shared/errors.ts";
import { ANY, decodeCursor, encodeCursor, UUID } from "../../lib/cursor.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { searchRegistry } from "../../read-models/registry-companies.ts";
import type * as routes from "./registry-companies.routes.ts";

export const search: AppRouteHandler<typeof routes.search> = async (c) => {
  const { q, cursor, limit } = c.req.valid("query");
  // 18 characters of the code's alphabet are a 统一社会信用代码 typed in full: a wrong check
  // character is a typo to point out, not a company that does not exist.
  const code = q.toUpperCase();
  if (CREDIT_CODE_PATTERN.test(code) && !isValidCreditCode(code)) {
    throw new AppError(400, "credit_code_invalid", "统一社会信用代码不正确（校验位有误），请核对");
  }
  const after = cursor ? decodeCursor(cursor, [ANY, UUID]) as [string, string] : null;
  const rows = await searchRegistry(c.get("claims"), q, after, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([last.name, last.id]) : null;
  return c.json({ items, nextCursor }, 200);
};
