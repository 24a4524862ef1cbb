// Threat: someone with only the public anon key reads the registry, declarations,
// memberships or company codes, or calls a company transition.
import { approvedCompany, asAnon, assertPgError, dbTest } from "./_helpers.ts";

for (
  const table of [
    "registry_companies",
    "companies",
    "police_officers",
    "memberships",
    "company_codes",
  ]
) {
  dbTest(`anon cannot read ${table}`, async () => {
    await assertPgError(() => asAnon((tx) => tx`select * from ${tx("public." + table)}`), "42501");
  });
}

dbTest("anon cannot call any company RPC, even with a valid code", async () => {
  const company = await approvedCompany();
  const calls = [
    `select public.declare_company(gen_random_uuid(), gen_random_uuid(), '地址', '13912345678')`,
    `select * from public.preview_declaration('${company.reviewToken}')`,
    `select public.review_declaration('${company.reviewToken}', true, null)`,
    `select * from public.preview_company_code('${company.code}')`,
    `select public.join_company('${company.code}', true)`,
    `select public.regenerate_company_code('${company.id}')`,
    `select * from public.list_staff('${company.id}', null, null, null, 10)`,
    `select public.dismiss_member(gen_random_uuid())`,
    `select public.resign()`,
  ];
  for (const call of calls) {
    await assertPgError(() => asAnon((tx) => tx.unsafe(call)), "42501");
  }
});
