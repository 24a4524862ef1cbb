// Threat: a grant or default privilege left open by a migration (Supabase grants
// everything in public to anon and authenticated by default), a table without RLS, or
// a security definer function callable by the wrong role or with a hijackable search_path.
import { assertEquals, assertPgError, asUser, dbTest, newUser, sql } from "./_helpers.ts";

dbTest("every table in public and auth_bridge has row level security enabled", async () => {
  const rows = await sql`
    select n.nspname || '.' || c.relname as t
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname in ('public', 'auth_bridge', 'private')
      and not c.relrowsecurity`;
  assertEquals(rows.map((r) => r.t), []);
});

dbTest("anon holds no privilege on any table of public, private or auth_bridge", async () => {
  const rows = await sql`
    select table_schema || '.' || table_name || ':' || privilege_type as p
    from information_schema.role_table_grants
    where grantee in ('anon', 'PUBLIC') and table_schema in ('public', 'auth_bridge', 'private')`;
  assertEquals(rows.map((r) => r.p), []);
});

dbTest("authenticated holds exactly the intended table privileges", async () => {
  const tables = await sql`
    select table_schema || '.' || table_name || ':' || privilege_type as p
    from information_schema.role_table_grants
    where grantee = 'authenticated' and table_schema in ('public', 'auth_bridge', 'private')
    order by 1`;
  assertEquals(tables.map((r) => r.p), [
    "private.audit_log:SELECT",
    "public.companies:SELECT",
    "public.company_codes:SELECT",
    "public.departments:SELECT",
    "public.memberships:SELECT",
    "public.open_shifts:SELECT",
    "public.platform_supervisors:SELECT",
    "public.police_officers:SELECT",
    "public.profiles:SELECT",
    "public.registry_companies:SELECT",
    "public.shift_records:SELECT",
    "public.shifts:SELECT",
    "public.tip_categories:SELECT",
    "public.tip_events:SELECT",
    "public.tip_messages:SELECT",
    "public.tip_photos:SELECT",
    "public.tips:SELECT",
    "public.zone_codes:SELECT",
    "public.zone_members:SELECT",
    "public.zones:SELECT",
  ]);
  const columns = await sql`
    select table_name || '.' || column_name as c
    from information_schema.column_privileges
    where grantee = 'authenticated' and table_schema = 'public' and privilege_type = 'UPDATE'
    order by 1`;
  assertEquals(columns.map((r) => r.c), [
    "profiles.face_path",
    "profiles.id_number",
    "profiles.name",
  ]);
});

dbTest("only auth_bridge may execute the auth_bridge functions", async () => {
  const rows = await sql`
    select p.oid::regprocedure::text as f,
           has_function_privilege('anon', p.oid, 'execute') as anon,
           has_function_privilege('authenticated', p.oid, 'execute') as authd,
           has_function_privilege('auth_bridge', p.oid, 'execute') as bridge
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth_bridge'`;
  assertEquals(rows.length >= 6, true);
  for (const r of rows) assertEquals([r.f, r.anon, r.authd, r.bridge], [r.f, false, false, true]);
});

dbTest("register_identity is executable by authenticated, not by anon", async () => {
  const [r] = await sql`
    select has_function_privilege('anon', 'public.register_identity(text,text,text)', 'execute') as anon,
           has_function_privilege('authenticated', 'public.register_identity(text,text,text)', 'execute') as authd`;
  assertEquals([r.anon, r.authd], [false, true]);
});

dbTest("the private write helper is executable by nobody but its owner", async () => {
  const [r] = await sql`
    select has_function_privilege('authenticated',
             'private.apply_identity(uuid,text,text,text,public.identity_source)', 'execute') as authd,
           has_function_privilege('auth_bridge',
             'private.apply_identity(uuid,text,text,text,public.identity_source)', 'execute') as bridge`;
  assertEquals([r.authd, r.bridge], [false, false]);
  const a = await newUser();
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`select private.apply_identity(${a.id}, '张三', '11010519491231002X', null, 'registry')`,
      ),
    "42501",
  );
});

dbTest("a signed-in user cannot call the sign-in server's functions", async () => {
  const a = await newUser();
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) => tx`select auth_bridge.sync_identity(${a.id}, '张三', '11010519491231002X')`,
      ),
    "42501",
  );
  await assertPgError(
    () => asUser(a.id, (tx) => tx`select * from auth_bridge.sign_in('17000000001', null)`),
    "42501",
  );
});

dbTest("every security definer function pins search_path to ''", async () => {
  const rows = await sql`
    select p.oid::regprocedure::text as f, coalesce(array_to_string(p.proconfig, ','), '') as cfg
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef and n.nspname in ('public', 'private', 'auth_bridge')`;
  assertEquals(rows.length >= 7, true);
  for (const r of rows) assertEquals([r.f, r.cfg], [r.f, 'search_path=""']);
});

dbTest("new functions do not become executable by anon or authenticated by default", async () => {
  // a function created after the migrations, as the migration role would create it
  const name = `probe_${crypto.randomUUID().slice(0, 8)}`;
  await sql.begin(async (tx) => {
    await tx.unsafe(`create function public.${name}() returns int language sql as 'select 1'`);
    const [r] = await tx.unsafe(
      `select has_function_privilege('anon', 'public.${name}()', 'execute') as anon,
              has_function_privilege('authenticated', 'public.${name}()', 'execute') as authd`,
    );
    assertEquals([r.anon, r.authd], [false, false]);
    await tx.unsafe(`drop function public.${name}()`);
  });
});
