-- The request path, step 3 (issue 7, docs/request-path.md): every read endpoint that still went
-- through withUser (begin; act_as; one to six statements; commit) becomes ONE statement through
-- a private.<read>_as function, and the lists answer in the API's final shape (items and
-- nextCursor) so the API passes the JSON text through without parsing it.
--
-- Same rules as 20261128150000_request_path.sql: each function runs private.act_as(claims)
-- first (session check, role authenticated, claims), so every read below runs under RLS as the
-- caller; not `security definer` and no `set` clause (act_as's settings must outlive the call),
-- hence fully qualified names; no client role may execute them (they take claims as an
-- argument): supabase/tests/request-path-grants.test.ts.

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.js_time(p_at timestamptz)
returns text
language sql
stable
as $$
  -- as JavaScript's Date.prototype.toISOString() writes it (milliseconds, UTC, Z). No `set`
  -- clause (hence the qualified names): the planner inlines it into each read.
  select pg_catalog.to_char(pg_catalog.timezone('UTC', p_at), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
$$;
comment on function private.js_time(timestamptz) is
  'An instant as JavaScript''s toISOString() writes it: the createdAt/joinedAt of the API''s answers built in SQL.';
grant execute on function private.js_time(timestamptz) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: the read functions
-- -----------------------------------------------------------------------------

-- 人员名单 as the API answers it (the former staff_as left the cursor to the API).
create or replace function private.staff_page_as(
  p_claims jsonb,
  p_company_id uuid,
  p_search text,
  p_before_joined timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
declare
  v_out json;
begin
  perform private.act_as(p_claims);
  with page as (
    select s.*, row_number() over (order by s.joined_at desc, s.membership_id desc) as n
    from public.list_staff(p_company_id, p_search, p_before_joined, p_before_id, p_limit + 1) s
  )
  select pg_catalog.json_build_object(
    'items', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
        'membershipId', s.membership_id, 'userId', s.user_id, 'name', s.name, 'phone', s.phone,
        'role', s.role, 'hasGuardCertificate', s.has_guard_certificate,
        'joinedAt', private.js_time(s.joined_at), 'entryDate', s.entry_date) order by s.n)
      from page s where s.n <= p_limit), '[]'::json),
    'nextCursor', (
      select private.page_cursor(s.joined_at::text, s.membership_id) from page s
      where s.n = p_limit and exists (select 1 from page x where x.n > p_limit)))
  into v_out;
  return v_out;
end
$$;
comment on function private.staff_page_as(jsonb, uuid, text, timestamptz, uuid, int) is
  'GET /api/companies/:id/staff in one statement: act_as, then a page of public.list_staff with its nextCursor, as the API answers it.';
revoke all on function private.staff_page_as(jsonb, uuid, text, timestamptz, uuid, int)
  from public, anon, authenticated;
drop function private.staff_as(jsonb, uuid, text, timestamptz, uuid, int);

-- 单位审核 as the API answers it (the former reviews_as left the cursor to the API).
create or replace function private.reviews_page_as(
  p_claims jsonb,
  p_status text,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
declare
  v_items json;
  v_count int;
  v_last_created timestamptz;
  v_last_id uuid;
begin
  perform private.act_as(p_claims);
  select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
           'token', d.review_token, 'id', d.id, 'companyName', d.company_name,
           'creditCode', d.credit_code, 'departmentName', d.department_name,
           'address', d.address, 'contactPhone', d.contact_phone,
           'declarantName', d.declarant_name, 'status', d.status,
           'createdAt', private.js_time(d.created_at))
           order by d.created_at desc, d.id desc), '[]'),
         count(*),
         (pg_catalog.array_agg(d.created_at order by d.created_at, d.id))[1],
         (pg_catalog.array_agg(d.id order by d.created_at, d.id))[1]
    into v_items, v_count, v_last_created, v_last_id
    from public.list_declarations(p_status::public.company_status, p_before_created,
                                  p_before_id, p_limit) d;
  -- list_declarations caps a page at 50, so whether another page follows is a probe of one
  -- row after a full page.
  return pg_catalog.json_build_object(
    'items', v_items,
    'nextCursor', case when v_count = p_limit and exists (
      select 1 from public.list_declarations(p_status::public.company_status, v_last_created,
                                             v_last_id, 1))
      then private.page_cursor(v_last_created::text, v_last_id) end);
