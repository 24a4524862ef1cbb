// The bench's data: 200 approved companies, one of them with 2,000 active staff, an officer,
// and pending declarations for the review list, written straight as the superuser (the bench
// measures reads; how the rows came to be is the tests' business). Returns who to act as.
import type postgres from "postgres";
import { creditCheckChar } from "../supabase/functions/_shared/credit-code.ts";

export type BenchActors = {
  admin: { userId: string; sessionId: string; phone: string; companyId: string };
  officer: { userId: string; sessionId: string; phone: string };
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
  };
}
