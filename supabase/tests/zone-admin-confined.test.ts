// Threat: a zone admin (巡区管理员) reaches past their own zone: edits, regenerates the QR of,
// lists the people or the records of another zone of the company, deletes zones or hands out
// admin rights (company admin only). Capability: within their zone they edit, show the QR,
// search the members, read the records and hand over (移交).
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  departmentId,
  sql,
} from "./_helpers.ts";
import { clock, newGuard, newZone, POINT } from "./_zones.ts";

async function setup() {
  const company = await approvedCompany();
  const [mine, other] = [await newZone(company), await newZone(company)];
  const [zoneAdmin, colleague, elsewhere] = [
    await newGuard(company),
    await newGuard(company),
    await newGuard(company),
  ];
  await clock(zoneAdmin, mine.token);
  await clock(colleague, mine.token);
  await clock(elsewhere, other.token);
  await asUserCommit(
    company.admin.id,
    (tx) => tx`select public.set_zone_admin(${mine.id}, ${zoneAdmin.id}, true)`,
  );
  return { company, mine, other, zoneAdmin, colleague, elsewhere };
}

const update =
  (zoneId: string, name: string, dept: string) =>
  (tx: Parameters<Parameters<typeof asUser>[1]>[0]) =>
    tx`select public.update_zone(${zoneId}, ${name}, ${dept}, ${POINT.lat}, ${POINT.lng},
       '常州市新北区', '', '改过', 0)`;

dbTest("a zone admin sees only their own zone, its members and its shifts", async () => {
  const { mine, zoneAdmin } = await setup();
  await asUser(zoneAdmin.id, async (tx) => {
    assertEquals((await tx`select id from public.zones`).map((r) => r.id), [mine.id]);
    const members = await tx`select distinct zone_id from public.zone_members`;
    assertEquals(members.map((r) => r.zone_id), [mine.id]);
    const shifts = await tx`select distinct zone_id from public.shift_records`;
    assertEquals(shifts.map((r) => r.zone_id), [mine.id]);
    const [code] = await tx`select count(*)::int as n from public.zone_codes`;
    assertEquals(code.n, 1);
  });
});

dbTest("a zone admin edits and regenerates their zone but not another one", async () => {
  const { mine, other, zoneAdmin } = await setup();
  const dept = await departmentId("cz.xb.anjia");
  await asUser(zoneAdmin.id, async (tx) => {
    await update(mine.id, `${mine.name}改`, dept)(tx);
    await tx`select public.regenerate_zone_code(${mine.id})`;
  });
  for (
    const call of [
      update(other.id, "别人的", dept),
      (tx: Parameters<Parameters<typeof asUser>[1]>[0]) =>
        tx`select public.regenerate_zone_code(${other.id})`,
      (tx: Parameters<Parameters<typeof asUser>[1]>[0]) =>
        tx`select * from public.list_zone_members(${other.id}, null, null, null, 20)`,
    ]
  ) {
    await assertPgError(() => asUser(zoneAdmin.id, call), "P0001", "not_zone_admin");
  }
  const [z] = await sql`select name, remark from public.zones where id = ${other.id}`;
  assertEquals([z.name, z.remark], [other.name, ""]);
});

dbTest("a zone admin cannot delete zones, create them or grant the admin right", async () => {
  const { mine, zoneAdmin, colleague } = await setup();
  await assertPgError(
    () => asUser(zoneAdmin.id, (tx) => tx`select public.delete_zone(${mine.id})`),
    "P0001",
    "not_company_admin",
  );
  await assertPgError(
    () =>
      asUser(
        zoneAdmin.id,
        (tx) => tx`select public.set_zone_admin(${mine.id}, ${colleague.id}, true)`,
      ),
    "P0001",
    "not_company_admin",
  );
  const dept = await departmentId("cz.xb.anjia");
  await assertPgError(
    () =>
      asUser(
        zoneAdmin.id,
        (tx) =>
          tx`select public.create_zone('新巡区', ${dept}, ${POINT.lat}, ${POINT.lng}, '地址', '', '', 0)`,
      ),
    "P0001",
    "not_company_admin",
  );
});

dbTest("a zone admin searches their members with masked phones", async () => {
  const { mine, zoneAdmin, colleague } = await setup();
  const rows = await asUser(zoneAdmin.id, (tx) =>
    tx`select user_id, name, phone, is_admin
         from public.list_zone_members(${mine.id}, ${colleague.phone.slice(-4)}, null, null, 20)`);
  assertEquals(rows.map((r) => r.user_id), [colleague.id]);
  assertEquals(rows[0].phone, `${colleague.phone.slice(0, 3)}****${colleague.phone.slice(7)}`);
  const labels = await asUser(
    zoneAdmin.id,
    (tx) =>
      tx`select private.colleague_label(user_id, company_id) as l from public.shift_records
        where user_id = ${colleague.id}`,
  );
  assertEquals(labels.map((r) => r.l), [`${colleague.name}(${rows[0].phone})`]);
});

dbTest("移交: the zone admin hands over to a member and stops being admin", async () => {
  const { mine, zoneAdmin, colleague, elsewhere } = await setup();
  await assertPgError(
    () =>
      asUser(zoneAdmin.id, (tx) => tx`select public.hand_over_zone(${mine.id}, ${elsewhere.id})`),
    "P0001",
    "not_zone_member",
  );
  await assertPgError(
    () =>
      asUser(colleague.id, (tx) => tx`select public.hand_over_zone(${mine.id}, ${zoneAdmin.id})`),
    "P0001",
    "not_zone_admin",
  );
  await asUserCommit(
    zoneAdmin.id,
    (tx) => tx`select public.hand_over_zone(${mine.id}, ${colleague.id})`,
  );
  const rows = await sql`select user_id, is_admin from public.zone_members
                         where zone_id = ${mine.id} order by is_admin desc`;
  assertEquals(rows.filter((r) => r.is_admin).map((r) => r.user_id), [colleague.id]);
  await asUser(zoneAdmin.id, async (tx) => {
    assertEquals(
      (await tx`select 1 from public.shift_records where user_id <> ${zoneAdmin.id}`).length,
      0,
    );
  });
});

dbTest("a guard who is not zone admin sees only their own shifts and no zone code", async () => {
  const { colleague } = await setup();
  await asUser(colleague.id, async (tx) => {
    const shifts = await tx`select distinct user_id from public.shift_records`;
    assertEquals(shifts.map((r) => r.user_id), [colleague.id]);
    assertEquals((await tx`select 1 from public.zone_codes`).length, 0);
    const [label] = await tx`select private.colleague_label(${colleague.id}, company_id) as l
                               from public.zone_members`;
    assertEquals(label.l, null);
  });
});