end
$$;
comment on function private.reviews_page_as(jsonb, text, timestamptz, uuid, int) is
  'GET /api/reviews in one statement: act_as, then a page of public.list_declarations with its nextCursor, as the API answers it.';
revoke all on function private.reviews_page_as(jsonb, text, timestamptz, uuid, int)
  from public, anon, authenticated;
drop function private.reviews_as(jsonb, text, timestamptz, uuid, int);

-- GET /api/departments answers { items }: the function now says so itself.
create or replace function private.departments_as(p_claims jsonb)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return (
    select pg_catalog.json_build_object('items', coalesce(pg_catalog.json_agg(
      pg_catalog.json_build_object(
        'id', d.id, 'parentId', d.parent_id, 'name', d.name, 'kind', d.kind, 'sort', d.sort,
        'code', d.code) order by d.sort, d.name), '[]'))
    from public.departments d
  );
end
$$;
comment on function private.departments_as(jsonb) is
  'GET /api/departments in one statement: act_as, then { items: every department readable to the caller }.';
revoke all on function private.departments_as(jsonb) from public, anon, authenticated;

-- 单位申报 status page: the caller's latest declaration and active membership.
create or replace function private.companies_mine_as(p_claims jsonb)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return pg_catalog.json_build_object(
    'declaration', (
      select pg_catalog.json_build_object(
        'id', c.id, 'registryCompanyId', c.registry_company_id, 'companyName', rc.name,
        'creditCode', rc.credit_code, 'departmentId', c.department_id,
        -- as preview_declaration names it: 新北分局 安家派出所
        'departmentName', coalesce(p.name || ' ', '') || d.name,
        'address', c.address, 'contactPhone', c.contact_phone, 'industry', c.industry,
        'status', c.status, 'rejectReason', c.reject_reason,
        'reviewedAt', private.js_time(c.reviewed_at), 'createdAt', private.js_time(c.created_at),
        'reviewToken', c.review_token)
      from public.companies c
      join public.registry_companies rc on rc.id = c.registry_company_id
      join public.departments d on d.id = c.department_id
      left join public.departments p on p.id = d.parent_id
      where c.declarant_id = (select auth.uid())
      order by c.created_at desc, c.id desc
      limit 1),
    'membership', (
      select pg_catalog.json_build_object(
        'id', m.id, 'companyId', m.company_id, 'companyName', rc.name, 'role', m.role,
        'hasGuardCertificate', m.has_guard_certificate, 'joinedAt', private.js_time(m.joined_at),
        'entryDate', m.entry_date)
      from public.memberships m
      join public.companies c on c.id = m.company_id
      join public.registry_companies rc on rc.id = c.registry_company_id
      where m.user_id = (select auth.uid()) and m.left_at is null));
end
$$;
comment on function private.companies_mine_as(jsonb) is
  'GET /api/companies/mine in one statement: act_as, then the caller''s latest declaration (with its review token, which the API turns into the review QR) and active membership, under RLS.';
revoke all on function private.companies_mine_as(jsonb) from public, anon, authenticated;

-- 审核二维码 preview: what preview_declaration lets the caller see (null: nothing).
create or replace function private.review_preview_as(p_claims jsonb, p_token text)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return (
    select pg_catalog.json_build_object(
      'id', d.id, 'companyName', d.company_name, 'creditCode', d.credit_code,
      'departmentName', d.department_name, 'address', d.address,
      'contactPhone', d.contact_phone, 'declarantName', d.declarant_name, 'status', d.status,
      'createdAt', private.js_time(d.created_at))
    from public.preview_declaration(p_token) d
    limit 1);
end
$$;
comment on function private.review_preview_as(jsonb, text) is
  'GET /api/reviews/:token in one statement: act_as, then public.preview_declaration (null when the caller may not see it).';
revoke all on function private.review_preview_as(jsonb, text) from public, anon, authenticated;

