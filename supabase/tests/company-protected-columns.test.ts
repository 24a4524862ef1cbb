// Threat: a user writes the columns that grant power or record a decision (status,
// reviewer, role, left_at, the code token, the officer table) instead of going through
// the checked transitions.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  dbTest,
  joinAs,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

dbTest("the declarant cannot write any column of their company", async () => {
  const company = await approvedCompany();
  for (
    const [column, value] of [
      ["status", "approved"],
      ["reviewed_by", company.admin.id],
      ["reviewed_at", "2026-01-01T00:00:00Z"],
      ["reject_reason", "x"],
      ["department_id", company.id],
      ["address", "新地址"],
      ["review_token", "A".repeat(32)],
      ["declarant_id", company.admin.id],
    ] as const
  ) {
    await assertPgError(
      () =>
        asUser(
          company.admin.id,
          (tx) => tx`update public.companies set ${tx(column)} = ${value} where id = ${company.id}`,
        ),
      "42501",
    );
  }
  await assertPgError(
    () =>
      asUser(company.admin.id, (tx) => tx`delete from public.companies where id = ${company.id}`),
    "42501",
  );
});

dbTest("nobody can insert an approved company directly", async () => {
  const user = await newVerifiedUser();
  const company = await approvedCompany();
  await assertPgError(
    () =>
      asUser(user.id, (tx) =>
        tx`insert into public.companies
             (registry_company_id, declarant_id, department_id, address, contact_phone, status, review_token)
           select registry_company_id, ${user.id}, department_id, '地址地址', '13912345678', 'approved', ${
          "B".repeat(32)
        }
           from public.companies where id = ${company.id}`),
    "42501",
  );
});

dbTest("a member cannot promote themselves, un-leave, or insert memberships", async () => {
  const company = await approvedCompany();
  const guard = await newVerifiedUser();
  const membershipId = await joinAs(guard, company.code);
  for (
    const [column, value] of [
      ["role", "admin"],
      ["left_at", null],
      ["left_reason", null],
      ["company_id", company.id],
      ["user_id", guard.id],
      ["has_guard_certificate", false],
    ] as const
  ) {
    await assertPgError(
      () =>
        asUser(
          guard.id,
          (tx) =>
            tx`update public.memberships set ${tx(column)} = ${value} where id = ${membershipId}`,
        ),
      "42501",
    );
  }
  await assertPgError(
    () =>
      asUser(guard.id, (tx) =>
        tx`insert into public.memberships (company_id, user_id, role)
           values (${company.id}, ${guard.id}, 'admin')`),
    "42501",
  );
  await assertPgError(
    () => asUser(guard.id, (tx) => tx`delete from public.memberships where id = ${membershipId}`),
    "42501",
  );
  const [row] = await sql`select role, left_at from public.memberships where id = ${membershipId}`;
  assertEquals([row.role, row.left_at], ["member", null]);
});

dbTest("the admin cannot set the company code token directly", async () => {
  const company = await approvedCompany();
  await assertPgError(
    () =>
      asUser(
        company.admin.id,
        (tx) =>
          tx`update public.company_codes set token = ${
            "C".repeat(32)
          } where company_id = ${company.id}`,
      ),
    "42501",
  );
  await assertPgError(
    () =>
      asUser(
        company.admin.id,
        (tx) => tx`delete from public.company_codes where company_id = ${company.id}`,
      ),
    "42501",
  );
});

dbTest("a user cannot make themselves a police officer", async () => {
  const user = await newVerifiedUser();
  const [city] = await sql`select id from public.departments where code = 'cz'`;
  await assertPgError(
    () =>
      asUser(
        user.id,
        (tx) =>
          tx`insert into public.police_officers (user_id, department_id) values (${user.id}, ${city.id})`,
      ),
    "42501",
  );
  const officer = (await approvedCompany()).officer;
  await assertPgError(
    () =>
      asUser(
        officer.id,
        (tx) =>
          tx`update public.police_officers set department_id = ${city.id} where user_id = ${officer.id}`,
      ),
    "42501",
  );
});

dbTest("a user cannot add companies to the registry", async () => {
  const user = await newVerifiedUser();
  await assertPgError(
    () =>
      asUser(user.id, (tx) =>
        tx`insert into public.registry_companies (name, credit_code)
           values ('自建保安公司', '91320404301884508B')`),
    "42501",
  );
});

dbTest("the private helpers behind the RPCs are not callable by users", async () => {
  const user = await newVerifiedUser();
  for (const call of ["select private.random_token()", "select private.require_verified_user()"]) {
    await assertPgError(() => asUser(user.id, (tx) => tx.unsafe(call)), "42501");
  }
});
