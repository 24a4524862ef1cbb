// The management departments of 常州市公安局, flat with parentId, for the pickers.
import type { Tx } from "../../_shared/db.ts";
import type { Department } from "../schemas.ts";

export function allDepartments(tx: Tx) {
  return tx<Department[]>`
    select id, parent_id as "parentId", name, kind::text as kind, sort, code
      from public.departments
     order by sort, name`;
}
