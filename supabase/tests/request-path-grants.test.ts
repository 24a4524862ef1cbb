// Threat: a client calling the API's own read functions (private.*_as) directly. They take the
// caller's claims as an argument, so whoever may execute one may act as anyone: only the API's
// connection (their owner) may call them, never anon, authenticated or PUBLIC.
import {
  asAnon,
  assertEquals,
  assertPgError,
  asUser,
  dbTest,
  newUser,
  sql,
  type Tx,
} from "./_helpers.ts";

// The read functions of the request path (docs/request-path.md), at least these; any other
// private.*_as added later is held to the same rule by the first test.
const READS = [
  "private.act_as(jsonb)",
  "private.companies_mine_as(jsonb)",
  "private.console_overview_as(jsonb)",
  "private.departments_as(jsonb)",
  "private.me_as(jsonb)",
  "private.my_tips_as(jsonb,timestamp with time zone,uuid,integer)",
  "private.review_preview_as(jsonb,text)",
  "private.reviews_page_as(jsonb,text,timestamp with time zone,uuid,integer)",
  "private.staff_page_as(jsonb,uuid,text,timestamp with time zone,uuid,integer)",
  "private.tip_categories_as(jsonb)",
  "private.tip_detail_as(jsonb,uuid)",
  "private.tip_inbox_as(jsonb,text,uuid,timestamp with time zone,uuid,integer)",
  "private.tip_supervision_as(jsonb,text,timestamp with time zone,uuid,integer)",
  "private.zone_members_page_as(jsonb,uuid,text,timestamp with time zone,uuid,integer)",
  "private.zones_page_as(jsonb,text,timestamp with time zone,uuid,integer)",
];

dbTest("no client role may execute any private.*_as function", async () => {
  const rows = await sql<{ f: string; anon: boolean; authd: boolean; pub: boolean }[]>`
    select p.oid::regprocedure::text as f,
           has_function_privilege('anon', p.oid, 'execute') as anon,
           has_function_privilege('authenticated', p.oid, 'execute') as authd,
           exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                    where a.grantee = 0 and a.privilege_type = 'EXECUTE') as pub
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'private' and (p.proname like '%\\_as' or p.proname = 'act_as')
    order by 1`;
  const names = rows.map((r) => r.f);
  for (const f of READS) assertEquals(names.includes(f), true, `${f} exists`);
  for (const r of rows) assertEquals([r.f, r.anon, r.authd, r.pub], [r.f, false, false, false]);
});

dbTest(
  "a signed-in user calling a read function with someone else's claims is refused",
  async () => {
    const [a, b] = [await newUser(), await newUser()];
    const claims = JSON.stringify({ sub: b.id, role: "authenticated" });
    for (
      const call of [
        (tx: Tx) => tx`select private.companies_mine_as(${claims}::jsonb)`,
        (tx: Tx) => tx`select private.tip_detail_as(${claims}::jsonb, gen_random_uuid())`,
        (tx: Tx) => tx`select private.zones_page_as(${claims}::jsonb, null, null, null, 20)`,
      ]
    ) {
      await assertPgError(() => asUser(a.id, call), "42501");
      await assertPgError(() => asAnon(call), "42501");
    }
  },
);
