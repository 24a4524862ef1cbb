// The read endpoints the bench drives, each with the SQL it sends per request, so pgbench can
// run the very same transaction. Keep in step with the routes (docs/request-path.md).
import type { BenchActors } from "./seed.ts";

export type BenchPath = {
  name: string;
  url: string;
  token: string;
  /** pgbench script: what the endpoint sends (BENCH_FORM=old: main's begin; set_config ×4; …). */
  sql: string;
  /** The same statements as one transaction after the role switch (act_as): the RLS side. */
  rls: string;
  /** …and without it, as the connecting role with the claims set: no role switch, no RLS. */
  plain: string;
};

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const one = (s: string) => s.replace(/\s+/g, " ").trim();

type Actor = "admin" | "officer" | "guard" | "supervisor";

type Read = {
  name: string;
  url: string;
  actor: Actor;
  /** The statements of the read, as the route sends them after the claims are set. */
  queries: string[];
  /** The one-statement form (callAs), when the route has one. */
  fn?: (claims: string) => string;
};

export function benchPaths(actors: BenchActors, tokens: Record<Actor, string>): BenchPath[] {
  const cid = actors.admin.companyId;
  const zid = actors.zoneId;
  const tid = actors.tipId;
  const rt = actors.reviewToken;
  const api = "/functions/v1/api";
  const reads: Read[] = [
    {
      name: "GET /api/me",
      url: `${api}/me`,
      actor: "admin",
      queries: [`select private.me_json()`],
      fn: (c) => `select private.me_as(${c}::jsonb)::text`,
    },
    {
      name: "GET /api/companies/:id/staff (20 of 2,000)",
      url: `${api}/companies/${cid}/staff`,
      actor: "admin",
      queries: [`
        select membership_id, user_id, name, phone, role::text as role, has_guard_certificate,
               joined_at, joined_at::text as joined_key, entry_date::text as entry_date
          from public.list_staff('${cid}'::uuid, null, null::timestamptz, null::uuid, 21)`],
      fn: (c) => `select private.staff_page_as(${c}::jsonb, '${cid}', null, null, null, 20)::text`,
    },
    {
      name: "GET /api/companies/mine",
      url: `${api}/companies/mine`,
      actor: "admin",
      queries: [
        `select c.id, rc.name, rc.credit_code, c.department_id,
                coalesce(p.name || ' ', '') || d.name, c.address, c.contact_phone, c.industry,
                c.status::text, c.reject_reason, c.reviewed_at, c.created_at, c.review_token
           from public.companies c
           join public.registry_companies rc on rc.id = c.registry_company_id
           join public.departments d on d.id = c.department_id
           left join public.departments p on p.id = d.parent_id
          where c.declarant_id = (select auth.uid())
          order by c.created_at desc, c.id desc limit 1`,
        `select m.id, m.company_id, rc.name, m.role::text, m.has_guard_certificate, m.joined_at,
                m.entry_date::text
           from public.memberships m
           join public.companies c on c.id = m.company_id
           join public.registry_companies rc on rc.id = c.registry_company_id
          where m.user_id = (select auth.uid()) and m.left_at is null`,
      ],
      fn: (c) => `select private.companies_mine_as(${c}::jsonb)::text`,
    },
    {
      name: "GET /api/departments",
      url: `${api}/departments`,
      actor: "admin",
      queries: [`
        select id, parent_id as "parentId", name, kind::text as kind, sort, code
          from public.departments order by sort, name`],
      fn: (c) => `select private.departments_as(${c}::jsonb)::text`,
    },
    {
      name: "GET /api/registry-companies?q=压测",
      url: `${api}/registry-companies?q=${encodeURIComponent("压测")}`,
      actor: "admin",
      queries: [`
        select id, name, credit_code as "creditCode", private.registry_company_status(id)
          from public.registry_companies
         where (name ilike '%压测%' or credit_code like '压测%')
         order by name, id limit 21`],
      fn: (c) => `select private.registry_companies_as(${c}::jsonb, '压测', null, null, 21)::text`,
    },
    {
      name: "GET /api/me/records (guard, 20 of 25)",
      url: `${api}/me/records`,
      actor: "guard",
      queries: [`select private.records_page(null, 'all', null, null, 20)`],
      fn: (c) => `select private.records_as(${c}::jsonb, null, 'all', null, null, 20)::text`,
    },
    {
      name: "GET /api/duty (guard on duty)",
      url: `${api}/duty`,
      actor: "guard",
      queries: [`select private.duty_state()`],
      fn: (c) => `select private.duty_state_as(${c}::jsonb)::text`,
    },
    {
      name: "GET /api/zones (20 of 60)",
      url: `${api}/zones`,
      actor: "admin",
      queries: [`select private.zones_page(null, null, null, 20)`],
      fn: (c) => `select private.zones_page_as(${c}::jsonb, null, null, null, 20)::text`,
    },
    {
      name: "GET /api/zones/:id",
      url: `${api}/zones/${zid}`,
      actor: "admin",
      queries: [`select private.zone_detail('${zid}')`],
      fn: (c) => `select private.zone_detail_as(${c}::jsonb, '${zid}')::text`,
    },
    {
      name: "GET /api/zones/:id/members (20 of 400)",
      url: `${api}/zones/${zid}/members`,
      actor: "admin",
      queries: [`select private.zone_members_page('${zid}', null, null, null, 20)`],
      fn: (c) =>
        `select private.zone_members_page_as(${c}::jsonb, '${zid}', null, null, null, 20)::text`,
    },
    {
      name: "GET /api/zones/:id/records (20 of 10,040)",
      url: `${api}/zones/${zid}/records`,
      actor: "admin",
      queries: [`select private.records_page('${zid}', 'all', null, null, 20)`],
      fn: (c) => `select private.records_as(${c}::jsonb, '${zid}', 'all', null, null, 20)::text`,
    },
    {
      name: "GET /api/tips/categories",
      url: `${api}/tips/categories`,
      actor: "guard",
      queries: [`select id::int, name from public.tip_categories where active order by sort, id`],
      fn: (c) => `select private.tip_categories_as(${c}::jsonb)::text`,
    },
    {
      name: "GET /api/tips/mine (guard, 20 of 34)",
      url: `${api}/tips/mine`,
      actor: "guard",
      queries: [`
        select private.tip_list_json(array(
          select t from public.tips t where t.id in (select private.my_tip_ids())
           order by t.created_at desc, t.id desc limit 21))`],
      fn: (c) => `select private.my_tips_as(${c}::jsonb, null, null, 21)::text`,
    },
    {
      name: "GET /api/tips/:id (guard's own, 2 events, 4 messages)",
      url: `${api}/tips/${tid}`,
      actor: "guard",
      queries: [`select private.tip_detail_json('${tid}')`],
      fn: (c) => `select private.tip_detail_as(${c}::jsonb, '${tid}')::text`,
    },
    {
      name: "GET /api/tip-inbox (officer, 20 of 1,000 pending)",
      url: `${api}/tip-inbox`,
      actor: "officer",
      queries: [`
        select private.tip_list_json(array(
          select t from public.tips t
           where t.department_id in (select private.officer_department_ids())
             and t.status = 'pending'
           order by t.created_at desc, t.id desc limit 21))`],
      fn: (c) => `select private.tip_inbox_as(${c}::jsonb, 'pending', null, null, null, 21)::text`,
    },
    {
      name: "GET /api/tip-supervision (supervisor, 20 of 2,000)",
      url: `${api}/tip-supervision`,
      actor: "supervisor",
      queries: [`
        select private.tip_list_json(array(
          select t from public.tips t order by t.created_at desc, t.id desc limit 21))`],
      fn: (c) => `select private.tip_supervision_as(${c}::jsonb, null, null, null, 21)::text`,
    },
    {
      name: "GET /api/reviews (officer, 20 of 60 pending)",
      url: `${api}/reviews`,
      actor: "officer",
      queries: [20, 1].map((n) => `
        select review_token, id, company_name, credit_code, department_name, address,
               contact_phone, declarant_name, status::text as status, created_at,
               created_at::text as created_key
          from public.list_declarations('pending'::public.company_status, null::timestamptz,
                                        null::uuid, ${n})`),
      fn: (c) => `select private.reviews_page_as(${c}::jsonb, 'pending', null, null, 20)::text`,
    },
    {
      name: "GET /api/reviews/:token (officer)",
      url: `${api}/reviews/${rt}`,
      actor: "officer",
      queries: [`select * from public.preview_declaration('${rt}')`],
      fn: (c) => `select private.review_preview_as(${c}::jsonb, '${rt}')::text`,
    },
    {
      name: "GET /api/console/overview (officer, city-wide)",
      url: `${api}/console/overview`,
      actor: "officer",
      queries: [`
        select (select count(*) from police.companies where status = 'approved')::int,
               (select coalesce(sum(staff), 0) from police.companies
                 where status = 'approved')::int,
               (select count(*) from police.zones where deleted_at is null)::int,
               (select count(*) from police.on_duty_now)::int,
               (select count(*) from police.pending_declarations)::int,
               (select count(*) from police.tips where status in ('pending', 'accepted'))::int`],
      fn: (c) => `select private.console_overview_as(${c}::jsonb)::text`,
    },
    // the console's tables (docs/police-studio.md): a first page of 20, city-wide; `queries` is
    // what the routes sent before they were one statement (withUser: the officer check, the
    // page), for the RLS overhead
    ...consoleTables(cid).map(([table, from, order, fn]): Read => ({
      name: `GET /api/console/${table.replace(cid, ":id")} (officer, city-wide, 20)`,
      url: `${api}/console/${table}`,
      actor: "officer",
      queries: [officerCheck, `select ${from} order by ${order} limit 21`],
      fn: (c) =>
        `select private.${fn}(${c}::jsonb, null, null, null, null, 20${
          table.includes("staff") ? `, '${cid}'` : ""
        })::text`,
    })),
    {
      name: "GET /api/console/charts (officer, city-wide)",
      url: `${api}/console/charts`,
      actor: "officer",
      queries: [
        officerCheck,
        `select ((now() at time zone 'Asia/Shanghai')::date)::text`,
        `with b as (select ((now() at time zone 'Asia/Shanghai')::date::timestamp
                            at time zone 'Asia/Shanghai') as t0),
         s as (select s.user_id, s.on_at, s.off_at from public.shifts s, b
                where s.off_at > b.t0 and s.on_at < b.t0 + interval '1 day'
               union all select o.user_id, o.on_at, now() from public.open_shifts o)
         select h.h, count(distinct s.user_id)::int from b cross join generate_series(0, 23) h(h)
           left join s on s.on_at < b.t0 + make_interval(hours => h.h + 1)
                      and s.off_at > b.t0 + make_interval(hours => h.h)
                      and b.t0 + make_interval(hours => h.h) <= now()
          where (select private.is_police_reader()) group by h.h order by h.h`,
        `select p.company_id, p.company_name, p.day::text, p.hours::float8, p.guards
           from police.attendance_daily p
          where p.day between (now() at time zone 'Asia/Shanghai')::date - 6
                          and (now() at time zone 'Asia/Shanghai')::date
          order by p.company_name, p.day`,
        `select category, status::text as status, sum(tips)::int from police.tips_summary
          group by category, status order by category, status`,
      ],
      fn: (c) => `select private.console_charts_as(${c}::jsonb)::text`,
    },
  ];
  const old = Deno.env.get("BENCH_FORM") === "old";
  return reads.map((r) => {
    const a = actors[r.actor];
    const token = tokens[r.actor];
    const claims = lit(JSON.stringify(claimsOf(token)));
    const queries = r.queries.map((q) => `${one(q)};`).join("\n");
    const setClaims = `select set_config('request.jwt.claims', ${claims}, true),
      set_config('request.jwt.claim.sub', '${a.userId}', true)`;
    const rls = `begin;\nselect private.act_as(${claims}::jsonb);\n${queries}\ncommit;\n`;
    const sql = old
      ? `begin;\n${
        one(
          `select set_config('role', 'authenticated', true), ${
            setClaims.slice(7)
          }, set_config('request.jwt.claim.role', 'authenticated', true)`,
        )
      };\n${queries}\ncommit;\n`
      : r.fn
      ? `${one(r.fn(claims))};\n`
      : rls;
    return {
      name: r.name,
      url: r.url,
      token,
      sql,
      rls: old ? sql : rls,
      plain: `begin;\n${one(setClaims)};\n${queries}\ncommit;\n`,
    };
  });
}

