-- The database side of the request path (issues 7 and 8, docs/request-path.md, "Database side"):
-- the helpers every read and every RLS policy calls are planned once per connection, not once
-- per statement.
--
-- PostgreSQL 15 never caches the plan of a `language sql` function it cannot inline (a
-- `security definer` one, or one with a `set` clause): each statement that calls it parses,
-- analyses and plans its body again (fmgr_sql). The policies call such helpers in InitPlans
-- (private.my_company_id, officer_department_ids, …), and the reads call more (dismissal_notice,
-- zone_items, tip_list_json, …), so a /me spent ~60 % of its backend time planning helper
-- bodies (perf on the bench database) while its own statement, inside PL/pgSQL, was planned once.
-- A PL/pgSQL function's statements are prepared once per backend and their plans reused, so:
--
-- * each helper below is rewritten in PL/pgSQL with the same name, arguments, result,
--   volatility, `security definer` and `set search_path = ''` as before, and the same query;
--   create or replace keeps its grants and its comment (restated here);
-- * the three small immutable expressions (mask_phone, page_cursor, distance_m) lose their `set`
--   clause instead, with every name qualified, so the planner inlines them into the calling
--   query as it does private.js_time (a `set` clause forbids inlining; a definer inlining one
--   plans it under its own empty search_path).
--
-- Results are identical (the database tests prove the rights; the API tests the shapes). A
-- scalar `language sql` function answers the first row of its query; each scalar query below
-- has at most one row (a primary or partial unique key, or an aggregate), so `return (select …)`
-- answers the same.

-- -----------------------------------------------------------------------------
-- Inlined expressions (no `set` clause)
-- -----------------------------------------------------------------------------
create or replace function private.mask_phone(p_phone text)
returns text
language sql
immutable
as $$
  select case
    when p_phone operator(pg_catalog.~) '^[0-9]{11}$'
      then pg_catalog.substr(p_phone, 1, 3) operator(pg_catalog.||) '****'
        operator(pg_catalog.||) pg_catalog.substr(p_phone, 8, 4)
    when p_phone is null then null
    else '****'
  end;
$$;
comment on function private.mask_phone(text) is
  'Masks an 11-digit mobile number as 133****1188 for everyone but its owner. Inlined into the calling query (no set clause, qualified names).';

create or replace function private.page_cursor(p_key text, p_id uuid)
returns text
language sql
immutable
as $$
  select pg_catalog.translate(pg_catalog.encode(pg_catalog.convert_to(
    pg_catalog.json_build_array(p_key, p_id::text)::text, 'UTF8'), 'base64'), E'+/=\n', '-_');
$$;
comment on function private.page_cursor(text, uuid) is
  'The opaque keyset cursor of a page''s last row (base64url JSON [key, id], no padding), the same format the API''s decodeCursor reads. Inlined (no set clause, qualified names).';

create or replace function private.distance_m(
  p_lat1 double precision,
  p_lng1 double precision,
  p_lat2 double precision,
  p_lng2 double precision
)
returns integer
language sql
immutable
as $$
  -- haversine on the mean Earth radius: within 0.5 % at geofence scale, no PostGIS needed
  select case when p_lat1 is null or p_lng1 is null or p_lat2 is null or p_lng2 is null then null
    else pg_catalog.round(2 * 6371008.8 * pg_catalog.asin(least(1, pg_catalog.sqrt(
      pg_catalog.power(pg_catalog.sin(pg_catalog.radians(p_lat2 - p_lat1) / 2), 2)
      + pg_catalog.cos(pg_catalog.radians(p_lat1)) * pg_catalog.cos(pg_catalog.radians(p_lat2))
        * pg_catalog.power(pg_catalog.sin(pg_catalog.radians(p_lng2 - p_lng1) / 2), 2)
    ))))::int end;
$$;
comment on function private.distance_m(double precision, double precision, double precision, double precision) is
  'Great-circle distance in whole metres between two points (null when one is missing): the device''s distance to the zone point. Inlined (no set clause, qualified names).';

