// The caller's active membership (在职单位), as GET /api/companies/mine and the scan of a
// 单位码 read it.
import type { Tx } from "../../_shared/db.ts";
import type { Membership } from "../schemas.ts";

type MembershipRow = Omit<Membership, "joinedAt"> & { joinedAt: Date };

export async function activeMembership(tx: Tx): Promise<Membership | null> {
  const [m] = await tx<MembershipRow[]>`
    select m.id, m.company_id as "companyId", rc.name as "companyName", m.role::text as role,
           m.has_guard_certificate as "hasGuardCertificate", m.joined_at as "joinedAt",
           m.entry_date::text as "entryDate"
      from public.memberships m
      join public.companies c on c.id = m.company_id
      join public.registry_companies rc on rc.id = c.registry_company_id
     where m.user_id = (select auth.uid()) and m.left_at is null`;
  return m ? { ...m, joinedAt: m.joinedAt.toISOString() } : null;
}
