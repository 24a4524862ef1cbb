// The bench's data: 200 approved companies, one of them with 2,000 active staff, an officer,
// and pending declarations for the review list, written straight as the superuser (the bench
// measures reads; how the rows came to be is the tests' business). Returns who to act as.
import type postgres from "postgres";
import { creditCheckChar } from "../supabase/functions/_shared/credit-code.ts";

export type BenchActors = {
  admin: { userId: string; sessionId: string; phone: string; companyId: string };
  officer: { userId: string; sessionId: string; phone: string };
  /** A guard of company 1 in zone 1, on duty now, with a history and tips of their own. */
  guard: { userId: string; sessionId: string; phone: string };
  /** Zone 1 of company 1: 400 members, 10,000 shifts. */
  zoneId: string;
  /** The guard's own tip with its history and thread (no photos: see docs/request-path.md). */
  tipId: string;
  /** A pending declaration's review token (the officer's 审核二维码 preview). */
  reviewToken: string;
  /** A platform supervisor (线索监督: every tip). */
  supervisor: { userId: string; sessionId: string; phone: string };
};

const creditCode = (i: number) => {
  const first17 = `91320400MA${String(i).padStart(7, "0")}`;
  return first17 + creditCheckChar(first17);
};

export async function seedBench(sql: postgres.Sql): Promise<BenchActors> {
  const codes = Array.from({ length: 260 }, (_, i) => creditCode(i + 1));
  await sql`
    insert into public.registry_companies (name, credit_code)
    select '常州压测保安服务有限公司' || lpad(i::text, 3, '0'), c
      from unnest(${codes}::text[]) with ordinality as t(c, i)
    on conflict (credit_code) do nothing`;
  // The officer of 常州市公安局 who reviewed the approved ones and sees the pending ones.
  const [officerUser] = await sql<{ id: string; phone: string }[]>`
    insert into auth_bridge.users (phone) values ('18699990001') returning id, phone`;
  await sql`insert into public.profiles (user_id, phone, name)
            values (${officerUser.id}, ${officerUser.phone}, '压测民警')`;
  await sql`insert into public.police_officers (user_id, department_id)
            select ${officerUser.id}, id from public.departments where code = 'cz'`;
  // 200 companies + 60 pending declarations, each with a declarant of its own.
  await sql`
    with rc as (
      select id, row_number() over (order by credit_code) as n from public.registry_companies
       where name like '常州压测保安服务有限公司%'
    ), u as (
      insert into auth_bridge.users (phone)
      select '188' || lpad(n::text, 8, '0') from rc
      returning id, phone
    ), p as (
      insert into public.profiles (user_id, phone, name)
      select id, phone, '压测申报人' from u returning user_id, phone
    ), officer as (
      select d.id as department_id from public.departments d where d.code = 'cz'
    )
    insert into public.companies (registry_company_id, declarant_id, department_id, address,
                                  contact_phone, status, review_token, reviewed_by, reviewed_at)
    select rc.id, p.user_id, officer.department_id, '常州市天宁区压测路' || rc.n || '号', p.phone,
           case when rc.n <= 200 then 'approved' else 'pending' end::public.company_status,
           'bench_review_token_' || lpad(rc.n::text, 6, '0'),
           case when rc.n <= 200 then ${officerUser.id}::uuid end,
           case when rc.n <= 200 then now() end
      from rc join p on p.phone = '188' || lpad(rc.n::text, 8, '0'), officer`;
  // Each approved company's declarant is its admin; company 1 gets 2,000 members.
  await sql`
    insert into public.memberships (company_id, user_id, role)
    select c.id, c.declarant_id, 'admin' from public.companies c
     where c.status = 'approved' and c.review_token like 'bench_review_token_%'`;
  await sql`
    with u as (
      insert into auth_bridge.users (phone)
      select '187' || lpad(g::text, 8, '0') from generate_series(1, 2000) g
      returning id, phone
    ), p as (
      insert into public.profiles (user_id, phone, name)
      select id, phone, '保安' || translate(right(phone, 4), '0123456789', '零一二三四五六七八九')
        from u returning user_id
    )
    insert into public.memberships (company_id, user_id, role, joined_at)
    select (select id from public.companies where review_token = 'bench_review_token_000001'),
           p.user_id, 'member', now() - (row_number() over ()) * interval '1 minute'
      from p`;
  const reads = await seedReads(sql);
  const [sup] = await sql<{ id: string; phone: string }[]>`
    insert into auth_bridge.users (phone) values ('18699990002') returning id, phone`;
  await sql`insert into public.profiles (user_id, phone, name)
            values (${sup.id}, ${sup.phone}, '压测监督员')`;
  await sql`insert into public.platform_supervisors (user_id) values (${sup.id})`;
  const supervisor = { userId: sup.id, phone: sup.phone };
  await sql`analyze`;
  const [admin] = await sql<{ user_id: string; phone: string; company_id: string }[]>`
    select m.user_id, p.phone, m.company_id from public.memberships m
      join public.companies c on c.id = m.company_id
      join public.profiles p on p.user_id = m.user_id
     where c.review_token = 'bench_review_token_000001' and m.role = 'admin'`;
  const session = async (userId: string) =>
    (await sql<{ id: string }[]>`
      insert into auth_bridge.sessions (user_id) values (${userId}) returning id`)[0].id;
  return {
    admin: {
      userId: admin.user_id,
      phone: admin.phone,
      companyId: admin.company_id,
      sessionId: await session(admin.user_id),
    },
    officer: {
      userId: officerUser.id,
      phone: officerUser.phone,
      sessionId: await session(officerUser.id),
    },
    guard: { ...reads.guard, sessionId: await session(reads.guard.userId) },
    zoneId: reads.zoneId,
    tipId: reads.tipId,
    reviewToken: "bench_review_token_000201",
    supervisor: { ...supervisor, sessionId: await session(supervisor.userId) },
  };
}

