// Capability and threat: the admin's 人员名单 lists active staff newest first, searchable
// by name or phone, keyset-paginated; it never carries an ID number, and it is the
// admin's alone.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  joinAs,
  newVerifiedUser,
  sql,
  type VerifiedUser,
} from "./_helpers.ts";

interface Staff {
  membership_id: string;
  user_id: string;
  name: string;
  phone: string;
  role: string;
  has_guard_certificate: boolean;
  joined_at: Date;
  entry_date: string;
}

async function companyWithStaff() {
  const company = await approvedCompany();
  const guards: VerifiedUser[] = [];
  // one transaction each, so joined_at strictly increases in this order
  for (const name of ["张小明", "李小红", "王大力"]) {
    const guard = await newVerifiedUser(name);
    await joinAs(guard, company.code, name !== "王大力");
    guards.push(guard);
  }
  return { company, guards };
}

function list(
  adminId: string,
  companyId: string,
  search: string | null,
  before: Staff | null = null,
  limit = 20,
) {
  return asUser(adminId, (tx) =>
    tx<Staff[]>`
      select * from public.list_staff(${companyId}, ${search}, ${before?.joined_at ?? null},
                                      ${before?.membership_id ?? null}, ${limit})`);
}

dbTest("active staff newest first, admin tagged, full phone, no ID number column", async () => {
  const { company, guards } = await companyWithStaff();
  const rows = await list(company.admin.id, company.id, null);
  assertEquals(rows.map((r) => r.name), ["王大力", "李小红", "张小明", company.admin.name]);
  assertEquals(rows.map((r) => r.role), ["member", "member", "member", "admin"]);
  assertEquals(rows.map((r) => r.phone), [
    ...guards.map((g) => g.phone).reverse(),
    company.admin.phone,
  ]);
  assertEquals(rows.map((r) => r.has_guard_certificate), [false, true, true, false]);
  assertEquals(
    Object.keys(rows[0]).sort(),
    [
      "entry_date",
      "has_guard_certificate",
      "joined_at",
      "membership_id",
      "name",
      "phone",
      "role",
      "user_id",
    ],
  );
  const [{ cols }] = await sql`
    select string_agg(p.parameter_name, ',') as cols
    from information_schema.parameters p join information_schema.routines r
      on r.specific_name = p.specific_name
    where r.routine_schema = 'public' and r.routine_name = 'list_staff' and p.parameter_mode = 'OUT'`;
  assertEquals(/id_number|face/.test(cols), false);
});

dbTest("search by name substring and by phone substring", async () => {
  const { company, guards } = await companyWithStaff();
  const names = async (q: string) =>
    (await list(company.admin.id, company.id, q)).map((r) => r.name);
  assertEquals(await names("小"), ["李小红", "张小明"]);
  assertEquals(await names(" 大力 "), ["王大力"]);
  assertEquals(await names(guards[0].phone.slice(3, 9)), ["张小明"]);
  assertEquals(await names(guards[1].phone), ["李小红"]);
  assertEquals(await names("无此人"), []);
  // LIKE wildcards are plain characters here
  assertEquals(await names("%"), []);
  assertEquals(await names("_"), []);
  assertEquals((await names("")).length, 4);
});

dbTest("keyset pagination walks every member once, newest first", async () => {
  const { company } = await companyWithStaff();
  const all = await list(company.admin.id, company.id, null);
  const pageOne = await list(company.admin.id, company.id, null, null, 2);
  const pageTwo = await list(company.admin.id, company.id, null, pageOne[1], 2);
  const pageThree = await list(company.admin.id, company.id, null, pageTwo[1], 2);
  assertEquals(
    [...pageOne, ...pageTwo].map((r) => r.membership_id),
    all.map((r) => r.membership_id),
  );
  assertEquals(pageThree.length, 0);
  // a member who joins between pages does not shift the next page
  const late = await newVerifiedUser("赵新来");
  await joinAs(late, company.code);
  const again = await list(company.admin.id, company.id, null, pageOne[1], 2);
  assertEquals(again.map((r) => r.membership_id), pageTwo.map((r) => r.membership_id));
  // limits are clamped to 1..100
  assertEquals((await list(company.admin.id, company.id, null, null, 0)).length, 1);
  await assertPgError(
    () =>
      asUser(
        company.admin.id,
        (tx) => tx`select * from public.list_staff(${company.id}, null, now(), null, 10)`,
      ),
    "P0001",
    "cursor_invalid",
  );
});

dbTest("members who left are not listed", async () => {
  const { company, guards } = await companyWithStaff();
  await asUserCommit(guards[2].id, (tx) => tx`select public.resign()`);
  const [m] = await sql`
    select id from public.memberships where user_id = ${guards[0].id} and left_at is null`;
  await asUserCommit(company.admin.id, (tx) => tx`select public.dismiss_member(${m.id})`);
  const rows = await list(company.admin.id, company.id, null);
  assertEquals(rows.map((r) => r.name), ["李小红", company.admin.name]);
});
