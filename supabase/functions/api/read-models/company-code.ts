// A company's 单位码 token with the company's name. RLS shows the code row to the company's
// active admin only, so null means "not yours".
import { callAs, type Claims, type Tx } from "../../_shared/db.ts";

export async function companyCode(
  claims: Claims,
  companyId: string,
): Promise<{ token: string; name: string } | null> {
  return JSON.parse(await callAs(claims, "private.company_code_as", companyId));
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
