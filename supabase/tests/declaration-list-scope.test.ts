// Capability and threat: the officer's 单位审核 list shows the declarations of the departments
// their own covers (a station its own, a 分局 its stations and 治安大队, the city bureau all),
// one status at a time, newest first, keyset-paginated; it shows nothing of a sibling station
// or another 分局, and nothing at all to a non-officer.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  declare,
  newOfficer,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

interface Listed {
  id: string;
  review_token: string;
  company_name: string;
  credit_code: string;
  department_name: string;
  address: string;
  contact_phone: string;
  declarant_name: string | null;
  status: string;
  created_at: Date;
  /** created_at as Postgres prints it: a Date would drop the microseconds of the cursor */
  created_key: string;
}

type Status = "pending" | "approved" | "rejected" | null;

function page(officerId: string, status: Status, after: Listed | null = null, limit = 50) {
  return asUser(officerId, (tx) =>
    tx<Listed[]>`
      select *, created_at::text as created_key
        from public.list_declarations(${status}::public.company_status,
          ${after?.created_key ?? null}::timestamptz, ${after?.id ?? null}::uuid, ${limit})`);
}

/** Every row the officer may list with this status, walking the pages to the end. */
async function everything(officerId: string, status: Status, limit = 50): Promise<Listed[]> {
  const all: Listed[] = [];
  for (let after: Listed | null = null;;) {
    const rows = await page(officerId, status, after, limit);
    all.push(...rows);
    if (rows.length < limit) return all;
    after = rows[rows.length - 1];
  }
}

const ids = (rows: Listed[]) => rows.map((r) => r.id);

dbTest(
  "a station officer lists their station's declarations, not a sibling station's",
  async () => {
    const anjia = await declare(await newVerifiedUser(), "cz.xb.anjia");
    const sanjing = await declare(await newVerifiedUser(), "cz.xb.sanjing");
    const brigade = await declare(await newVerifiedUser(), "cz.xb.zhian");
    const officer = await newOfficer("cz.xb.anjia");
    const listed = ids(await everything(officer.id, "pending"));
    assertEquals(listed.includes(anjia.id), true);
    assertEquals(listed.includes(sanjing.id), false);
    assertEquals(listed.includes(brigade.id), false);
    // and every row it shows is of its own station
    const names = new Set((await everything(officer.id, null)).map((r) => r.department_name));
    assertEquals([...names], ["新北分局 安家派出所"]);
  },
);

dbTest("a 分局 officer lists its stations and 治安大队; another 分局 none of them", async () => {
  const declarations = await Promise.all(
    ["cz.xb.anjia", "cz.xb.sanjing", "cz.xb.zhian"].map(async (code) =>
      declare(await newVerifiedUser(), code)
    ),
  );
  const xb = ids(await everything((await newOfficer("cz.xb")).id, "pending"));
  const tn = ids(await everything((await newOfficer("cz.tn")).id, "pending"));
  for (const d of declarations) {
    assertEquals(xb.includes(d.id), true, d.registry.name);
    assertEquals(tn.includes(d.id), false, d.registry.name);
  }
});

dbTest("the city bureau lists every declaration, with the columns of the preview", async () => {
  const declarant = await newVerifiedUser();
  const xb = await declare(declarant, "cz.xb.sanjing");
  const tn = await declare(await newVerifiedUser(), "cz.tn.lanling");
  const city = await newOfficer("cz");
  const rows = await everything(city.id, "pending");
  assertEquals(ids(rows).includes(tn.id), true);
  const [row] = rows.filter((r) => r.id === xb.id);
  const [preview] = await asUser(
    city.id,
    (tx) => tx`select * from public.preview_declaration(${xb.reviewToken})`,
  );
  assertEquals(row.review_token, xb.reviewToken);
  assertEquals(
    [row.company_name, row.credit_code, row.department_name, row.declarant_name, row.status],
    [xb.registry.name, xb.registry.code, "新北分局 三井派出所", declarant.name, "pending"],
  );
  for (const k of ["id", "address", "contact_phone", "created_at"] as const) {
    assertEquals(row[k], preview[k], k);
  }
  const [{ n }] =
    await sql`select count(*)::int as n from public.companies where status = 'pending'`;
  assertEquals(rows.length, n);
});

