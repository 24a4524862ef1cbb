// Threat: a police dashboard shows an officer what is outside their department, or shows a
// guard, a company admin or a reporter what is police-only. The views are security invoker:
// each officer below reads them exactly as Studio's role impersonation would (role
// authenticated + their JWT claims); the owner (postgres) reads everything.
import {
  approvedCompany,
  assertEquals,
  asUser,
  dbTest,
  declare,
  newOfficer,
  newVerifiedUser,
  sql,
  type Tx,
} from "./_helpers.ts";
import { clock, newGuard, newZone } from "./_zones.ts";
import { sendTip } from "./tips-fixtures.ts";

const VIEWS = [
  "pending_declarations",
  "companies",
  "zones",
  "on_duty_now",
  "attendance_daily",
  "tips",
  "tips_summary",
  "audit_log",
];

/** A 派出所 scene: a company with a zone and a guard on duty, a pending declaration, a tip. */
async function stationScene() {
  const company = await approvedCompany("cz.xb.anjia");
  const zone = await newZone(company);
  const guard = await newGuard(company);
  await clock(guard, zone.token);
  const declarant = await newVerifiedUser();
  const pending = await declare(declarant, "cz.xb.anjia");
  const reporter = await newVerifiedUser();
  const tip = await sendTip(reporter.id, { departmentCode: "cz.xb.anjia", category: 5 });
  return { company, zone, guard, declarant, pending, reporter, tip };
}

type Scene = Awaited<ReturnType<typeof stationScene>>;

/** What of the scene `tx`'s actor sees, view by view. */
async function seen(tx: Tx, s: Scene) {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  return {
    pending: ids(await tx`select id from police.pending_declarations where id = ${s.pending.id}`),
    companies: ids(
      await tx`select id from police.companies where id in (${s.company.id}, ${s.pending.id})`,
    ),
    zones: ids(await tx`select id from police.zones where id = ${s.zone.id}`),
    onDuty: (await tx`select user_id from police.on_duty_now where zone_id = ${s.zone.id}`)
      .map((r) => r.user_id),
    attendance: (await tx`
      select guards from police.attendance_daily where company_id = ${s.company.id}`)
      .map((r) => r.guards),
    tips: ids(await tx`select id from police.tips where id = ${s.tip.id}`),
    audit: (await tx`
      select action from police.audit_log
      where company_id = ${s.company.id} order by id`).map((r) => r.action),
  };
}

function everything(s: Scene) {
  return {
    pending: [s.pending.id],
    companies: [s.company.id, s.pending.id].sort(),
    zones: [s.zone.id],
    onDuty: [s.guard.id],
    attendance: [1],
    tips: [s.tip.id],
    audit: ["company.declare", "company.approve", "membership.admin_set", "zone.create"],
  };
}

const nothing = {
  pending: [],
  companies: [],
  zones: [],
  onDuty: [],
  attendance: [],
  tips: [],
  audit: [],
};

dbTest(
  "the station, its 分局 and the city bureau see the scene; another 分局 sees none of it",
  async () => {
    const s = await stationScene();
    const station = await newOfficer("cz.xb.anjia");
    const branch = await newOfficer("cz.xb");
    const city = await newOfficer("cz");
    const otherBranch = await newOfficer("cz.tn");
    for (const officer of [station, branch, city]) {
      assertEquals(await asUser(officer.id, (tx) => seen(tx, s)), everything(s));
    }
    assertEquals(await asUser(otherBranch.id, (tx) => seen(tx, s)), nothing);
    // and the owner (Studio's default role) sees it all
    assertEquals(await seen(sql as unknown as Tx, s), everything(s));
  },
);

dbTest("a sibling station sees none of the scene, though its 分局 does", async () => {
  const s = await stationScene();
  const sibling = await newOfficer("cz.xb.sanjing");
  assertEquals(await asUser(sibling.id, (tx) => seen(tx, s)), nothing);
});

dbTest(
  "guards, company admins, declarants and reporters see no row of any police view",
  async () => {
    const s = await stationScene();
    for (const user of [s.guard, s.company.admin, s.declarant, s.reporter]) {
      const counts = await asUser(user.id, async (tx) => {
        const out: Record<string, number> = {};
        for (const v of VIEWS) {
          const [r] = await tx.unsafe(`select count(*)::int as n from police.${v}`);
          out[v] = r.n;
        }
        return out;
      });
      assertEquals(counts, Object.fromEntries(VIEWS.map((v) => [v, 0])));
    }
  },
);