-- -----------------------------------------------------------------------------
-- Helpers of the RLS policies (security definer, planned once per connection)
-- -----------------------------------------------------------------------------
create or replace function private.my_company_id(p_role public.membership_role default null)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- one active membership per user (memberships_one_active_per_user_key)
  return (
    select m.company_id from public.memberships m
    where m.user_id = (select auth.uid()) and m.left_at is null
      and (p_role is null or m.role = p_role));
end
$$;
comment on function private.my_company_id(public.membership_role) is
  'The company the calling user is an active member of (with p_role: only when they hold that role there), or null.';

create or replace function private.my_zone_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select zm.zone_id from public.zone_members zm where zm.user_id = (select auth.uid()));
end
$$;
comment on function private.my_zone_id() is
  'The zone the calling user is a member of, or null.';

create or replace function private.my_admin_zone_id()
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select zm.zone_id from public.zone_members zm
    where zm.user_id = (select auth.uid()) and zm.is_admin);
end
$$;
comment on function private.my_admin_zone_id() is
  'The zone the calling user is 巡区管理员 of, or null (a user is in one zone at most).';

create or replace function private.officer_department_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
  with recursive down as (
    select po.department_id as id
    from public.police_officers po
    where po.user_id = (select auth.uid())
    union all
    select d.id from public.departments d join down on d.parent_id = down.id
  )
  select down.id from down;
end
$$;
comment on function private.officer_department_ids() is
  'The departments the calling officer covers: their own and every one below it; none for a non-officer.';

create or replace function private.officer_company_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
  select c.id from public.companies c
  where c.department_id in (select private.officer_department_ids());
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
begin
  return query
  select z.id from public.zones z
  where z.department_id in (select private.officer_department_ids());
end
$$;
comment on function private.officer_zone_ids() is
  'Zones managed by the departments the calling officer covers (deleted ones too: their records stay).';

create or replace function private.officer_department_array()
returns uuid[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (select coalesce(array_agg(d), '{}') from private.officer_department_ids() d);
end
$$;
comment on function private.officer_department_array() is
  'private.officer_department_ids() as one array, for the overlap test of the audit log policy.';

create or replace function private.my_tip_ids()
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
  select r.tip_id from private.tip_reporters r where r.reporter_id = (select auth.uid());
end
$$;
comment on function private.my_tip_ids() is
  'The tips the calling user sent; answers only about the caller, so it reveals nobody else.';

create or replace function private.is_platform_supervisor()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.platform_supervisors s where s.user_id = (select auth.uid()));
end
$$;
comment on function private.is_platform_supervisor() is
  'True when the calling user is a platform supervisor (平台监督员).';

create or replace function private.tip_exists(p_id text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.tips t where t.id::text = p_id);
end
$$;
comment on function private.tip_exists(text) is
  'Whether a tip with this id was submitted: its photo folder is then closed to uploads.';

create or replace function private.tip_photo_attached(p_name text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.tip_photos p where p.object_path = p_name);
end
$$;
comment on function private.tip_photo_attached(text) is
  'Whether the object is a photo of a submitted tip (then nobody may delete it).';

