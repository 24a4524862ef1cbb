// Threat: an officer reviews (or reads) a declaration outside their department: station X
// another station's, a 分局 another 分局's; a non-officer reviews at all.
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
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

dbTest("department_covers: itself and ancestors, never siblings or descendants", async () => {
  const [cz, xb, anjia, sanjing, xbBrigade, tn] = await Promise.all(
    ["cz", "cz.xb", "cz.xb.anjia", "cz.xb.sanjing", "cz.xb.zhian", "cz.tn"].map(departmentId),
  );
  const cases: [string, string, boolean][] = [
    [anjia, anjia, true],
    [xb, anjia, true],
    [xb, xbBrigade, true],
    [cz, anjia, true],
    [cz, xb, true],
    [anjia, sanjing, false],
    [anjia, xb, false],
    [tn, anjia, false],
    [xbBrigade, anjia, false],
  ];
  for (const [officer, dept, expected] of cases) {
    const [r] = await sql`select private.department_covers(${officer}, ${dept}) as ok`;
    assertEquals(r.ok, expected, `${officer} covers ${dept}`);
  }
});

dbTest("station X cannot see or review station Y's declaration; nothing changes", async () => {
  const declarant = await newVerifiedUser();
  const declaration = await declare(declarant, "cz.xb.sanjing");
  const anjia = await newOfficer("cz.xb.anjia");
  await assertPgError(
    () =>
      asUser(
        anjia.id,
        (tx) => tx`select * from public.preview_declaration(${declaration.reviewToken})`,
      ),
    "P0001",
    "out_of_scope",
  );
  await assertPgError(
    () =>
      asUser(
        anjia.id,
        (tx) => tx`select public.review_declaration(${declaration.reviewToken}, true, null)`,
      ),
    "P0001",
    "out_of_scope",
  );
  const seen = await asUser(
    anjia.id,
    (tx) => tx`select id from public.companies where id = ${declaration.id}`,
  );
  assertEquals(seen.length, 0);
  const [row] = await sql`select status from public.companies where id = ${declaration.id}`;
  assertEquals(row.status, "pending");
});

dbTest("another 分局 cannot review; the 分局 above and the city bureau can", async () => {
  const declarant = await newVerifiedUser();
  const declaration = await declare(declarant, "cz.xb.sanjing");
  const tianning = await newOfficer("cz.tn");
  await assertPgError(
    () =>
      asUser(
        tianning.id,
        (tx) => tx`select public.review_declaration(${declaration.reviewToken}, true, null)`,
      ),
    "P0001",
    "out_of_scope",
  );
  for (const code of ["cz.xb", "cz"]) {
    const officer = await newOfficer(code);
    const [preview] = await asUser(
      officer.id,
      (tx) => tx`select * from public.preview_declaration(${declaration.reviewToken})`,
    );
    assertEquals(
      [preview.id, preview.company_name, preview.credit_code, preview.status],
      [declaration.id, declaration.registry.name, declaration.registry.code, "pending"],
    );
    assertEquals(preview.department_name, "新北分局 三井派出所");
    assertEquals(preview.declarant_name, declarant.name);
    const listed = await asUser(
      officer.id,
      (tx) => tx`select id from public.companies where id = ${declaration.id}`,
    );
    assertEquals(listed.length, 1, code);
  }
  const xb = await newOfficer("cz.xb");
  await asUserCommit(
    xb.id,
    (tx) => tx`select public.review_declaration(${declaration.reviewToken}, true, null)`,
  );
  const [row] = await sql`
    select status, reviewed_by from public.companies where id = ${declaration.id}`;
  assertEquals([row.status, row.reviewed_by], ["approved", xb.id]);
});

dbTest("a branch-level company (its 治安大队) is the 分局's, not a station's", async () => {
  const declaration = await declare(await newVerifiedUser(), "cz.xb.zhian");
  const anjia = await newOfficer("cz.xb.anjia");
  await assertPgError(
    () =>
      asUser(
        anjia.id,
        (tx) => tx`select public.review_declaration(${declaration.reviewToken}, false, '材料不全')`,
      ),
    "P0001",
    "out_of_scope",
  );
  const xb = await newOfficer("cz.xb");
  await asUser(xb.id, async (tx) => {
    await tx`select public.review_declaration(${declaration.reviewToken}, false, '材料不全')`;
    const [row] = await tx`select status, reject_reason from public.companies
                           where id = ${declaration.id}`;
    assertEquals([row.status, row.reject_reason], ["rejected", "材料不全"]);
  });
});

dbTest("a verified non-officer cannot preview or review (not_police)", async () => {
  const declaration = await declare(await newVerifiedUser(), "cz.xb.anjia");
  const citizen = await newVerifiedUser();
  for (
    const call of [
      `select * from public.preview_declaration('${declaration.reviewToken}')`,
      `select public.review_declaration('${declaration.reviewToken}', true, null)`,
    ]
  ) {
    await assertPgError(() => asUser(citizen.id, (tx) => tx.unsafe(call)), "P0001", "not_police");
  }
});

dbTest("an officer sees the staff of covered companies only", async () => {
  const company = await approvedCompany("cz.xb.anjia");
  const guard = await newVerifiedUser();
  await joinAs(guard, company.code);
  const inScope = await newOfficer("cz.xb");
  const outOfScope = await newOfficer("cz.xb.sanjing");
  const see = (officerId: string) =>
    asUser(
      officerId,
      (tx) => tx`select user_id from public.memberships where company_id = ${company.id}`,
    );
  assertEquals((await see(inScope.id)).length, 2);
  assertEquals((await see(outOfScope.id)).length, 0);
  // officers never see a 单位码
  const codes = await asUser(
    inScope.id,
    (tx) => tx`select token from public.company_codes where company_id = ${company.id}`,
  );
  assertEquals(codes.length, 0);
});