-- 巡区管理 and 巡区人员: the zones migration's page functions, after act_as.
create or replace function private.zones_page_as(
  p_claims jsonb,
  p_search text,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return private.zones_page(p_search, p_before_created, p_before_id, p_limit);
end
$$;
comment on function private.zones_page_as(jsonb, text, timestamptz, uuid, int) is
  'GET /api/zones in one statement: act_as, then private.zones_page under RLS.';
revoke all on function private.zones_page_as(jsonb, text, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.zone_members_page_as(
  p_claims jsonb,
  p_zone_id uuid,
  p_search text,
  p_before_joined timestamptz,
  p_before_user uuid,
  p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return private.zone_members_page(p_zone_id, p_search, p_before_joined, p_before_user, p_limit);
end
$$;
comment on function private.zone_members_page_as(jsonb, uuid, text, timestamptz, uuid, int) is
  'GET /api/zones/:id/members in one statement: act_as, then private.zone_members_page under RLS.';
revoke all on function private.zone_members_page_as(jsonb, uuid, text, timestamptz, uuid, int)
  from public, anon, authenticated;

-- 线索举报: the categories, the caller's own tips, the officer's inbox, one tip.
create or replace function private.tip_categories_as(p_claims jsonb)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object('id', c.id, 'name', c.name)
                                        order by c.sort, c.id), '[]')
    from public.tip_categories c
    where c.active);
end
$$;
comment on function private.tip_categories_as(jsonb) is
  'GET /api/tips/categories in one statement: act_as, then the active categories in display order.';
revoke all on function private.tip_categories_as(jsonb) from public, anon, authenticated;

-- The list rows of both tip lists (the API adds statusText and the cursor).
create or replace function private.tip_list_json(p_tips public.tips[])
returns json
language sql
stable
set search_path = ''
as $$
  select coalesce(json_agg(json_build_object(
    'id', t.id, 'receiptCode', t.receipt_code, 'category', c.name,
    'summary', left(t.content, 60), 'anonymous', t.anonymous, 'status', t.status,
    'departmentName', d.name,
    'photoCount', (select count(*)::int from public.tip_photos p where p.tip_id = t.id),
    'createdAt', private.js_time(t.created_at), 'createdKey', t.created_at::text)
    order by t.created_at desc, t.id desc), '[]'::json)
  from unnest(p_tips) t
  join public.tip_categories c on c.id = t.category_id
  join public.departments d on d.id = t.department_id;
$$;
comment on function private.tip_list_json(public.tips[]) is
  'The rows of 我的举报 and 线索处理 as JSON (newest first), with createdKey: created_at exact, for the cursor.';
grant execute on function private.tip_list_json(public.tips[]) to authenticated;