dbTest("a verified non-officer (even the declarant) gets not_police", async () => {
  const declarant = await newVerifiedUser();
  await declare(declarant, "cz.xb.anjia");
  for (const who of [declarant, await newVerifiedUser()]) {
    await assertPgError(() => page(who.id, "pending"), "P0001", "not_police");
    await assertPgError(() => page(who.id, null), "P0001", "not_police");
  }
});

dbTest("the status filter: pending, approved and rejected each list their own", async () => {
  const pending = await declare(await newVerifiedUser(), "cz.xb.anjia");
  const approved = await approvedCompany("cz.xb.anjia");
  const rejected = await declare(await newVerifiedUser(), "cz.xb.anjia");
  const officer = await newOfficer("cz.xb.anjia");
  await asUserCommit(
    officer.id,
    (tx) => tx`select public.review_declaration(${rejected.reviewToken}, false, '材料不全')`,
  );
  const by: Record<string, string[]> = {};
  for (const s of ["pending", "approved", "rejected"] as const) {
    const rows = await everything(officer.id, s);
    assertEquals(rows.every((r) => r.status === s), true, s);
    by[s] = ids(rows);
  }
  assertEquals(
    [pending.id, approved.id, rejected.id].map((id) =>
      Object.keys(by).filter((s) => by[s].includes(id))
    ),
    [["pending"], ["approved"], ["rejected"]],
  );
  const every = ids(await everything(officer.id, null));
  for (const id of [pending.id, approved.id, rejected.id]) assertEquals(every.includes(id), true);
});

dbTest("keyset pagination walks every row once, newest first, limit clamped to 1..50", async () => {
  const mine = [];
  // one transaction each, so created_at strictly increases in this order
  for (let i = 0; i < 3; i++) mine.push(await declare(await newVerifiedUser(), "cz.xb.anjia"));
  const officer = await newOfficer("cz.xb.anjia");
  const walkedBy2 = await everything(officer.id, "pending", 2);
  const walkedBy50 = await everything(officer.id, "pending", 50);
  assertEquals(ids(walkedBy2), ids(walkedBy50));
  assertEquals(new Set(ids(walkedBy2)).size, walkedBy2.length);
  // newest first: the three just declared lead, in reverse order
  assertEquals(ids(walkedBy2).slice(0, 3), mine.map((d) => d.id).reverse());
  for (let i = 1; i < walkedBy2.length; i++) {
    assertEquals(walkedBy2[i - 1].created_at >= walkedBy2[i].created_at, true);
  }
  // a declaration made between pages does not shift the next page
  const first = await page(officer.id, "pending", null, 2);
  const second = await page(officer.id, "pending", first[1], 2);
  await declare(await newVerifiedUser(), "cz.xb.anjia");
  assertEquals(ids(await page(officer.id, "pending", first[1], 2)), ids(second));
  // limits are clamped
  assertEquals((await page(officer.id, "pending", null, 0)).length, 1);
  assertEquals((await page(officer.id, "pending", null, -5)).length, 1);
  const city = await newOfficer("cz");
  const [{ total }] = await sql`select count(*)::int as total from public.companies`;
  assertEquals((await page(city.id, null, null, 1000)).length, Math.min(total, 50));
  // half a cursor is refused
  await assertPgError(
    () =>
      asUser(
        officer.id,
        (tx) => tx`select * from public.list_declarations('pending', now(), null, 10)`,
      ),
    "P0001",
    "cursor_invalid",
  );
});

dbTest("only authenticated may execute list_declarations", async () => {
  const [r] = await sql`
    select has_function_privilege('anon', p.oid, 'execute') as anon,
           has_function_privilege('authenticated', p.oid, 'execute') as authd,
           p.prosecdef as definer
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.proname = 'list_declarations'`;
  assertEquals([r.anon, r.authd, r.definer], [false, true, true]);
});