function claimsOf(token: string): Record<string, unknown> {
  const b64 = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(atob(b64));
}

const officerCheck =
  `select exists (select 1 from public.police_officers po where po.user_id = auth.uid())`;

/** The console's tables: path, the page's FROM (with its columns), its order, its function. */
function consoleTables(cid: string): [string, string, string, string][] {
  return [
    [
      "reviews",
      `p.*, co.review_token from police.pending_declarations p
         join public.companies co on co.id = p.id`,
      "p.created_at desc, p.id desc",
      "console_reviews_as",
    ],
    [
      "companies",
      "p.* from police.companies p",
      "p.created_at desc, p.id desc",
      "console_companies_as",
    ],
    [
      `companies/${cid}/staff`,
      `m.id, private.person_label(m.user_id), m.role::text, m.has_guard_certificate, m.joined_at,
              m.entry_date::text from public.memberships m
        where m.left_at is null and (select private.is_police_reader())
          and m.company_id = '${cid}'`,
      "m.joined_at desc, m.id desc",
      "console_staff_as",
    ],
    [
      "zones",
      "p.* from police.zones p where p.deleted_at is null",
      "p.created_at desc, p.id desc",
      "console_zones_as",
    ],
    [
      "on-duty",
      "p.* from police.on_duty_now p",
      "p.on_at desc, p.shift_id desc",
      "console_on_duty_as",
    ],
    [
      "attendance",
      "p.* from police.attendance_daily p",
      "p.day desc, p.company_id desc",
      "console_attendance_as",
    ],
    ["tips", "p.* from police.tips p", "p.created_at desc, p.id desc", "console_tips_as"],
    ["audit", "p.* from police.audit_log p", "p.at desc, p.id desc", "console_audit_as"],
  ];
}
