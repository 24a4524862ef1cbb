// 人员名单: a page of a company's active staff as list_staff returns it to the company's admin.
import type { Tx } from "../../_shared/db.ts";
import type { Staff } from "../schemas.ts";

export type StaffRow = Omit<Staff, "joinedAt"> & { joinedAt: Date; joinedKey: string };

export function staffPage(
  tx: Tx,
  companyId: string,
  q: string,
  before: { joined: string | null; id: string | null },
  limit: number,
) {
  return tx<StaffRow[]>`
    select membership_id as "membershipId", user_id as "userId", name, phone,
           role::text as role, has_guard_certificate as "hasGuardCertificate",
           joined_at as "joinedAt", joined_at::text as "joinedKey",
           entry_date::text as "entryDate"
      from public.list_staff(${companyId}::uuid, ${q || null}, ${before.joined}::timestamptz,
                             ${before.id}::uuid, ${limit})`;
}
