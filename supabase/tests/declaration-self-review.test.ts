// Threat: an officer declares a security company and approves it himself, becoming the admin
// of a company he supervises; or any path that writes a review by the declarant.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUserCommit,
  dbTest,
  declare,
  departmentId,
  newOfficer,
  newRegistryCompany,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

dbTest("a police officer cannot declare a company (police_cannot_declare)", async () => {
  const officer = await newOfficer("cz.xb.anjia");
  const registry = await newRegistryCompany();
  const dept = await departmentId("cz.xb.anjia");
  await assertPgError(
    () =>
      asUserCommit(officer.id, (tx) =>
        tx`
          select public.declare_company(${registry.id}, ${dept}, '常州市新北区太湖东路9号', '13912345678')`),
    "P0001",
    "police_cannot_declare",
  );
  const rows = await sql`select id from public.companies where declarant_id = ${officer.id}`;
  assertEquals(rows.length, 0);
});

dbTest("a declarant who became an officer cannot approve his own declaration", async () => {
  const declarant = await newVerifiedUser();
  const declaration = await declare(declarant, "cz.xb.anjia");
  // provisioned as an officer of the covering department after declaring
  await sql`insert into public.police_officers (user_id, department_id)
            values (${declarant.id}, ${await departmentId("cz.xb")})`;
  for (const approve of [true, false]) {
    await assertPgError(
      () =>
        asUserCommit(
          declarant.id,
          (tx) =>
            tx`select public.review_declaration(${declaration.reviewToken}, ${approve}, '驳回')`,
        ),
      "P0001",
      "self_review",
    );
  }
  const [c] =
    await sql`select status, reviewed_by from public.companies where id = ${declaration.id}`;
  assertEquals([c.status, c.reviewed_by], ["pending", null]);
  const admins = await sql`select id from public.memberships where user_id = ${declarant.id}`;
  assertEquals(admins.length, 0);
});

dbTest("no write path, not even the table owner's, records a self-review", async () => {
  const { id, admin } = await approvedCompany();
  // the trigger first, and the check constraint should the trigger ever be disabled
  await assertPgError(
    () => sql`update public.companies set reviewed_by = ${admin.id} where id = ${id}`,
    "P0001",
    "self_review",
  );
  await assertPgError(
    () =>
      sql.begin(async (tx) => {
        await tx`alter table public.companies disable trigger companies_guard_people`;
        await tx`update public.companies set reviewed_by = ${admin.id} where id = ${id}`;
      }),
    "23514",
  );
});
