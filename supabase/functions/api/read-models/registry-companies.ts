// The company registry a declaration picks from, searched by name or 统一社会信用代码 prefix.
import type { Tx } from "../../_shared/db.ts";
import type { RegistryCompany } from "../schemas.ts";

// ilike wildcards in the user's text are literal characters, not patterns.
const literal = (q: string) => q.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Up to `limit` registry companies after (name, id), in name order. */
export function searchRegistry(
  tx: Tx,
  q: string,
  after: [string, string] | null,
  limit: number,
) {
  const like = `%${literal(q)}%`;
  const codePrefix = `${literal(q.toUpperCase())}%`;
  return tx<RegistryCompany[]>`
    select id, name, credit_code as "creditCode",
           private.registry_company_status(id)::text as declared
      from public.registry_companies
     where (name ilike ${like} or credit_code like ${codePrefix})
       and (${after === null} or (name, id) > (${after?.[0] ?? ""}, ${after?.[1] ?? null}::uuid))
     order by name, id
     limit ${limit}`;
}
