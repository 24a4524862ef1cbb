// 人员名单: a page of a company's active staff as public.list_staff returns it to the company's
// admin, read in one statement that answers the API's JSON as is (private.staff_page_as;
// docs/request-path.md).
import { callAs, type Claims } from "../../_shared/db.ts";

/** The JSON text of `limit` rows after `before`, newest first, with nextCursor. */
export function staffPageText(
  claims: Claims,
  companyId: string,
  q: string,
  before: { joined: string | null; id: string | null },
  limit: number,
): Promise<string> {
  return callAs(
    claims,
    "private.staff_page_as",
    companyId,
    q || null,
    before.joined,
    before.id,
    limit,
  );
}