dbTest("the views give names with masked phones and never an ID number", async () => {
  const s = await stationScene();
  const station = await newOfficer("cz.xb.anjia");
  const row = await asUser(station.id, async (tx) => {
    const [c] = await tx`select admin, staff, zones, on_duty_now from police.companies
                         where id = ${s.company.id}`;
    const [d] = await tx`select declarant from police.pending_declarations
                         where id = ${s.pending.id}`;
    const [g] = await tx`select guard, lat, lng from police.on_duty_now
                         where user_id = ${s.guard.id}`;
    return { c, d, g };
  });
  const masked = (u: { name: string; phone: string }) =>
    `${u.name}(${u.phone.slice(0, 3)}****${u.phone.slice(7)})`;
  assertEquals(row.c, {
    admin: masked(s.company.admin),
    staff: 2,
    zones: 1,
    on_duty_now: 1,
  });
  assertEquals(row.d.declarant, masked(s.declarant));
  assertEquals(row.g, { guard: masked(s.guard), lat: 31.8107, lng: 119.9741 });
  const [idNumbers] = await sql<{ ids: string[] }[]>`
    select array_agg(id_number) as ids from public.profiles
    where user_id in (${s.guard.id}, ${s.company.admin.id}, ${s.declarant.id})`;
  const all = await asUser(station.id, async (tx) => {
    let text = "";
    for (const v of VIEWS) {
      text += JSON.stringify(await tx.unsafe(`select * from police.${v}`));
    }
    return text;
  });
  for (const id of idNumbers.ids) assertEquals(all.includes(id), false);
});

dbTest("attendance splits a shift over midnight between the two Shanghai days", async () => {
  const company = await approvedCompany("cz.xb.anjia");
  const zone = await newZone(company);
  const guard = await newGuard(company);
  // 22:00 to 02:30 Asia/Shanghai: 2 h on the first day, 2.5 h on the next
  await sql`
    insert into public.shifts (id, user_id, zone_id, company_id, zone_name, on_at, on_received_at,
      off_at, off_received_at, end_reason)
    values (gen_random_uuid(), ${guard.id}, ${zone.id}, ${company.id}, ${zone.name},
      '2026-11-01 22:00+08', '2026-11-01 22:00+08', '2026-11-02 02:30+08', '2026-11-02 02:30+08',
      'clocked_off')`;
  const officer = await newOfficer("cz.xb");
  const rows = await asUser(
    officer.id,
    (tx) =>
      tx`select day::text, guards, shifts, hours::float8 as hours from police.attendance_daily
       where company_id = ${company.id} order by day`,
  );
  assertEquals(rows, [
    { day: "2026-11-01", guards: 1, shifts: 1, hours: 2 },
    { day: "2026-11-02", guards: 1, shifts: 1, hours: 2.5 },
  ]);
});

dbTest(
  "tips_summary counts the tips of the officer's scope by category, status and department",
  async () => {
    const reporter = await newVerifiedUser();
    await sendTip(reporter.id, { departmentCode: "cz.wj.zhian", category: 1 });
    await sendTip(reporter.id, { departmentCode: "cz.wj.zhian", category: 1 });
    await sendTip(reporter.id, { departmentCode: "cz.wj.zhian", category: 3 });
    const officer = await newOfficer("cz.wj.zhian");
    const view = await asUser(
      officer.id,
      (tx) =>
        tx`select category, status::text, tips from police.tips_summary order by category, status`,
    );
    // the same counts straight from the tables, as the owner: only that 治安大队's tips
    const direct = await sql`
    select k.name as category, t.status::text, count(*)::int as tips
    from public.tips t join public.tip_categories k on k.id = t.category_id
    where t.department_id = (select id from public.departments where code = 'cz.wj.zhian')
    group by k.name, t.status order by 1, 2`;
    assertEquals(view, direct);
    const count = (c: string) => view.find((r) => r.category === c)?.tips ?? 0;
    assertEquals(count("黄赌毒") >= 2 && count("诈骗") >= 1, true);
  },
);
