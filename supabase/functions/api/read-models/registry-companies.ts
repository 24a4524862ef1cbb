// The company registry a declaration picks from, searched by name or 统一社会信用代码 prefix: one
// statement (private.registry_companies_as, which also makes the user's wildcards literal).
import { callAs, type Claims } from "../../_shared/db.ts";
import type { RegistryCompany } from "../schemas.ts";

/** Up to `limit` registry companies after (name, id), in name order. */
export async function searchRegistry(
  claims: Claims,
  q: string,
  after: [string, string] | null,
  limit: number,
): Promise<RegistryCompany[]> {
  return JSON.parse(
    await callAs(
      claims,
      "private.registry_companies_as",
      q,
      after?.[0] ?? null,
      after?.[1] ?? null,
      limit,
    ),
  );
}
