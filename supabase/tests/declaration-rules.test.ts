// Threat: bad or unauthorised declarations: an unverified user, invalid phone or
// address, a 分局 instead of a station, a company declared twice, a user with a pending
// declaration or a company; and reviews that skip the rules. Each is refused with its
// code and writes nothing.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  declare,
  departmentId,
  joinAs,
  newOfficer,
  newRegistryCompany,
  newUser,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

const ADDRESS = "常州市新北区太湖东路9号";
const PHONE = "13912345678";

async function declarationsOf(userId: string): Promise<number> {
  const [r] =
    await sql`select count(*)::int as n from public.companies where declarant_id = ${userId}`;
  return r.n;
}

dbTest("a verified user declares: pending, with a review token, seen by themselves", async () => {
  const user = await newVerifiedUser();
  const registry = await newRegistryCompany();
  const dept = await departmentId("cz.xb.anjia");
  await asUser(user.id, async (tx) => {
    const [{ id }] = await tx`
      select public.declare_company(${registry.id}, ${dept}, ${
      " " + ADDRESS + " "
    }, ${PHONE}) as id`;
    const [row] = await tx`
      select status, address, contact_phone, industry, review_token, reviewed_at
      from public.companies where id = ${id}`;
    assertEquals(
      [row.status, row.address, row.contact_phone, row.industry, row.reviewed_at],
      ["pending", ADDRESS, PHONE, "保安服务企业", null],
    );
    // 192 random bits, base64url
    assertEquals(/^[A-Za-z0-9_-]{32}$/.test(row.review_token), true);
  });
});

dbTest("an unverified user cannot declare", async () => {
  const user = await newUser();
  const registry = await newRegistryCompany();
  const dept = await departmentId("cz.xb.anjia");
  await assertPgError(
    () =>
      asUser(
        user.id,
        (tx) => tx`select public.declare_company(${registry.id}, ${dept}, ${ADDRESS}, ${PHONE})`,
      ),
    "P0001",
    "identity_unverified",
  );
  assertEquals(await declarationsOf(user.id), 0);
});

dbTest("bad input is refused with its own code", async () => {
  const user = await newVerifiedUser();
  const registry = await newRegistryCompany();
  const [station, branch, brigade, city] = await Promise.all(
    ["cz.xb.anjia", "cz.xb", "cz.xb.zhian", "cz"].map(departmentId),
  );
  const attempt = (
    registryId: string,
    dept: string,
    address: string | null,
    phone: string | null,
  ) =>
    asUser(
      user.id,
      (tx) => tx`select public.declare_company(${registryId}, ${dept}, ${address}, ${phone})`,
    );
  for (const phone of ["1391234567", "139123456789", "12912345678", "+8613912345678", "", null]) {
    await assertPgError(
      () => attempt(registry.id, station, ADDRESS, phone),
      "P0001",
      "phone_invalid",
    );
  }
  for (const address of ["", " 九 ", "地".repeat(101), null]) {
    await assertPgError(
      () => attempt(registry.id, station, address, PHONE),
      "P0001",
      "address_invalid",
    );
  }
  for (const dept of [branch, city, crypto.randomUUID()]) {
    await assertPgError(
      () => attempt(registry.id, dept, ADDRESS, PHONE),
      "P0001",
      "department_invalid",
    );
  }
  await assertPgError(
    () => attempt(crypto.randomUUID(), station, ADDRESS, PHONE),
    "P0001",
    "registry_company_not_found",
  );
  assertEquals(await declarationsOf(user.id), 0);
  // a 治安大队 is a valid management department
  await asUser(
    user.id,
    (tx) => tx`select public.declare_company(${registry.id}, ${brigade}, ${ADDRESS}, ${PHONE})`,
  );
});

dbTest("a registry company with a pending or approved declaration cannot be declared", async () => {
  const pending = await declare(await newVerifiedUser());
  const approved = await approvedCompany();
  const other = await newVerifiedUser();
  const dept = await departmentId("cz.xb.anjia");
  for (const registryId of [pending.registry.id, approved.registry.id]) {
    await assertPgError(
      () =>
        asUser(
          other.id,
          (tx) => tx`select public.declare_company(${registryId}, ${dept}, ${ADDRESS}, ${PHONE})`,
        ),
      "P0001",
      "company_already_declared",
    );
  }
  assertEquals(await declarationsOf(other.id), 0);
});