create or replace function private.my_tips_as(
  p_claims jsonb,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return private.tip_list_json(array(
    select t from public.tips t
    where t.id in (select private.my_tip_ids())
      and (p_before_created is null or (t.created_at, t.id) < (p_before_created, p_before_id))
    order by t.created_at desc, t.id desc
    limit p_limit));
end
$$;
comment on function private.my_tips_as(jsonb, timestamptz, uuid, int) is
  'GET /api/tips/mine in one statement: act_as, then up to p_limit of the caller''s tips before (created_at, id), newest first.';
revoke all on function private.my_tips_as(jsonb, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.tip_inbox_as(
  p_claims jsonb,
  p_status text,
  p_department_id uuid,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  if not exists (
    select 1 from public.police_officers o where o.user_id = (select auth.uid())
  ) then
    raise exception using errcode = 'P0001', message = 'not_police',
      detail = '仅民警可以处理线索';
  end if;
  return private.tip_list_json(array(
    select t from public.tips t
    where t.department_id in (select private.officer_department_ids())
      and (p_status is null or t.status = p_status::public.tip_status)
      and (p_department_id is null or t.department_id = p_department_id)
      and (p_before_created is null or (t.created_at, t.id) < (p_before_created, p_before_id))
    order by t.created_at desc, t.id desc
    limit p_limit));
end
$$;
comment on function private.tip_inbox_as(jsonb, text, uuid, timestamptz, uuid, int) is
  'GET /api/tip-inbox in one statement: act_as, not_police for a non-officer, then up to p_limit tips of the departments RLS lets the officer see, by status and department, newest first.';
revoke all on function private.tip_inbox_as(jsonb, text, uuid, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.tip_supervision_as(
  p_claims jsonb,
  p_status text,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  if not private.is_platform_supervisor() then
    raise exception using errcode = 'P0001', message = 'not_supervisor',
      detail = '仅平台监督员可以查看线索监督';
  end if;
  -- RLS lets a platform supervisor read every tip
  return private.tip_list_json(array(
    select t from public.tips t
    where (p_status is null or t.status = p_status::public.tip_status)
      and (p_before_created is null or (t.created_at, t.id) < (p_before_created, p_before_id))
    order by t.created_at desc, t.id desc
    limit p_limit));
end
$$;
comment on function private.tip_supervision_as(jsonb, text, timestamptz, uuid, int) is
  'GET /api/tip-supervision in one statement: act_as, not_supervisor for anyone but a platform supervisor, then up to p_limit tips by status, newest first.';
revoke all on function private.tip_supervision_as(jsonb, text, timestamptz, uuid, int)
  from public, anon, authenticated;

-- One tip with everything its page shows, as the caller may see it (null: not at all). Called
-- by tip_detail_as, and inside the reply's transaction (so executable by authenticated: it is
-- not a definer function and reads only under the caller's RLS).
create or replace function private.tip_detail_json(p_tip_id uuid)
returns json
language plpgsql
stable
set search_path = ''
as $$
declare
  v_tip json;
  v_mine boolean;
begin
  select json_build_object(
           'id', t.id, 'receiptCode', t.receipt_code, 'categoryId', c.id::int,
           'categoryName', c.name, 'content', t.content, 'place', t.place,
           'latitude', t.latitude, 'longitude', t.longitude, 'anonymous', t.anonymous,
           'status', t.status, 'departmentId', d.id, 'departmentName', d.name,
           'createdAt', private.js_time(t.created_at),
           'officerDepartment', (select o.department_id from public.police_officers o
                                  where o.user_id = (select auth.uid())),
           'supervisor', private.is_platform_supervisor(),
           'reporterBlacklisted', public.tip_reporter_blacklisted(t.id)),
         t.id in (select private.my_tip_ids())
    into v_tip, v_mine
    from public.tips t
    join public.tip_categories c on c.id = t.category_id
    join public.departments d on d.id = t.department_id
   where t.id = p_tip_id;
  if v_tip is null then
    return null;
  end if;
  return json_build_object(
    'tip', v_tip,
    'mine', v_mine,
    'me', (select auth.uid()),
    'reporter', case when not v_mine then (
      select json_build_object('name', r.name, 'phoneMasked', r.phone_masked)
      from public.tip_reporter(p_tip_id) r limit 1) end,
    'photoPaths', coalesce((
      select json_agg(json_build_object('path', p.object_path, 'width', p.width,
                                        'height', p.height) order by p.position)
      from public.tip_photos p where p.tip_id = p_tip_id), '[]'::json),
    'history', coalesce((
      select json_agg(json_build_object('kind', e.kind, 'departmentName', d.name,
                                        'note', e.note, 'createdAt', private.js_time(e.created_at))
                      order by e.id)
      from public.tip_events e join public.departments d on d.id = e.department_id
      where e.tip_id = p_tip_id), '[]'::json),
    'messages', coalesce((
      select json_agg(json_build_object('id', m.id, 'fromPolice', m.from_police,
                                        'officerId', m.officer_id, 'departmentName', d.name,
                                        'body', m.body, 'createdAt', private.js_time(m.created_at))
                      order by m.id)
      from public.tip_messages m left join public.departments d on d.id = m.department_id
      where m.tip_id = p_tip_id), '[]'::json));
end
$$;
comment on function private.tip_detail_json(uuid) is
  'A tip with its reporter (as tip_reporter allows), photo paths, history and messages, read under the caller''s RLS; null when the caller may not see it.';
grant execute on function private.tip_detail_json(uuid) to authenticated;

create or replace function private.tip_detail_as(p_claims jsonb, p_tip_id uuid)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return private.tip_detail_json(p_tip_id);
end
$$;
comment on function private.tip_detail_as(jsonb, uuid) is
  'GET /api/tips/:id in one statement: act_as, then private.tip_detail_json.';
revoke all on function private.tip_detail_as(jsonb, uuid) from public, anon, authenticated;

-- 民警控制台 overview: the police views under the officer's own RLS.
create or replace function private.console_overview_as(p_claims jsonb)
returns json
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
  return pg_catalog.json_build_object(
    'companies', (select count(*) from police.companies where status = 'approved')::int,
    'guards', (select coalesce(sum(staff), 0) from police.companies
               where status = 'approved')::int,
    'zones', (select count(*) from police.zones where deleted_at is null)::int,
    'onDutyNow', (select count(*) from police.on_duty_now)::int,
    'pendingReviews', (select count(*) from police.pending_declarations)::int,
    'openTips', (select count(*) from police.tips where status in ('pending', 'accepted'))::int);
end
$$;
comment on function private.console_overview_as(jsonb) is
  'GET /api/console/overview in one statement: act_as, not_police for a non-officer, then the counts of the police views in the officer''s scope.';
revoke all on function private.console_overview_as(jsonb) from public, anon, authenticated;
