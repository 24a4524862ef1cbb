-- =============================================================================
-- The police console's reads in one statement each, and the cost of the police scope
-- (issue 7; docs/police-studio.md, docs/request-path.md).
--
-- 1. The officer's scope once per statement. Every police view and policy asked
--    private.officer_department_ids() (a recursive query in a SQL function, planned anew at
--    each call site of each query) and every row's name label asked it again through
--    officer_company_ids(): EXPLAIN of the console overview as the city officer showed ~30 such
--    plannings per call, and a page of 20 staff spent ~6 ms a row in person_label. Now
--    private.officer_scope() computes the departments once per client statement and keeps them
--    in a transaction-local setting keyed by the user and the statement's start; the helpers
--    are PL/pgSQL, so their queries are planned once per connection. Same sets as before: RLS
--    still decides every row (the console and police tests of station / 分局 / city / another
--    station are unchanged).
-- 2. private.console_<table>_as / console_overview_as: each console list, its CSV and the
--    overview are one statement (act_as, not_police, then the read under the officer's RLS),
--    answered as the API answers them, like every other private.*_as read.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Helpers: the officer's scope, once per statement
-- -----------------------------------------------------------------------------
create or replace function private.officer_scope()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  -- who and which client statement: a later statement (or another user) computes afresh
  v_key text := coalesce(auth.uid()::text, '-') || '@' || pg_catalog.statement_timestamp()::text;
  v_cached text := pg_catalog.current_setting('qunfang.officer_scope', true);
  v_scope uuid[];
begin
  if v_cached is not null and pg_catalog.split_part(v_cached, '=', 1) = v_key then
    return pg_catalog.split_part(v_cached, '=', 2)::uuid[];
  end if;
  with recursive down as (
    select po.department_id as id
    from public.police_officers po
    where po.user_id = (select auth.uid())
    union all
    select d.id from public.departments d join down on d.parent_id = down.id
  )
  select coalesce(pg_catalog.array_agg(down.id), '{}') into v_scope from down;
  -- transaction-local, like the claims it derives from (the same trust: only SQL that could
  -- set request.jwt.claims could set this)
  perform pg_catalog.set_config('qunfang.officer_scope', v_key || '=' || v_scope::text, true);
  return v_scope;
end
$$;
comment on function private.officer_scope() is
  'The departments the calling officer covers (their own and every one below), as an array computed once per client statement; empty for a non-officer.';
revoke all on function private.officer_scope() from public, anon;
grant execute on function private.officer_scope() to authenticated;

-- The SRFs of the policies, in PL/pgSQL: a SQL function's query is planned at every call site
-- of every query (PostgreSQL 15 keeps no plan of it), a PL/pgSQL one's once per connection.
create or replace function private.officer_department_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select pg_catalog.unnest(private.officer_scope());
end
$$;
comment on function private.officer_department_ids() is
  'The departments the calling officer covers: their own and every one below it; none for a non-officer (private.officer_scope(), once per statement).';

create or replace function private.officer_company_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_scope uuid[] := private.officer_scope();
begin
  if pg_catalog.cardinality(v_scope) > 0 then
    return query select c.id from public.companies c where c.department_id = any (v_scope);
  end if;
end
$$;
comment on function private.officer_company_ids() is
  'Companies (declarations) of the departments the calling officer covers.';

create or replace function private.officer_zone_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_scope uuid[] := private.officer_scope();
begin
  if pg_catalog.cardinality(v_scope) > 0 then
    return query select z.id from public.zones z where z.department_id = any (v_scope);
  end if;
end
$$;
comment on function private.officer_zone_ids() is
  'Zones managed by the departments the calling officer covers (deleted ones too: their records stay).';

create or replace function private.officer_department_array()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select private.officer_scope();
$$;
comment on function private.officer_department_array() is
  'private.officer_department_ids() as one array, for the overlap test of the audit log policy.';

create or replace function private.is_police_reader()
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  -- not security definer: current_user is the reader. The owner and the service role read
  -- everything (Studio); a signed-in user only when they are an officer.
  return current_user not in ('authenticated', 'anon')
    or pg_catalog.cardinality(private.officer_scope()) > 0;
end
$$;
comment on function private.is_police_reader() is
  'True for an officer and for the owner (Studio); false for any other signed-in user, so the police views show them nothing.';

create or replace function private.officer_person_label(p_user_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_scope uuid[] := private.officer_scope();
begin
  if pg_catalog.cardinality(v_scope) = 0 then
    return null;
  end if;
  -- 钱杰(151****3573): a declarant or (former) member of a company the calling officer
  -- covers, or an officer of a department they cover. Never reads who sent a tip.
  return (
    select p.name || '(' || private.mask_phone(p.phone) || ')'
    from public.profiles p
    where p.user_id = p_user_id
      and (
        exists (
          select 1 from public.memberships m
          join public.companies c on c.id = m.company_id
          where m.user_id = p_user_id and c.department_id = any (v_scope)
        )
        or exists (
          select 1 from public.companies c
          where c.declarant_id = p_user_id and c.department_id = any (v_scope)
        )
        or exists (
          select 1 from public.police_officers po
          where po.user_id = p_user_id and po.department_id = any (v_scope)
        )
      ));
end
$$;
comment on function private.officer_person_label(uuid) is
  'Name and masked phone of a person the calling officer supervises (company people, officers below them); null otherwise. Never an ID number.';

create or replace function private.person_label(p_user_id uuid)
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  -- not security definer: the owner reads profiles itself; an officer through the helper
  return coalesce(
    (select p.name || '(' || private.mask_phone(p.phone) || ')'
     from public.profiles p where p.user_id = p_user_id),
    private.officer_person_label(p_user_id));
end
$$;
comment on function private.person_label(uuid) is
  'Name and masked phone as the reader may see it: the owner sees every profile, an officer the people they supervise (private.officer_person_label).';

create or replace function private.department_path(p_department_id uuid)
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  -- 新北分局 安家派出所, as the forms show a department
  return (
    select coalesce(dp.name || ' ', '') || d.name
    from public.departments d left join public.departments dp on dp.id = d.parent_id
    where d.id = p_department_id);
end
$$;
comment on function private.department_path(uuid) is
  'A department as the forms show it: its parent''s name and its own (新北分局 安家派出所).';

-- -----------------------------------------------------------------------------
-- Helpers of the console reads
-- -----------------------------------------------------------------------------
create or replace function private.console_act_as(p_claims jsonb)
returns void
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  if not exists (
    select 1 from public.police_officers po where po.user_id = (select auth.uid())
  ) then
    raise exception using errcode = 'P0001', message = 'not_police',
      detail = '仅民警可以使用民警控制台';
  end if;
end
$$;
comment on function private.console_act_as(jsonb) is
  'private.act_as for the console: the switch into the officer''s request, then not_police (403) for anyone who is not an officer.';
revoke all on function private.console_act_as(jsonb) from public, anon, authenticated;

create or replace function private.console_cursor(p_key text, p_id text)
returns text
language sql
stable
as $$
  -- the format of private.page_cursor and the API's decodeCursor, for any id type; stable
  -- like its json_build_array, so the planner inlines it (no `set` clause: qualified names)
  select pg_catalog.translate(pg_catalog.encode(pg_catalog.convert_to(
    pg_catalog.json_build_array(p_key, p_id)::text, 'UTF8'), 'base64'), E'+/=\n', '-_');
$$;
comment on function private.console_cursor(text, text) is
  'The keyset cursor of a console page''s last row (base64url JSON [key, id]), for text, uuid and bigint ids.';
revoke all on function private.console_cursor(text, text) from public, anon;
-- called inside the reads, after the switch to the officer's role
grant execute on function private.console_cursor(text, text) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: the console's tables (GET /api/console/<table> and …/csv)
-- -----------------------------------------------------------------------------
-- Each takes the search as a LIKE pattern (the API escapes it), the status where the table has
-- one (ignored otherwise), the keyset cursor's two values and the page size, and answers
-- { items, nextCursor } with the columns of read-models/console.ts, newest first. The CSV is
-- the same call with the export's row limit.

create or replace function private.console_reviews_as(
  p_claims jsonb, p_q text, p_status text, p_after timestamptz, p_after_id uuid, p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.console_act_as(p_claims);
  return (
    with page as (
      select x.*, row_number() over (order by x.s desc, x.i desc) as n
      from (
        select pg_catalog.json_build_object(
                 'id', p.id, 'token', co.review_token, 'companyName', p.company_name,
                 'creditCode', p.credit_code, 'department', p.department, 'address', p.address,
                 'contactPhone', p.contact_phone, 'declarant', p.declarant,
                 'createdAt', private.js_time(p.created_at)) as j,
               p.created_at as s, p.id as i
        from police.pending_declarations p join public.companies co on co.id = p.id
        where (p_q is null or pg_catalog.concat_ws(' ', p.company_name, p.credit_code,
                 p.department, p.address, p.declarant) ilike p_q)
          and (p_after is null or (p.created_at, p.id) < (p_after, p_after_id))
        order by p.created_at desc, p.id desc
        limit p_limit + 1
      ) x
    )
    select pg_catalog.json_build_object(
      'items', coalesce((select pg_catalog.json_agg(j order by n) from page where n <= p_limit),
                        '[]'::json),
      'nextCursor', (select private.console_cursor(s::text, i::text) from page
                     where n = p_limit and exists (select 1 from page where n > p_limit))));
end
$$;
comment on function private.console_reviews_as(jsonb, text, text, timestamptz, uuid, int) is
  'GET /api/console/reviews (and …/csv) in one statement: 待审核申报 of police.pending_declarations under the officer''s RLS, with the review token.';
revoke all on function private.console_reviews_as(jsonb, text, text, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.console_companies_as(
  p_claims jsonb, p_q text, p_status text, p_after timestamptz, p_after_id uuid, p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.console_act_as(p_claims);
  return (
    with page as (
      select x.*, row_number() over (order by x.s desc, x.i desc) as n
      from (
        select pg_catalog.json_build_object(
                 'id', p.id, 'companyName', p.company_name, 'creditCode', p.credit_code,
                 'status', p.status::text, 'department', p.department, 'address', p.address,
                 'contactPhone', p.contact_phone, 'admin', p.admin, 'staff', p.staff,
                 'certifiedStaff', p.certified_staff, 'zones', p.zones,
                 'onDutyNow', p.on_duty_now, 'createdAt', private.js_time(p.created_at),
                 'reviewedAt', private.js_time(p.reviewed_at)) as j,
               p.created_at as s, p.id as i
        from police.companies p
        where (p_q is null or pg_catalog.concat_ws(' ', p.company_name, p.credit_code,
                 p.department, p.address, p.admin) ilike p_q)
          and (p_status is null or p.status::text = p_status)
          and (p_after is null or (p.created_at, p.id) < (p_after, p_after_id))
        order by p.created_at desc, p.id desc
        limit p_limit + 1
      ) x
    )
    select pg_catalog.json_build_object(
      'items', coalesce((select pg_catalog.json_agg(j order by n) from page where n <= p_limit),
                        '[]'::json),
      'nextCursor', (select private.console_cursor(s::text, i::text) from page
                     where n = p_limit and exists (select 1 from page where n > p_limit))));
end
$$;
comment on function private.console_companies_as(jsonb, text, text, timestamptz, uuid, int) is
  'GET /api/console/companies (and …/csv) in one statement: every declaration and company of police.companies in the officer''s scope.';
revoke all on function private.console_companies_as(jsonb, text, text, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.console_staff_as(
  p_claims jsonb, p_q text, p_status text, p_after timestamptz, p_after_id uuid, p_limit int,
  p_company_id uuid
)
returns json
language plpgsql
as $$
begin
  perform private.console_act_as(p_claims);
  return (
    with page as (
      select x.*, row_number() over (order by x.s desc, x.i desc) as n
      from (
        select pg_catalog.json_build_object(
                 'id', m.id, 'person', private.person_label(m.user_id), 'role', m.role::text,
                 'hasGuardCertificate', m.has_guard_certificate,
                 'joinedAt', private.js_time(m.joined_at), 'entryDate', m.entry_date::text) as j,
               m.joined_at as s, m.id as i
        from public.memberships m
        where m.company_id = p_company_id and m.left_at is null
          and (select private.is_police_reader())
          and (p_q is null or private.person_label(m.user_id) ilike p_q)
          and (p_after is null or (m.joined_at, m.id) < (p_after, p_after_id))
        order by m.joined_at desc, m.id desc
        limit p_limit + 1
      ) x
    )
    select pg_catalog.json_build_object(
      'items', coalesce((select pg_catalog.json_agg(j order by n) from page where n <= p_limit),
                        '[]'::json),
      'nextCursor', (select private.console_cursor(s::text, i::text) from page
                     where n = p_limit and exists (select 1 from page where n > p_limit))));
end
$$;
comment on function private.console_staff_as(jsonb, text, text, timestamptz, uuid, int, uuid) is
  'GET /api/console/companies/{id}/staff (and …/csv) in one statement: a company''s 人员名单 under the officer''s RLS, names masked.';
revoke all on function private.console_staff_as(jsonb, text, text, timestamptz, uuid, int, uuid)
  from public, anon, authenticated;

create or replace function private.console_zones_as(
  p_claims jsonb, p_q text, p_status text, p_after timestamptz, p_after_id uuid, p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.console_act_as(p_claims);
  return (
    with page as (
      select x.*, row_number() over (order by x.s desc, x.i desc) as n
      from (
        select pg_catalog.json_build_object(
                 'id', p.id, 'name', p.name, 'companyName', p.company_name,
                 'department', p.department, 'lat', p.lat::float8, 'lng', p.lng::float8,
                 'address', p.address, 'addressDetail', p.address_detail,
                 'members', p.members, 'onDutyNow', p.on_duty_now,
                 'createdAt', private.js_time(p.created_at)) as j,
               p.created_at as s, p.id as i
        from police.zones p
        where p.deleted_at is null
          and (p_q is null or pg_catalog.concat_ws(' ', p.name, p.company_name, p.department,
                 p.address, p.address_detail) ilike p_q)
          and (p_after is null or (p.created_at, p.id) < (p_after, p_after_id))
        order by p.created_at desc, p.id desc
        limit p_limit + 1
      ) x
    )
    select pg_catalog.json_build_object(
      'items', coalesce((select pg_catalog.json_agg(j order by n) from page where n <= p_limit),
                        '[]'::json),
      'nextCursor', (select private.console_cursor(s::text, i::text) from page
                     where n = p_limit and exists (select 1 from page where n > p_limit))));
end
$$;
comment on function private.console_zones_as(jsonb, text, text, timestamptz, uuid, int) is
  'GET /api/console/zones (and …/csv) in one statement: the live zones of police.zones in the officer''s scope.';
revoke all on function private.console_zones_as(jsonb, text, text, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.console_on_duty_as(
  p_claims jsonb, p_q text, p_status text, p_after timestamptz, p_after_id uuid, p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.console_act_as(p_claims);
  return (
    with page as (
      select x.*, row_number() over (order by x.s desc, x.i desc) as n
      from (
        select pg_catalog.json_build_object(
                 'id', p.shift_id, 'guard', p.guard, 'companyName', p.company_name,
                 'zoneName', p.zone_name, 'department', p.department,
                 'onAt', private.js_time(p.on_at), 'hoursSoFar', p.hours_so_far::float8,
                 'late', p.on_late) as j,
               p.on_at as s, p.shift_id as i
        from police.on_duty_now p
        where (p_q is null or pg_catalog.concat_ws(' ', p.guard, p.company_name, p.zone_name,
                 p.department) ilike p_q)
          and (p_after is null or (p.on_at, p.shift_id) < (p_after, p_after_id))
        order by p.on_at desc, p.shift_id desc
        limit p_limit + 1
      ) x
    )
    select pg_catalog.json_build_object(
      'items', coalesce((select pg_catalog.json_agg(j order by n) from page where n <= p_limit),
                        '[]'::json),
      'nextCursor', (select private.console_cursor(s::text, i::text) from page
                     where n = p_limit and exists (select 1 from page where n > p_limit))));
end
$$;
comment on function private.console_on_duty_as(jsonb, text, text, timestamptz, uuid, int) is
  'GET /api/console/on-duty (and …/csv) in one statement: 当前在岗 of police.on_duty_now in the officer''s scope.';
revoke all on function private.console_on_duty_as(jsonb, text, text, timestamptz, uuid, int)
  from public, anon, authenticated;

-- private.console_attendance_as: 20261129600100_attendance_window.sql (over a window of days)

create or replace function private.console_tips_as(
  p_claims jsonb, p_q text, p_status text, p_after timestamptz, p_after_id uuid, p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.console_act_as(p_claims);
  -- planned with this call's values (~1-3 ms of planning): without a search or a cursor a page
  -- is an index scan of the newest rows; the cached generic plan scans and sorts every row in
  -- scope, and tips and the audit log grow without bound (the other tables stay small, and
  -- their generic plans cost less than planning them anew)
  perform pg_catalog.set_config('plan_cache_mode', 'force_custom_plan', true);
  return (
    with page as (
      select x.*, row_number() over (order by x.s desc, x.i desc) as n
      from (
        select pg_catalog.json_build_object(
                 'id', p.id, 'receiptCode', p.receipt_code, 'category', p.category,
                 'status', p.status::text, 'department', p.department, 'content', p.content,
                 'place', p.place, 'anonymous', p.anonymous, 'photos', p.photos,
                 'createdAt', private.js_time(p.created_at),
                 'acceptedAt', private.js_time(p.accepted_at),
                 'finishedAt', private.js_time(p.finished_at)) as j,
               p.created_at as s, p.id as i
        from police.tips p
        where (p_q is null or pg_catalog.concat_ws(' ', p.receipt_code, p.category, p.content,
                 p.place, p.department) ilike p_q)
          and (p_status is null or p.status::text = p_status)
          and (p_after is null or (p.created_at, p.id) < (p_after, p_after_id))
        order by p.created_at desc, p.id desc
        limit p_limit + 1
      ) x
    )
    select pg_catalog.json_build_object(
      'items', coalesce((select pg_catalog.json_agg(j order by n) from page where n <= p_limit),
                        '[]'::json),
      'nextCursor', (select private.console_cursor(s::text, i::text) from page
                     where n = p_limit and exists (select 1 from page where n > p_limit))));
end
$$;
comment on function private.console_tips_as(jsonb, text, text, timestamptz, uuid, int) is
  'GET /api/console/tips (and …/csv) in one statement: the tips of police.tips in the officer''s scope, without reporters.';
revoke all on function private.console_tips_as(jsonb, text, text, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.console_audit_as(
  p_claims jsonb, p_q text, p_status text, p_after timestamptz, p_after_id bigint, p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.console_act_as(p_claims);
  -- planned with this call's values (~1-3 ms of planning): without a search or a cursor a page
  -- is an index scan of the newest rows; the cached generic plan scans and sorts every row in
  -- scope, and tips and the audit log grow without bound (the other tables stay small, and
  -- their generic plans cost less than planning them anew)
  perform pg_catalog.set_config('plan_cache_mode', 'force_custom_plan', true);
  return (
    with page as (
      select x.*, row_number() over (order by x.s desc, x.i desc) as n
      from (
        select pg_catalog.json_build_object(
                 'id', p.id::text, 'at', private.js_time(p.at), 'actor', p.actor,
                 'actorRole', p.actor_role, 'action', p.action, 'actionLabel', p.action_label,
                 'tableName', p.table_name, 'rowId', p.row_id, 'before', p.before,
                 'after', p.after) as j,
               p.at as s, p.id as i
        from police.audit_log p
        where (p_q is null or pg_catalog.concat_ws(' ', p.actor, p.action, p.action_label,
                 p.table_name, p.row_id) ilike p_q)
          and (p_after is null or (p.at, p.id) < (p_after, p_after_id))
        order by p.at desc, p.id desc
        limit p_limit + 1
      ) x
    )
    select pg_catalog.json_build_object(
      'items', coalesce((select pg_catalog.json_agg(j order by n) from page where n <= p_limit),
                        '[]'::json),
      'nextCursor', (select private.console_cursor(s::text, i::text) from page
                     where n = p_limit and exists (select 1 from page where n > p_limit))));
end
$$;
comment on function private.console_audit_as(jsonb, text, text, timestamptz, bigint, int) is
  'GET /api/console/audit (and …/csv) in one statement: police.audit_log in the officer''s scope, with each row''s before and after.';
revoke all on function private.console_audit_as(jsonb, text, text, timestamptz, bigint, int)
  from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: the overview (its charts: 20261129600100_attendance_window.sql)
-- -----------------------------------------------------------------------------
create or replace function private.console_overview_as(p_claims jsonb)
returns json
language plpgsql
as $$
begin
  perform private.console_act_as(p_claims);
  -- companies and their staff from one scan of police.companies
  return (
    select pg_catalog.json_build_object(
      'companies', count(*)::int,
      'guards', coalesce(sum(c.staff), 0)::int,
      'zones', (select count(*) from police.zones where deleted_at is null)::int,
      'onDutyNow', (select count(*) from police.on_duty_now)::int,
      'pendingReviews', (select count(*) from police.pending_declarations)::int,
      'openTips', (select count(*) from police.tips where status in ('pending', 'accepted'))::int)
    from police.companies c where c.status = 'approved');
end
$$;
comment on function private.console_overview_as(jsonb) is
  'GET /api/console/overview in one statement: act_as, not_police for a non-officer, then the counts of the police views in the officer''s scope.';
revoke all on function private.console_overview_as(jsonb) from public, anon, authenticated;