/**
 * What the other lists read, for company 1: 60 zones (400 of its staff in zone 1, the others
 * spread over the rest), 25 closed shifts of history for each of zone 1's members and 40 guards
 * on duty now; 2,000 tips over the departments of 常州市公安局 (the officer's inbox), 30 of them
 * the guard's own, one of those with its history and a thread. A few seconds, all in SQL.
 */
async function seedReads(sql: postgres.Sql) {
  await sql.unsafe(`
    create temp table b_staff as
    select m.id as membership_id, m.user_id, m.company_id, p.phone,
           row_number() over (order by m.joined_at desc, m.id) as n
      from public.memberships m
      join public.companies c on c.id = m.company_id
      join public.profiles p on p.user_id = m.user_id
     where c.review_token = 'bench_review_token_000001' and m.role = 'member';

    create temp table b_zone as
    select z, gen_random_uuid() as id, s.company_id, a.user_id as admin_id
      from generate_series(1, 60) z,
           (select company_id from b_staff limit 1) s,
           lateral (select user_id from public.memberships
                     where company_id = s.company_id and role = 'admin') a;

    insert into public.zones (id, company_id, name, department_id, lat, lng, address, created_by,
                              created_at)
    select z.id, z.company_id, '压测巡区' || lpad(z.z::text, 2, '0'), d.id,
           31.81 + z.z * 0.001, 119.97, '常州市新北区压测路' || z.z || '号', z.admin_id,
           now() - z.z * interval '1 hour'
      from b_zone z, public.departments d where d.code = 'cz.xb.anjia';
    insert into public.zone_codes (token, zone_id)
    select 'bench_zone_code_' || lpad(z::text, 10, '0'), id from b_zone;

    insert into public.zone_members (user_id, zone_id, company_id, membership_id, joined_at)
    select s.user_id, z.id, s.company_id, s.membership_id, now() - s.n * interval '1 minute'
      from b_staff s
      join b_zone z on z.z = case when s.n <= 400 then 1 else 2 + s.n % 59 end;

    insert into public.shifts (id, user_id, zone_id, company_id, zone_name, on_at, on_received_at,
                               off_at, off_received_at, end_reason)
    select gen_random_uuid(), s.user_id, z.id, s.company_id, '压测巡区01', t.on_at, t.on_at,
           t.on_at + interval '6 hours', t.on_at + interval '6 hours', 'clocked_off'
      from b_staff s join b_zone z on z.z = 1
      cross join lateral (
        select now() - k * interval '1 day' - s.n * interval '1 second' as on_at
          from generate_series(1, 25) k) t
     where s.n <= 400;

    insert into public.open_shifts (user_id, zone_id, company_id, zone_name, on_at)
    select s.user_id, z.id, s.company_id, '压测巡区01', now() - s.n * interval '1 minute'
      from b_staff s join b_zone z on z.z = 1
     where s.n <= 40;

    -- tips: receipt codes are the row number in the code's alphabet (unique)
    create temp table b_tip as
    select i, gen_random_uuid() as id,
           (select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789',
                                     1 + (i / (32 ^ k)::bigint % 32)::int, 1), '' order by k desc)
              from generate_series(0, 7) k) as receipt_code
      from generate_series(1, 2000) i;
    insert into public.tips (id, receipt_code, category_id, content, place, anonymous, status,
                             department_id, created_at)
    select t.id, t.receipt_code, (array[1, 2, 3, 5, 8, 99])[1 + t.i % 6],
           '压测线索第' || t.i || '条：小区东门附近有可疑人员夜间徘徊，多次尝试拉动电动车车门，'
             || '请派出所民警关注。',
           '常州市新北区压测路' || t.i % 50 || '号', t.i % 3 = 0,
           (array['pending', 'pending', 'accepted', 'closed'])[1 + t.i % 4]::public.tip_status,
           d.id, now() - t.i * interval '7 minutes'
      from b_tip t
      join (select id, row_number() over (order by code) as n from public.departments) d
        on d.n = 1 + t.i % (select count(*) from public.departments);
    insert into private.tip_reporters (tip_id, reporter_id, created_at)
    select t.id, case when t.i % 60 = 0 or t.i = 1 then g.user_id else s.user_id end,
           now() - t.i * interval '7 minutes'
      from b_tip t
      join b_staff s on s.n = 1 + t.i % 2000
      cross join (select user_id from b_staff where n = 1) g;
    insert into public.tip_events (tip_id, kind, status, department_id, created_at)
    select t.id, 'submitted', 'pending', x.department_id, x.created_at
      from b_tip t join public.tips x on x.id = t.id;
  `);
  const [r] = await sql<{ user_id: string; phone: string; zone_id: string; tip_id: string }[]>`
    select s.user_id, s.phone, z.id as zone_id, t.id as tip_id
      from b_staff s, b_zone z, b_tip t where s.n = 1 and z.z = 1 and t.i = 1`;
  // the guard's tip 1: accepted by the station, and a thread of four messages
  const [officer] = await sql<{ id: string }[]>`
    select user_id as id from public.police_officers limit 1`;
  await sql`
    update public.tips set status = 'accepted', accepted_at = now() where id = ${r.tip_id}`;
  await sql`
    insert into public.tip_events (tip_id, kind, status, department_id, officer_id, note)
    select ${r.tip_id}, 'accepted', 'accepted', department_id, ${officer.id}, '已安排民警核查'
      from public.tips where id = ${r.tip_id}`;
  await sql`
    insert into public.tip_messages (tip_id, from_police, officer_id, department_id, body)
    select ${r.tip_id}, k % 2 = 0, case when k % 2 = 0 then ${officer.id}::uuid end,
           case when k % 2 = 0 then t.department_id end, '压测留言第' || k || '条'
      from public.tips t, generate_series(1, 4) k where t.id = ${r.tip_id}`;
  await sql.unsafe(`drop table b_staff, b_zone, b_tip`);
  return {
    guard: { userId: r.user_id, phone: r.phone },
    zoneId: r.zone_id,
    tipId: r.tip_id,
  };
}
