// Threat: a leaked 单位码 keeps working after the admin regenerated it, a guessed or
// review token works as a 单位码, or someone other than the admin regenerates it.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  declare,
  joinAs,
  newUser,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

dbTest("a verified user previews the company behind a 单位码", async () => {
  const company = await approvedCompany();
  const guard = await newVerifiedUser();
  const rows = await asUser(
    guard.id,
    (tx) => tx`select * from public.preview_company_code(${company.code})`,
  );
  assertEquals(rows, [{ company_id: company.id, company_name: company.registry.name }]);
});

dbTest("regenerating kills the old code at once; the new one works", async () => {
  const company = await approvedCompany();
  const [{ token }] = await asUserCommit(
    company.admin.id,
    (tx) => tx<{ token: string }[]>`select public.regenerate_company_code(${company.id}) as token`,
  );
  assertEquals(token !== company.code && /^[A-Za-z0-9_-]{32}$/.test(token), true);
  const [stored] =
    await sql`select token from public.company_codes where company_id = ${company.id}`;
  assertEquals(stored.token, token);

  const guard = await newVerifiedUser();
  await assertPgError(
    () => asUser(guard.id, (tx) => tx`select * from public.preview_company_code(${company.code})`),
    "P0001",
    "code_unknown",
  );
  await assertPgError(
    () => asUser(guard.id, (tx) => tx`select public.join_company(${company.code}, true)`),
    "P0001",
    "code_unknown",
  );
  const none = await sql`select 1 from public.memberships where user_id = ${guard.id}`;
  assertEquals(none.length, 0);
  await joinAs(guard, token);
  const [m] = await sql`
    select company_id, role, has_guard_certificate from public.memberships
    where user_id = ${guard.id}`;
  assertEquals([m.company_id, m.role, m.has_guard_certificate], [company.id, "member", true]);
});

dbTest("only the company's active admin regenerates", async () => {
  const company = await approvedCompany();
  const guard = await newVerifiedUser();
  await joinAs(guard, company.code);
  for (const user of [guard, company.officer, await newVerifiedUser()]) {
    await assertPgError(
      () => asUser(user.id, (tx) => tx`select public.regenerate_company_code(${company.id})`),
      "P0001",
      "not_company_admin",
    );
  }
  await assertPgError(
    () => asUser(company.admin.id, (tx) => tx`select public.regenerate_company_code(null)`),
    "P0001",
    "not_company_admin",
  );
  const [stored] =
    await sql`select token from public.company_codes where company_id = ${company.id}`;
  assertEquals(stored.token, company.code);
});

dbTest("unknown, review and pending tokens are not 单位码s", async () => {
  const pending = await declare(await newVerifiedUser());
  const company = await approvedCompany();
  const guard = await newVerifiedUser();
  for (const token of ["A".repeat(32), "", null, pending.reviewToken, company.reviewToken]) {
    await assertPgError(
      () => asUser(guard.id, (tx) => tx`select * from public.preview_company_code(${token})`),
      "P0001",
      "code_unknown",
    );
    await assertPgError(
      () => asUser(guard.id, (tx) => tx`select public.join_company(${token}, false)`),
      "P0001",
      "code_unknown",
    );
  }
  const noCode = await sql`select 1 from public.company_codes where company_id = ${pending.id}`;
  assertEquals(noCode.length, 0);
});

dbTest(
  "an unverified user can neither preview nor join; a certificate answer is needed",
  async () => {
    const company = await approvedCompany();
    const user = await newUser();
    await assertPgError(
      () => asUser(user.id, (tx) => tx`select * from public.preview_company_code(${company.code})`),
      "P0001",
      "identity_unverified",
    );
    await assertPgError(
      () => asUser(user.id, (tx) => tx`select public.join_company(${company.code}, true)`),
      "P0001",
      "identity_unverified",
    );
    const guard = await newVerifiedUser();
    await assertPgError(
      () => asUser(guard.id, (tx) => tx`select public.join_company(${company.code}, null)`),
      "P0001",
      "certificate_required",
    );
  },
);
