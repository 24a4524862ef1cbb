// Threat: the admin (or a member) of company A reads or acts on company B: its
// declaration, staff, memberships or 单位码.
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

dbTest("the admin of A sees nothing of B, though B has staff and a code", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  const guardA = await newVerifiedUser();
  const guardB = await newVerifiedUser();
  await joinAs(guardA, a.code);
  await joinAs(guardB, b.code);

  await asUser(a.admin.id, async (tx) => {
    const companies = await tx`select id from public.companies where id in (${a.id}, ${b.id})`;
    assertEquals(companies.map((r) => r.id), [a.id]);
    const members = await tx`
      select user_id from public.memberships where company_id in (${a.id}, ${b.id})
      order by joined_at`;
    assertEquals(members.map((r) => r.user_id), [a.admin.id, guardA.id]);
    const codes = await tx`
      select company_id, token from public.company_codes where company_id in (${a.id}, ${b.id})`;
    assertEquals(codes.map((r) => [r.company_id, r.token]), [[a.id, a.code]]);
    // B's officer row is not A's business either
    assertEquals((await tx`select user_id from public.police_officers`).length, 0);
  });
});

dbTest("the admin of A cannot list, dismiss or regenerate for B", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  const guardB = await newVerifiedUser();
  const membershipB = await joinAs(guardB, b.code);

  await assertPgError(
    () =>
      asUser(
        a.admin.id,
        (tx) => tx`select * from public.list_staff(${b.id}, null, null, null, 10)`,
      ),
    "P0001",
    "not_company_admin",
  );
  await assertPgError(
    () => asUser(a.admin.id, (tx) => tx`select public.regenerate_company_code(${b.id})`),
    "P0001",
    "not_company_admin",
  );
  await assertPgError(
    () => asUser(a.admin.id, (tx) => tx`select public.dismiss_member(${membershipB})`),
    "P0001",
    // the same answer as a random id: A's admin learns nothing of B's memberships
    "membership_not_found",
  );
  // B's admin membership too (its id learned elsewhere: A's admin cannot even read it)
  const [adminB] = await sql`select id from public.memberships where user_id = ${b.admin.id}`;
  await assertPgError(
    () => asUser(a.admin.id, (tx) => tx`select public.dismiss_member(${adminB.id})`),
    "P0001",
    "membership_not_found",
  );
});

dbTest("a member sees their company and own membership, not colleagues or the code", async () => {
  const a = await approvedCompany();
  const [g1, g2] = [await newVerifiedUser(), await newVerifiedUser()];
  await joinAs(g1, a.code);
  await joinAs(g2, a.code);
  await asUser(g1.id, async (tx) => {
    assertEquals((await tx`select id from public.companies`).map((r) => r.id), [a.id]);
    assertEquals((await tx`select user_id from public.memberships`).map((r) => r.user_id), [g1.id]);
    assertEquals((await tx`select token from public.company_codes`).length, 0);
  });
  await assertPgError(
    () => asUser(g1.id, (tx) => tx`select * from public.list_staff(${a.id}, null, null, null, 10)`),
    "P0001",
    "not_company_admin",
  );
  await assertPgError(
    () => asUser(g1.id, (tx) => tx`select public.regenerate_company_code(${a.id})`),
    "P0001",
    "not_company_admin",
  );
});

dbTest("a former member no longer sees the company", async () => {
  const a = await approvedCompany();
  const guard = await newVerifiedUser();
  await joinAs(guard, a.code);
  await asUser(guard.id, async (tx) => {
    await tx`select public.resign()`;
    assertEquals((await tx`select id from public.companies`).length, 0);
    // the own (ended) membership stays visible as history
    const [m] = await tx`select left_reason from public.memberships`;
    assertEquals(m.left_reason, "resigned");
  });
});

dbTest("a verified user outside every company sees no company", async () => {
  await approvedCompany();
  const outsider = await newVerifiedUser();
  const rows = await asUser(outsider.id, (tx) => tx`select id from public.companies`);
  assertEquals(rows.length, 0);
});
