// The management departments of 常州市公安局, flat with parentId, for the pickers: one statement
// (private.departments_as; docs/request-path.md).
import { callAs, type Claims } from "../../_shared/db.ts";
import type { Department } from "../schemas.ts";

export async function allDepartments(claims: Claims): Promise<Department[]> {
  return JSON.parse(await callAs(claims, "private.departments_as"));
}
