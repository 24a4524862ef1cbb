// The management departments of 常州市公安局, flat with parentId, for the pickers: one statement
// that answers { items } as the API sends it (private.departments_as; docs/request-path.md).
import { callAs, type Claims } from "../../_shared/db.ts";

export function departmentsText(claims: Claims): Promise<string> {
  return callAs(claims, "private.departments_as");
}
