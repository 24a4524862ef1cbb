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

type Read = {
  name: string;
  url: string;
  actor: "admin" | "officer";
  /** The statements of the read, as the route sends them after the claims are set. */
  queries: string[];
  /** The one-statement form (callAs), when the route has one. */
  fn?: (claims: string) => string;
};

export function benchPaths(
  actors: BenchActors,
  tokens: { admin: string; officer: string },
): BenchPath[] {
  const cid = actors.admin.companyId;
  const reads: Read[] = [
    {
      name: "GET /api/me",
      url: "/functions/v1/api/me",
      actor: "admin",
      queries: [`
        select p.user_id, p.phone, p.name, p.verified_at, p.source::text as source,
               exists (select 1 from public.police_officers o where o.user_id = p.user_id) as police,
               m.company_id, rc.name as company_name, m.role::text as company_role
          from public.profiles p
          left join public.memberships m on m.user_id = p.user_id and m.left_at is null
          left join public.companies c on c.id = m.company_id
          left join public.registry_companies rc on rc.id = c.registry_company_id
         where p.user_id = (select auth.uid())`],
      fn: (c) => `select private.me_as(${c}::jsonb)::text`,
    },
    {
      name: "GET /api/companies/:id/staff (20 of 2,000)",
      url: `/functions/v1/api/companies/${cid}/staff`,
      actor: "admin",
      queries: [`
        select membership_id as "membershipId", user_id as "userId", name, phone,
               role::text as role, has_guard_certificate as "hasGuardCertificate",
               joined_at as "joinedAt", joined_at::text as "joinedKey",
               entry_date::text as "entryDate"
          from public.list_staff('${cid}'::uuid, null, null::timestamptz, null::uuid, 21)`],
      fn: (c) =>
        `select private.staff_as(${c}::jsonb, '${cid}'::uuid, null, null::timestamptz, null::uuid, 21)::text`,
    },
    {
      name: "GET /api/departments",
      url: "/functions/v1/api/departments",
      actor: "admin",
      queries: [`
        select id, parent_id as "parentId", name, kind::text as kind, sort, code
          from public.departments order by sort, name`],
      fn: (c) => `select private.departments_as(${c}::jsonb)::text`,
    },
    {
      name: "GET /api/registry-companies?q=压测",
      url: `/functions/v1/api/registry-companies?q=${encodeURIComponent("压测")}`,
      actor: "admin",
      queries: [`
        select id, name, credit_code as "creditCode" from public.registry_companies
         where (name ilike '%压测%' or credit_code like '压测%')
           and (true or (name, id) > ('', null::uuid))
         order by name, id limit 21`],
      fn: (c) => `select private.registry_companies_as(${c}::jsonb, '压测', null, null, 21)::text`,
    },
    {
      name: "GET /api/reviews (officer, 20 of 60 pending)",
      url: "/functions/v1/api/reviews",
      actor: "officer",
      queries: [20, 1].map((n) => `
        select review_token as token, id, company_name as "companyName",
               credit_code as "creditCode", department_name as "departmentName", address,
               contact_phone as "contactPhone", declarant_name as "declarantName",
               status::text as status, created_at as "createdAt", created_at::text as "createdKey"
          from public.list_declarations('pending'::public.company_status, null::timestamptz,
                                        null::uuid, ${n})`),
      fn: (c) =>
        `select private.reviews_as(${c}::jsonb, 'pending', null::timestamptz, null::uuid, 20)::text`,
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
