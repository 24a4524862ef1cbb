// 人员名单: a page of a company's active staff as public.list_staff returns it to the company's
// admin, read in one statement (private.staff_as; docs/request-path.md).
import { callAs, type Claims } from "../../_shared/db.ts";
import type { Staff } from "../schemas.ts";

export type StaffJson = Staff & { joinedKey: string };

/** `limit` rows after `before`, newest first; joinedAt as ISO, joinedKey exact for the cursor. */
export async function staffPageAs(
  claims: Claims,
  companyId: string,
  q: string,
  before: { joined: string | null; id: string | null },
  limit: number,
): Promise<StaffJson[]> {
  return JSON.parse(
    await callAs(claims, "private.staff_as", companyId, q || null, before.joined, before.id, limit),
  );
}