-- -----------------------------------------------------------------------------
-- Helpers of the reads (security definer)
-- -----------------------------------------------------------------------------
create or replace function public.dismissal_notice()
returns table (membership_id uuid, company_name text, left_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- the company is no longer visible to its former member under RLS: its name comes from here
  return query
  select m.id, r.name, m.left_at
  from public.memberships m
  join public.companies c on c.id = m.company_id
  join public.registry_companies r on r.id = c.registry_company_id
  where m.user_id = (select private.require_user())
    and m.left_reason = 'dismissed' and m.dismissal_seen_at is null
  order by m.left_at desc
  limit 1;
end
$$;
comment on function public.dismissal_notice() is
  'The caller''s latest dismissal (离职 by the admin) they have not been told of yet: company name and date.';

create or replace function private.manages_company_people(p_company_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return p_company_id is not null and (
    p_company_id = private.my_company_id('admin')
    or exists (
      select 1 from public.zone_members zm
      where zm.user_id = (select auth.uid()) and zm.is_admin and zm.company_id = p_company_id
    )
  );
end
$$;
comment on function private.manages_company_people(uuid) is
  'True when the caller is the admin of the company or a zone admin in it: who may see colleagues'' names and masked phones in zone lists and records.';

create or replace function private.colleague_label(p_user_id uuid, p_company_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- 钱杰(151****3573), as the zone records show a guard; null for anyone else's caller
  return (
    select p.name || '(' || private.mask_phone(p.phone) || ')'
    from public.profiles p
    where p.user_id = p_user_id
      and private.manages_company_people(p_company_id)
      and exists (
        select 1 from public.memberships m
        where m.user_id = p_user_id and m.company_id = p_company_id
      ));
end
$$;
comment on function private.colleague_label(uuid, uuid) is
  'Name and masked phone of a (current or former) member of a company, for that company''s admin and zone admins only (zone lists, zone records); null otherwise.';

create or replace function private.colleague_labels(p_company_id uuid, p_user_ids uuid[])
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- one call per page, not per row: the right is checked once, the names read in one join
  return (
    select coalesce(jsonb_object_agg(p.user_id, p.name || '(' || private.mask_phone(p.phone) || ')'),
      '{}'::jsonb)
    from public.profiles p
    where p.user_id = any (p_user_ids)
      and (select private.manages_company_people(p_company_id))
      and exists (
        select 1 from public.memberships m
        where m.user_id = p.user_id and m.company_id = p_company_id
      ));
end
$$;
comment on function private.colleague_labels(uuid, uuid[]) is
  'colleague_label for a page of users at once: {user_id: "钱杰(151****3573)"}, empty for anyone but the company''s admin and zone admins.';

create or replace function private.colleague_name(p_user_id uuid, p_company_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select p.name from public.profiles p
    where p.user_id = p_user_id and private.manages_company_people(p_company_id));
end
$$;
comment on function private.colleague_name(uuid, uuid) is
  'The name of a zone''s creator (创建人) for the company admin and its zone admins; null otherwise.';

create or replace function private.registry_company_status(p_registry_company_id uuid)
returns public.company_status
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- declare_company refuses these with company_already_declared; the search says so before
  return (
    select c.status from public.companies c
    where c.registry_company_id = p_registry_company_id and c.status in ('pending', 'approved')
    limit 1);
end
$$;
comment on function private.registry_company_status(uuid) is
  'pending or approved when a registry company is already declared (not by whom), else null: the registry search marks it.';

create or replace function private.officer_person_label(p_user_id uuid)
returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- 钱杰(151****3573): a declarant or (former) member of a company the calling officer
  -- covers, or an officer of a department they cover. Never reads who sent a tip.
  return (
    select p.name || '(' || private.mask_phone(p.phone) || ')'
    from public.profiles p
    where p.user_id = p_user_id
      and (
        exists (
          select 1 from public.memberships m
          where m.user_id = p_user_id and m.company_id in (select private.officer_company_ids())
        )
        or exists (
          select 1 from public.companies c
          where c.declarant_id = p_user_id and c.id in (select private.officer_company_ids())
        )
        or exists (
          select 1 from public.police_officers po
          where po.user_id = p_user_id
            and po.department_id in (select private.officer_department_ids())
        )
      ));
end
$$;
comment on function private.officer_person_label(uuid) is
  'Name and masked phone of a person the calling officer supervises (company people, officers below them); null otherwise. Never an ID number.';

create or replace function public.tip_reporter_blacklisted(p_tip_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select case when private.is_platform_supervisor() then exists (
      select 1
        from private.tip_reporters r
        join private.tip_blacklist b on b.user_id = r.reporter_id
       where r.tip_id = p_tip_id
    ) end);
end
$$;
comment on function public.tip_reporter_blacklisted(uuid) is
  '线索监督: true when the reporter of this tip is on the blacklist, for platform supervisors only; null for everyone else (an officer learns nothing, not even whether two anonymous tips share a blacklisted sender).';

-- -----------------------------------------------------------------------------
-- Helpers of the reads (the caller's rights, under RLS)
-- -----------------------------------------------------------------------------
create or replace function private.department_covers(p_officer_department uuid, p_department uuid)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    with recursive up as (
      select d.id, d.parent_id from public.departments d where d.id = p_department
      union all
      select d.id, d.parent_id from public.departments d join up on d.id = up.parent_id
    )
    select p_officer_department is not null
      and exists (select 1 from up where up.id = p_officer_department));
end
$$;
comment on function private.department_covers(uuid, uuid) is
  'True when the officer''s department is p_department or one of its ancestors (a 分局 covers its 派出所 and 治安大队; the city bureau covers all).';

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

create or replace function private.duty_state()
returns json
language plpgsql
stable
set search_path = ''
as $$
begin
  return json_build_object(
    'zone', (
      select json_build_object('id', z.id, 'name', z.name, 'isAdmin', zm.is_admin)
      from public.zone_members zm join public.zones z on z.id = zm.zone_id
      where zm.user_id = (select auth.uid())),
    'openShift', (
      select json_build_object('id', o.id, 'zoneId', o.zone_id, 'zoneName', o.zone_name,
        'onAt', o.on_at)
      from public.open_shifts o where o.user_id = (select auth.uid()))
  );
end
$$;
comment on function private.duty_state() is
  'The caller''s zone (with the admin right) and open shift, for the home page.';

create or replace function private.zone_items(p_ids uuid[])
returns json
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select coalesce(json_agg(json_build_object(
      'id', z.id, 'name', z.name, 'departmentId', z.department_id, 'departmentName', d.name,
      'branchName', dp.name, 'lat', z.lat, 'lng', z.lng, 'address', z.address,
      'addressDetail', z.address_detail, 'remark', z.remark, 'geofenceM', z.geofence_m,
      'createdAt', z.created_at,
      'createdByName', private.colleague_name(z.created_by, z.company_id),
      'memberCount', (select count(*) from public.zone_members zm where zm.zone_id = z.id),
      'onDutyCount', (select count(*) from public.open_shifts o where o.zone_id = z.id),
      'myRight', case when z.company_id = (select private.my_company_id('admin'))
        then 'company_admin' else 'zone_admin' end
    ) order by z.created_at desc, z.id desc), '[]'::json)
    from public.zones z
    join public.departments d on d.id = z.department_id
    left join public.departments dp on dp.id = d.parent_id
    where z.id = any (p_ids));
end
$$;
comment on function private.zone_items(uuid[]) is
  'The Zone shape of docs/zones.md for the given zones the caller can see, newest first.';

create or replace function private.zone_members_page(
  p_zone_id uuid,
  p_search text,
  p_before_joined timestamptz,
  p_before_user uuid,
  p_limit int
)
returns json
language plpgsql
stable
set search_path = ''
as $$
declare
  v_out json;
begin
  with rows as (
    select m.*, row_number() over (order by m.joined_at desc, m.user_id desc) as n
    from public.list_zone_members(p_zone_id, p_search, p_before_joined, p_before_user,
      p_limit + 1) m
  )
  select json_build_object(
    'items', coalesce((
      select json_agg(json_build_object(
        'userId', r.user_id, 'name', r.name, 'phoneMasked', r.phone, 'isAdmin', r.is_admin,
        'onDuty', r.on_duty, 'joinedAt', r.joined_at) order by r.n)
      from rows r where r.n <= p_limit), '[]'::json),
    'nextCursor', (
      select private.page_cursor(r.joined_at::text, r.user_id) from rows r
      where r.n = p_limit and exists (select 1 from rows x where x.n > p_limit))
  ) into v_out;
  return v_out;
end
$$;
comment on function private.zone_members_page(uuid, text, timestamptz, uuid, int) is
  '巡区人员: a page of list_zone_members as the API answers it.';

create or replace function private.tip_list_json(p_tips public.tips[])
returns json
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    select coalesce(json_agg(json_build_object(
      'id', t.id, 'receiptCode', t.receipt_code, 'category', c.name,
      'summary', left(t.content, 60), 'anonymous', t.anonymous, 'status', t.status,
      'departmentName', d.name,
      'photoCount', (select count(*)::int from public.tip_photos p where p.tip_id = t.id),
      'createdAt', private.js_time(t.created_at), 'createdKey', t.created_at::text)
      order by t.created_at desc, t.id desc), '[]'::json)
    from unnest(p_tips) t
    join public.tip_categories c on c.id = t.category_id
    join public.departments d on d.id = t.department_id);
end
$$;
comment on function private.tip_list_json(public.tips[]) is
  'The rows of 我的举报 and 线索处理 as JSON (newest first), with createdKey: created_at exact, for the cursor.';