dbTest("a rejected company may be declared again, by anyone", async () => {
  const first = await newVerifiedUser();
  const declaration = await declare(first);
  const officer = await newOfficer("cz.xb.anjia");
  await asUserCommit(
    officer.id,
    (tx) => tx`select public.review_declaration(${declaration.reviewToken}, false, '经营地址不符')`,
  );
  const second = await newVerifiedUser();
  const dept = await departmentId("cz.xb.anjia");
  await asUser(second.id, async (tx) => {
    await tx`select public.declare_company(${declaration.registry.id}, ${dept}, ${ADDRESS}, ${PHONE})`;
    const rows = await tx`
      select status from public.companies where registry_company_id = ${declaration.registry.id}
      order by created_at`;
    assertEquals(rows.map((r) => r.status), ["pending"]); // the rejected one is first's, unseen
  });
  // and the first declarant sees their rejection with its reason
  const [mine] = await asUser(
    first.id,
    (tx) => tx`select status, reject_reason from public.companies where id = ${declaration.id}`,
  );
  assertEquals([mine.status, mine.reject_reason], ["rejected", "经营地址不符"]);
});

dbTest("one pending declaration per user; none while in a company", async () => {
  const user = await newVerifiedUser();
  await declare(user);
  const registry = await newRegistryCompany();
  const dept = await departmentId("cz.xb.anjia");
  await assertPgError(
    () =>
      asUser(
        user.id,
        (tx) => tx`select public.declare_company(${registry.id}, ${dept}, ${ADDRESS}, ${PHONE})`,
      ),
    "P0001",
    "declaration_pending",
  );
  const company = await approvedCompany();
  const guard = await newVerifiedUser();
  await joinAs(guard, company.code);
  await assertPgError(
    () =>
      asUser(
        guard.id,
        (tx) => tx`select public.declare_company(${registry.id}, ${dept}, ${ADDRESS}, ${PHONE})`,
      ),
    "P0001",
    "already_in_company",
  );
  // the approved admin is in a company too
  await assertPgError(
    () =>
      asUser(
        company.admin.id,
        (tx) => tx`select public.declare_company(${registry.id}, ${dept}, ${ADDRESS}, ${PHONE})`,
      ),
    "P0001",
    "already_in_company",
  );
  assertEquals(await declarationsOf(user.id), 1);
});

dbTest("a user with a pending declaration cannot join another company", async () => {
  const user = await newVerifiedUser();
  await declare(user);
  const company = await approvedCompany();
  await assertPgError(
    () => asUser(user.id, (tx) => tx`select public.join_company(${company.code}, true)`),
    "P0001",
    "declaration_pending",
  );
});

dbTest("approval makes the declarant the admin, today, and creates the company code", async () => {
  const company = await approvedCompany();
  const [m] = await sql`
    select role, left_at, entry_date::text as entry_date,
           (now() at time zone 'Asia/Shanghai')::date::text as today
    from public.memberships where company_id = ${company.id} and user_id = ${company.admin.id}`;
  assertEquals([m.role, m.left_at, m.entry_date], ["admin", null, m.today]);
  assertEquals(/^[A-Za-z0-9_-]{32}$/.test(company.code), true);
  const [c] = await sql`
    select status, reviewed_by, reviewed_at is not null as reviewed, reject_reason
    from public.companies where id = ${company.id}`;
  assertEquals([c.status, c.reviewed_by, c.reviewed, c.reject_reason], [
    "approved",
    company.officer.id,
    true,
    null,
  ]);
});

dbTest("review refuses a missing reason, a reviewed declaration and an unknown token", async () => {
  const declaration = await declare(await newVerifiedUser());
  const officer = await newOfficer("cz.xb.anjia");
  for (const reason of [null, "", "   "]) {
    await assertPgError(
      () =>
        asUser(
          officer.id,
          (tx) =>
            tx`select public.review_declaration(${declaration.reviewToken}, false, ${reason})`,
        ),
      "P0001",
      "reason_required",
    );
  }
  await assertPgError(
    () =>
      asUser(
        officer.id,
        (tx) =>
          tx`select public.review_declaration(${declaration.reviewToken}, false, ${
            "因".repeat(201)
          })`,
      ),
    "P0001",
    "reason_too_long",
  );
  await assertPgError(
    () =>
      asUser(
        officer.id,
        (tx) => tx`select public.review_declaration(${declaration.reviewToken}, null, null)`,
      ),
    "P0001",
    "decision_required",
  );
  const [row] = await sql`select status from public.companies where id = ${declaration.id}`;
  assertEquals(row.status, "pending");

  await asUserCommit(
    officer.id,
    (tx) => tx`select public.review_declaration(${declaration.reviewToken}, true, null)`,
  );
  await assertPgError(
    () =>
      asUser(
        officer.id,
        (tx) => tx`select public.review_declaration(${declaration.reviewToken}, false, '重复')`,
      ),
    "P0001",
    "already_reviewed",
  );
  for (const token of ["A".repeat(32), "", null]) {
    await assertPgError(
      () => asUser(officer.id, (tx) => tx`select * from public.preview_declaration(${token})`),
      "P0001",
      "code_unknown",
    );
  }
});
