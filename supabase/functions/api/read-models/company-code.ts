// A company's 单位码 token with the company's name. RLS shows the code row to the company's
// active admin only, so null means "not yours".
import type { Tx } from "../../_shared/db.ts";

export async function companyCode(
  tx: Tx,
  companyId: string,
): Promise<{ token: string; name: string } | null> {
  const [row] = await tx<{ token: string; name: string }[]>`
    select k.token, rc.name
      from public.company_codes k
      join public.companies c on c.id = k.company_id
      join public.registry_companies rc on rc.id = c.registry_company_id
     where k.company_id = ${companyId}`;
  return row ?? null;
}

/** The company a 单位码 token opens, as preview_company_code shows it to anyone signed in. */
export async function companyOfCode(
  tx: Tx,
  token: string,
): Promise<{ companyId: string; companyName: string } | null> {
  const [row] = await tx<{ companyId: string; companyName: string }[]>`
    select company_id as "companyId", company_name as "companyName"
      from public.preview_company_code(${token})`;
  return row ? { ...row } : null;
}
