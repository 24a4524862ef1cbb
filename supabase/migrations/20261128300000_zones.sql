-- =============================================================================
-- Patrol zones and duty (issue 8): zones (巡区) of a company with their revocable QR token,
-- zone membership (one zone per user) and the per-member zone-admin right, shifts (the open
-- one apart from the history, so time-partitioning the history later changes no API) and the
-- clock RPC that decides and acts atomically. Contract: docs/zones.md. SPEC §2.4, §3, §4.2, §4.3.
-- authenticated holds SELECT only, filtered by RLS; every write is a security definer RPC.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Types
-- -----------------------------------------------------------------------------
create type public.shift_end_reason as enum (
  'clocked_off', 'switched_zone', 'left_company', 'zone_deleted'
);
comment on type public.shift_end_reason is
  'Why a shift ended: 离岗打卡; the guard joined another zone; left the company (离职, dismissed or resigned); the zone was deleted.';

create type private.duty_plan as (
  action text,
  zone_id uuid,
  zone_name text,
  company_id uuid,
  company_name text,
  geofence_m int,
  distance_m int,
  current_zone_id uuid,
  current_zone_name text,
  is_zone_admin boolean,
  open_shift_id uuid,
  open_on_at timestamptz
);
comment on type private.duty_plan is
  'What a scan of a zone QR would do for the caller (private.duty_decide): the action and everything the dialog and the clock need.';

-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------
create table public.zones (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id),
  name text not null check (name = btrim(name) and char_length(name) between 1 and 30),
  department_id uuid not null references public.departments (id),
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  address text not null check (char_length(address) between 1 and 100),
  address_detail text not null default '' check (char_length(address_detail) <= 100),
  remark text not null default '' check (char_length(remark) <= 200),
  geofence_m int not null default 0 check (geofence_m between 0 and 5000),
  created_by uuid not null references auth_bridge.users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  deleted_by uuid references auth_bridge.users (id),
  constraint zones_deleted_complete check ((deleted_at is null) = (deleted_by is null)),
  -- the target of zone_members' composite key: a member's zone is of the member's company
  constraint zones_id_company_key unique (id, company_id)
);
comment on table public.zones is
  '巡区: a patrol zone of a company, managed by a 派出所 (or 治安大队); map point (GCJ-02, as WeChat returns it) with its address, 地址描述, remark, geofence radius in metres (0 = off). Soft-deleted: deleted_at hides it and kills its QR; its shifts stay.';

-- the name is unique among the company's live zones (zone_name_taken); a deleted name is free
create unique index zones_company_live_name_key on public.zones (company_id, name)
  where deleted_at is null;
-- the 巡区管理 list: live zones of a company, newest first (keyset on created_at, id)
create index zones_company_live_created_idx on public.zones (company_id, created_at desc, id desc)
  where deleted_at is null;
create index zones_company_id_idx on public.zones (company_id);
create index zones_department_id_idx on public.zones (department_id);

create table public.zone_codes (
  token text primary key check (token ~ '^[A-Za-z0-9_-]{22,64}$'),
  zone_id uuid not null references public.zones (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  constraint zone_codes_interval check (revoked_at is null or revoked_at >= created_at)
);
comment on table public.zone_codes is
  'Every QR token a zone ever had, with the interval it was valid in: an offline scan is judged by the code valid at its device time, so a code regenerated after the scan still counts. revoked_at null = the current code.';
create unique index zone_codes_current_key on public.zone_codes (zone_id) where revoked_at is null;
create index zone_codes_zone_id_idx on public.zone_codes (zone_id);

create table public.zone_members (
  user_id uuid primary key references auth_bridge.users (id),
  zone_id uuid not null,
  company_id uuid not null,
  membership_id uuid not null references public.memberships (id),
  is_admin boolean not null default false,
  joined_at timestamptz not null default now(),
  constraint zone_members_zone_company_fkey foreign key (zone_id, company_id)
    references public.zones (id, company_id)
);
comment on table public.zone_members is
  'A user''s zone (at most one: the primary key) in their own company, and whether they are its 巡区管理员. Leaving the zone deletes the row.';
-- the 巡区人员 list: members of a zone, newest first
create index zone_members_zone_joined_idx on public.zone_members (zone_id, joined_at desc, user_id desc);
create index zone_members_company_id_idx on public.zone_members (company_id);
create index zone_members_membership_id_idx on public.zone_members (membership_id);

create table public.open_shifts (
  id uuid not null unique default gen_random_uuid(),
  user_id uuid primary key references auth_bridge.users (id),
  zone_id uuid not null references public.zones (id),
  company_id uuid not null references public.companies (id),
  zone_name text not null,
  on_at timestamptz not null,
  on_received_at timestamptz not null default now(),
  on_late boolean generated always as (on_received_at - on_at > interval '2 minutes') stored,
  on_lat double precision check (on_lat between -90 and 90),
  on_lng double precision check (on_lng between -180 and 180),
  on_distance_m int check (on_distance_m >= 0),
  constraint open_shifts_on_location check ((on_lat is null) = (on_lng is null))
);
comment on table public.open_shifts is
  'The shift a guard is on now: one row per user at most (the primary key), so no race makes two. Clocking off moves the row, same id, into public.shifts. on_at is the device time of the scan, on_received_at the server''s; on_late marks 补录.';
create index open_shifts_zone_on_idx on public.open_shifts (zone_id, on_at desc, id desc);
create index open_shifts_company_id_idx on public.open_shifts (company_id);

create table public.shifts (
  id uuid primary key,
  user_id uuid not null references auth_bridge.users (id),
  zone_id uuid not null references public.zones (id),
  company_id uuid not null references public.companies (id),
  zone_name text not null,
  on_at timestamptz not null,
  on_received_at timestamptz not null,
  on_late boolean generated always as (on_received_at - on_at > interval '2 minutes') stored,
  on_lat double precision,
  on_lng double precision,
  on_distance_m int,
  off_at timestamptz not null,
  off_received_at timestamptz not null,
  off_late boolean generated always as (off_received_at - off_at > interval '2 minutes') stored,
  off_lat double precision,
  off_lng double precision,
  off_distance_m int,
  end_reason public.shift_end_reason not null,
  constraint shifts_order check (off_at >= on_at)
);
comment on table public.shifts is
  'Shift history (closed shifts), the fastest-growing table: keyed (…, on_at desc, id desc) for every list, so partitioning it by on_at later changes no query. zone_name is the zone''s name when the shift began (a guard keeps the names of zones they no longer see).';
-- 到岗记录 (mine): my shifts in my current company, newest first
create index shifts_user_company_on_idx on public.shifts (user_id, company_id, on_at desc, id desc);
-- 到岗记录 of a zone
create index shifts_zone_on_idx on public.shifts (zone_id, on_at desc, id desc);
create index shifts_company_on_idx on public.shifts (company_id, on_at desc);

create table private.duty_requests (
  user_id uuid not null,
  request_id uuid not null,
  result jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, request_id)
);
comment on table private.duty_requests is
  'The first result of every clock request by (user, requestId): a retried, doubled or replayed offline request returns it instead of acting again. Rows older than the offline window (12 h) may be pruned.';
create index duty_requests_created_at_idx on private.duty_requests (created_at);

-- a member's zone row names the member's own membership (company and user agree)
create unique index memberships_id_user_company_key on public.memberships (id, user_id, company_id);
alter table public.zone_members add constraint zone_members_membership_fkey
  foreign key (membership_id, user_id, company_id)
  references public.memberships (id, user_id, company_id);

-- -----------------------------------------------------------------------------
-- Grants
-- -----------------------------------------------------------------------------
revoke all on table public.zones, public.zone_codes, public.zone_members, public.open_shifts,
  public.shifts from anon, authenticated;
grant select on table public.zones, public.zone_codes, public.zone_members, public.open_shifts,
  public.shifts to authenticated;
revoke all on table private.duty_requests from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- Row level security
-- -----------------------------------------------------------------------------
alter table public.zones enable row level security;
alter table public.zone_codes enable row level security;
alter table public.zone_members enable row level security;
alter table public.open_shifts enable row level security;
alter table public.shifts enable row level security;
alter table private.duty_requests enable row level security;

-- -----------------------------------------------------------------------------
-- Helpers (defined before the triggers that call them)
-- -----------------------------------------------------------------------------
create or replace function private.distance_m(
  p_lat1 double precision, p_lng1 double precision,
  p_lat2 double precision, p_lng2 double precision
)
returns int
language sql
immutable
set search_path = ''
as $$
  -- haversine on the mean Earth radius: within 0.5 % at geofence scale, no PostGIS needed
  select case when p_lat1 is null or p_lng1 is null or p_lat2 is null or p_lng2 is null then null
    else round(2 * 6371008.8 * asin(least(1, sqrt(
      power(sin(radians(p_lat2 - p_lat1) / 2), 2)
      + cos(radians(p_lat1)) * cos(radians(p_lat2)) * power(sin(radians(p_lng2 - p_lng1) / 2), 2)
    ))))::int end;
$$;
comment on function private.distance_m(double precision, double precision, double precision, double precision) is
  'Great-circle distance in whole metres between two points (null when one is missing): the device''s distance to the zone point.';
grant execute on function private.distance_m(double precision, double precision, double precision, double precision) to authenticated;

create or replace function private.close_open_shift(
  p_user_id uuid,
  p_off_at timestamptz,
  p_lat double precision,
  p_lng double precision,
  p_distance_m int,
  p_reason public.shift_end_reason
)
returns uuid
language sql
security definer
set search_path = ''
as $$
  with moved as (
    delete from public.open_shifts o where o.user_id = p_user_id returning o.*
  )
  insert into public.shifts (
    id, user_id, zone_id, company_id, zone_name, on_at, on_received_at, on_lat, on_lng,
    on_distance_m, off_at, off_received_at, off_lat, off_lng, off_distance_m, end_reason
  )
  select m.id, m.user_id, m.zone_id, m.company_id, m.zone_name, m.on_at, m.on_received_at,
         m.on_lat, m.on_lng, m.on_distance_m, greatest(p_off_at, m.on_at), clock_timestamp(), p_lat, p_lng,
         p_distance_m, p_reason
  from moved m
  returning id;
$$;
comment on function private.close_open_shift(uuid, timestamptz, double precision, double precision, int, public.shift_end_reason) is
  'Ends the user''s open shift, if any, at p_off_at: moves it (same id) into the history with the off location and reason; returns its id or null.';
revoke all on function private.close_open_shift(uuid, timestamptz, double precision, double precision, int, public.shift_end_reason) from public;

-- -----------------------------------------------------------------------------
-- Triggers
-- -----------------------------------------------------------------------------
create or replace function private.memberships_after_leave()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- 离职 (dismiss_member, resign) ends the zone and any open shift at that moment
  perform private.close_open_shift(new.user_id, new.left_at, null, null, null, 'left_company');
  delete from public.zone_members zm where zm.user_id = new.user_id;
  return null;
end;
$$;
comment on function private.memberships_after_leave() is
  'Leaving a company (dismissed or resigned) leaves the zone, with its admin right, and closes any open shift at the leaving time.';
revoke all on function private.memberships_after_leave() from public;

create trigger memberships_after_leave
  after update of left_at on public.memberships
  for each row
  when (old.left_at is null and new.left_at is not null)
  execute function private.memberships_after_leave();

create or replace function private.zones_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.zones_before_update() is
  'Keeps zones.updated_at current.';
revoke all on function private.zones_before_update() from public;

create trigger zones_before_update
  before update on public.zones
  for each row
  execute function private.zones_before_update();

-- -----------------------------------------------------------------------------
-- Helpers for policies and RPCs
-- -----------------------------------------------------------------------------
create or replace function private.my_zone_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select zm.zone_id from public.zone_members zm where zm.user_id = (select auth.uid());
$$;
comment on function private.my_zone_id() is
  'The zone the calling user is a member of, or null.';
grant execute on function private.my_zone_id() to authenticated;

create or replace function private.my_admin_zone_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select zm.zone_id from public.zone_members zm
  where zm.user_id = (select auth.uid()) and zm.is_admin;
$$;
comment on function private.my_admin_zone_id() is
  'The zone the calling user is 巡区管理员 of, or null (a user is in one zone at most).';
grant execute on function private.my_admin_zone_id() to authenticated;

create or replace function private.officer_zone_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select z.id from public.zones z
  where z.department_id in (select private.officer_department_ids());
$$;
comment on function private.officer_zone_ids() is
  'Zones managed by the departments the calling officer covers (deleted ones too: their records stay).';
grant execute on function private.officer_zone_ids() to authenticated;

create or replace function private.manages_company_people(p_company_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_company_id is not null and (
    p_company_id = private.my_company_id('admin')
    or exists (
      select 1 from public.zone_members zm
      where zm.user_id = (select auth.uid()) and zm.is_admin and zm.company_id = p_company_id
    )
  );
$$;
comment on function private.manages_company_people(uuid) is
  'True when the caller is the admin of the company or a zone admin in it: who may see colleagues'' names and masked phones in zone lists and records.';
revoke all on function private.manages_company_people(uuid) from public;

create or replace function private.colleague_label(p_user_id uuid, p_company_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  -- 钱杰(151****3573), as the zone records show a guard; null for anyone else's caller
  select p.name || '(' || private.mask_phone(p.phone) || ')'
  from public.profiles p
  where p.user_id = p_user_id
    and private.manages_company_people(p_company_id)
    and exists (
      select 1 from public.memberships m
      where m.user_id = p_user_id and m.company_id = p_company_id
    );
$$;
comment on function private.colleague_label(uuid, uuid) is
  'Name and masked phone of a (current or former) member of a company, for that company''s admin and zone admins only (zone lists, zone records); null otherwise.';
grant execute on function private.colleague_label(uuid, uuid) to authenticated;

create or replace function private.zone_for_manager(p_zone_id uuid, p_company_admin_only boolean)
returns public.zones
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_zone public.zones;
  v_company uuid := private.my_company_id();
begin
  select z.* into v_zone from public.zones z
  where z.id = p_zone_id and z.deleted_at is null;
  -- another company's zone is not found, not forbidden: its existence is not ours to know
  if not found or v_zone.company_id is distinct from v_company then
    raise exception using errcode = 'P0001', message = 'zone_not_found',
      detail = '巡区不存在或已删除';
  end if;
  if v_zone.company_id = private.my_company_id('admin') then
    return v_zone;
  end if;
  if p_company_admin_only then
    raise exception using errcode = 'P0001', message = 'not_company_admin',
      detail = '仅单位管理员可以操作';
  end if;
  if not exists (
    select 1 from public.zone_members zm
    where zm.user_id = v_uid and zm.zone_id = p_zone_id and zm.is_admin
  ) then
    raise exception using errcode = 'P0001', message = 'not_zone_admin',
      detail = '仅本巡区管理员可以操作';
  end if;
  return v_zone;
end;
$$;
comment on function private.zone_for_manager(uuid, boolean) is
  'The live zone p_zone_id if the caller manages it (the company admin; its zone admin unless p_company_admin_only), else zone_not_found / not_company_admin / not_zone_admin.';
revoke all on function private.zone_for_manager(uuid, boolean) from public;

create or replace function private.check_zone_fields(
  p_name text,
  p_department_id uuid,
  p_lat double precision,
  p_lng double precision,
  p_address text,
  p_address_detail text,
  p_remark text,
  p_geofence_m int
)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_name is null or char_length(btrim(p_name)) not between 1 and 30 then
    raise exception using errcode = 'P0001', message = 'name_invalid',
      detail = '巡区名称应为1至30个字';
  end if;
  if not exists (
    select 1 from public.departments d
    where d.id = p_department_id and d.kind in ('station', 'brigade')
  ) then
    raise exception using errcode = 'P0001', message = 'department_invalid',
      detail = '请选择派出所作为管理部门';
  end if;
  if p_lat is null or p_lng is null or p_lat not between -90 and 90
    or p_lng not between -180 and 180 then
    raise exception using errcode = 'P0001', message = 'point_invalid',
      detail = '请选择巡区地点';
  end if;
  if p_address is null or char_length(btrim(p_address)) not between 1 and 100 then
    raise exception using errcode = 'P0001', message = 'address_invalid',
      detail = '巡区地点的地址应为1至100个字';
  end if;
  if char_length(coalesce(p_address_detail, '')) > 100 then
    raise exception using errcode = 'P0001', message = 'address_detail_too_long',
      detail = '地址描述不能超过100个字';
  end if;
  if char_length(coalesce(p_remark, '')) > 200 then
    raise exception using errcode = 'P0001', message = 'remark_too_long',
      detail = '巡区备注不能超过200个字';
  end if;
  if p_geofence_m is null or p_geofence_m not between 0 and 5000 then
    raise exception using errcode = 'P0001', message = 'geofence_invalid',
      detail = '打卡范围应为0至5000米（0为不限）';
  end if;
end;
$$;
comment on function private.check_zone_fields(text, uuid, double precision, double precision, text, text, text, int) is
  'The rules of the 添加巡区 / 编辑巡区 form, raised as stable codes before anything is written.';
revoke all on function private.check_zone_fields(text, uuid, double precision, double precision, text, text, text, int) from public;

create or replace function private.duty_decide(
  p_uid uuid,
  p_company_id uuid,
  p_token text,
  p_at timestamptz,
  p_lat double precision,
  p_lng double precision,
  p_lock boolean
)
returns private.duty_plan
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_plan private.duty_plan;
  v_zone public.zones;
  v_code public.zone_codes;
  v_member public.zone_members;
  v_open public.open_shifts;
begin
  if (p_lat is null) <> (p_lng is null) or p_lat not between -90 and 90
    or p_lng not between -180 and 180 then
    raise exception using errcode = 'P0001', message = 'location_invalid',
      detail = '定位信息无效';
  end if;
  -- the code valid at the device time: the current one, or one revoked after the scan
  select c.* into v_code from public.zone_codes c where c.token = p_token;
  if not found then
    raise exception using errcode = 'P0001', message = 'code_unknown',
      detail = '巡区二维码无效';
  end if;
  if p_lock then
    -- FOR SHARE: a concurrent delete_zone waits for this clock, or this clock sees the deletion
    select z.* into v_zone from public.zones z where z.id = v_code.zone_id for share;
  else
    select z.* into v_zone from public.zones z where z.id = v_code.zone_id;
  end if;
  if v_zone.deleted_at is not null then
    raise exception using errcode = 'P0001', message = 'zone_deleted',
      detail = '该巡区已删除，二维码已失效';
  end if;
  if v_code.revoked_at is not null and p_at >= v_code.revoked_at then
    raise exception using errcode = 'P0001', message = 'code_expired',
      detail = '巡区二维码已更新，请扫描最新的二维码';
  end if;
  if p_company_id is null then
    raise exception using errcode = 'P0001', message = 'not_in_company',
      detail = '您尚未加入单位，不能打卡';
  end if;
  if v_zone.company_id <> p_company_id then
    raise exception using errcode = 'P0001', message = 'zone_other_company',
      detail = '该巡区不属于您所在的单位';
  end if;

  v_plan.zone_id := v_zone.id;
  v_plan.zone_name := v_zone.name;
  v_plan.company_id := v_zone.company_id;
  select r.name into v_plan.company_name
  from public.companies c join public.registry_companies r on r.id = c.registry_company_id
  where c.id = v_zone.company_id;
  v_plan.geofence_m := v_zone.geofence_m;
  v_plan.distance_m := private.distance_m(p_lat, p_lng, v_zone.lat, v_zone.lng);
  if v_zone.geofence_m > 0 then
    if v_plan.distance_m is null then
      raise exception using errcode = 'P0001', message = 'location_required',
        detail = format('%s 需要定位打卡，请开启定位后重试', v_zone.name);
    end if;
    if v_plan.distance_m > v_zone.geofence_m then
      raise exception using errcode = 'P0001', message = 'out_of_range',
        detail = format('您距离%s约%s米，超出打卡范围（%s米）', v_zone.name, v_plan.distance_m,
          v_zone.geofence_m);
    end if;
  end if;

  select zm.* into v_member from public.zone_members zm where zm.user_id = p_uid;
  select o.* into v_open from public.open_shifts o where o.user_id = p_uid;
  v_plan.current_zone_id := v_member.zone_id;
  v_plan.is_zone_admin := coalesce(v_member.is_admin, false);
  if v_member.zone_id is not null then
    select z.name into v_plan.current_zone_name from public.zones z where z.id = v_member.zone_id;
  end if;
  v_plan.open_shift_id := v_open.id;
  v_plan.open_on_at := v_open.on_at;
  v_plan.action := case
    when v_member.zone_id = v_zone.id and v_open.id is not null then 'clock_off'
    when v_member.zone_id = v_zone.id then 'clock_on'
    when v_member.zone_id is null then 'join_and_clock_on'
    else 'switch_and_clock_on'
  end;
  return v_plan;
end;
$$;
comment on function private.duty_decide(uuid, uuid, text, timestamptz, double precision, double precision, boolean) is
  'The one decision of a zone scan, shared by preview_duty and clock: which zone (by the code valid at p_at), whether the caller may clock there (company, deleted zone, geofence), and the action the state implies. p_lock takes the zone row FOR SHARE for the clock.';
revoke all on function private.duty_decide(uuid, uuid, text, timestamptz, double precision, double precision, boolean) from public;

-- -----------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------
create policy "Company admins, zone members and covering officers can view zones"
  on public.zones for select
  to authenticated
  using (
    (deleted_at is null and (
      company_id = (select private.my_company_id('admin'))
      or id = (select private.my_zone_id())
    ))
    or department_id in (select private.officer_department_ids())
  );

create policy "Company admins and zone admins can view the current code of their zones"
  on public.zone_codes for select
  to authenticated
  using (
    revoked_at is null
    and (
      zone_id = (select private.my_admin_zone_id())
      or zone_id in (
        select z.id from public.zones z
        where z.company_id = (select private.my_company_id('admin')) and z.deleted_at is null
      )
    )
  );

create policy "Members, their company admin, their zone admin and covering officers can view zone members"
  on public.zone_members for select
  to authenticated
  using (
    user_id = (select auth.uid())
    or company_id = (select private.my_company_id('admin'))
    or zone_id = (select private.my_admin_zone_id())
    or zone_id in (select private.officer_zone_ids())
  );

create policy "Guards, their company admin, their zone admin and covering officers can view open shifts"
  on public.open_shifts for select
  to authenticated
  using (
    user_id = (select auth.uid())
    or company_id = (select private.my_company_id('admin'))
    or zone_id = (select private.my_admin_zone_id())
    or zone_id in (select private.officer_zone_ids())
  );

create policy "Guards, their company admin, their zone admin and covering officers can view shifts"
  on public.shifts for select
  to authenticated
  using (
    user_id = (select auth.uid())
    or company_id = (select private.my_company_id('admin'))
    or zone_id = (select private.my_admin_zone_id())
    or zone_id in (select private.officer_zone_ids())
  );

-- One list of a guard's or a zone's shifts, open and closed: a security invoker view, so the
-- policies above decide what each caller sees; the planner merges the two sides' indexes.
create view public.shift_records with (security_invoker = true) as
  select o.id, o.user_id, o.zone_id, o.company_id, o.zone_name, o.on_at, o.on_received_at,
         o.on_late, o.on_distance_m, null::timestamptz as off_at,
         null::timestamptz as off_received_at, false as off_late, null::int as off_distance_m,
         null::public.shift_end_reason as end_reason, true as open
  from public.open_shifts o
  union all
  select s.id, s.user_id, s.zone_id, s.company_id, s.zone_name, s.on_at, s.on_received_at,
         s.on_late, s.on_distance_m, s.off_at, s.off_received_at, s.off_late, s.off_distance_m,
         s.end_reason, false as open
  from public.shifts s;
comment on view public.shift_records is
  '到岗记录: open and closed shifts in one shape (open = still on duty), read under the caller''s RLS; lists key on (on_at desc, id desc).';
revoke all on public.shift_records from anon, authenticated;
grant select on public.shift_records to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: zones
-- -----------------------------------------------------------------------------
create or replace function public.create_zone(
  p_name text,
  p_department_id uuid,
  p_lat double precision,
  p_lng double precision,
  p_address text,
  p_address_detail text,
  p_remark text,
  p_geofence_m int
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_company uuid := private.my_company_id('admin');
  v_id uuid;
begin
  if v_company is null then
    raise exception using errcode = 'P0001', message = 'not_company_admin',
      detail = '仅单位管理员可以添加巡区';
  end if;
  perform private.check_zone_fields(p_name, p_department_id, p_lat, p_lng, p_address,
    p_address_detail, p_remark, p_geofence_m);
  begin
    insert into public.zones (company_id, name, department_id, lat, lng, address, address_detail,
      remark, geofence_m, created_by)
    values (v_company, btrim(p_name), p_department_id, p_lat, p_lng, btrim(p_address),
      btrim(coalesce(p_address_detail, '')), coalesce(p_remark, ''), p_geofence_m, v_uid)
    returning id into v_id;
  exception when unique_violation then
    raise exception using errcode = 'P0001', message = 'zone_name_taken',
      detail = '巡区名称已存在';
  end;
  insert into public.zone_codes (token, zone_id) values (private.random_token(), v_id);
  return v_id;
end;
$$;
comment on function public.create_zone(text, uuid, double precision, double precision, text, text, text, int) is
  '添加巡区 by the company admin: a live zone with a unique name in the company and its first QR token; returns its id.';
revoke all on function public.create_zone(text, uuid, double precision, double precision, text, text, text, int) from public, anon;
grant execute on function public.create_zone(text, uuid, double precision, double precision, text, text, text, int) to authenticated;

create or replace function public.update_zone(
  p_zone_id uuid,
  p_name text,
  p_department_id uuid,
  p_lat double precision,
  p_lng double precision,
  p_address text,
  p_address_detail text,
  p_remark text,
  p_geofence_m int
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_zone public.zones;
begin
  v_zone := private.zone_for_manager(p_zone_id, false);
  perform private.check_zone_fields(p_name, p_department_id, p_lat, p_lng, p_address,
    p_address_detail, p_remark, p_geofence_m);
  begin
    update public.zones z
    set name = btrim(p_name), department_id = p_department_id, lat = p_lat, lng = p_lng,
        address = btrim(p_address), address_detail = btrim(coalesce(p_address_detail, '')),
        remark = coalesce(p_remark, ''), geofence_m = p_geofence_m
    where z.id = v_zone.id;
  exception when unique_violation then
    raise exception using errcode = 'P0001', message = 'zone_name_taken',
      detail = '巡区名称已存在';
  end;
  -- an open shift shows the zone's present name; the history keeps the name it had
  update public.open_shifts o set zone_name = btrim(p_name)
  where o.zone_id = v_zone.id and o.zone_name <> btrim(p_name);
end;
$$;
comment on function public.update_zone(uuid, text, uuid, double precision, double precision, text, text, text, int) is
  '编辑巡区 by the company admin or the zone''s admin: every field of the form, same rules as create_zone.';
revoke all on function public.update_zone(uuid, text, uuid, double precision, double precision, text, text, text, int) from public, anon;
grant execute on function public.update_zone(uuid, text, uuid, double precision, double precision, text, text, text, int) to authenticated;

create or replace function public.delete_zone(p_zone_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_zone public.zones;
  v_user uuid;
begin
  v_zone := private.zone_for_manager(p_zone_id, true);
  -- the row lock waits for clocks holding the zone FOR SHARE; later clocks see it deleted
  update public.zones z set deleted_at = now(), deleted_by = v_uid
  where z.id = v_zone.id and z.deleted_at is null;
  update public.zone_codes c set revoked_at = now()
  where c.zone_id = v_zone.id and c.revoked_at is null;
  for v_user in select o.user_id from public.open_shifts o where o.zone_id = v_zone.id loop
    perform private.close_open_shift(v_user, now(), null, null, null, 'zone_deleted');
  end loop;
  delete from public.zone_members zm where zm.zone_id = v_zone.id;
end;
$$;
comment on function public.delete_zone(uuid) is
  '删除巡区 by the company admin: soft delete; its QR stops at once, its members leave it and their open shifts close; its records stay.';
revoke all on function public.delete_zone(uuid) from public, anon;
grant execute on function public.delete_zone(uuid) to authenticated;

create or replace function public.regenerate_zone_code(p_zone_id uuid)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_zone public.zones;
  v_token text := private.random_token();
begin
  v_zone := private.zone_for_manager(p_zone_id, false);
  perform 1 from public.zones z where z.id = v_zone.id for update;
  update public.zone_codes c set revoked_at = now()
  where c.zone_id = v_zone.id and c.revoked_at is null;
  insert into public.zone_codes (token, zone_id) values (v_token, v_zone.id);
  return v_token;
end;
$$;
comment on function public.regenerate_zone_code(uuid) is
  '重新生成巡区二维码 (company admin or zone admin): the old token is revoked now but still judges scans made before now (offline queue).';
revoke all on function public.regenerate_zone_code(uuid) from public, anon;
grant execute on function public.regenerate_zone_code(uuid) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: zone members and the zone-admin right
-- -----------------------------------------------------------------------------
create or replace function public.list_zone_members(
  p_zone_id uuid,
  p_search text,
  p_before_joined timestamptz,
  p_before_user uuid,
  p_limit int
)
returns table (
  user_id uuid,
  name text,
  phone text,
  is_admin boolean,
  on_duty boolean,
  joined_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_zone public.zones := private.zone_for_manager(p_zone_id, false);
  v_search text := nullif(btrim(p_search), '');
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
begin
  if (p_before_joined is null) <> (p_before_user is null) then
    raise exception using errcode = 'P0001', message = 'cursor_invalid',
      detail = '分页参数无效';
  end if;
  -- masked phones in this list (SPEC §7); the search still matches the full number
  return query
    select zm.user_id, p.name, private.mask_phone(p.phone), zm.is_admin,
           exists (select 1 from public.open_shifts o where o.user_id = zm.user_id), zm.joined_at
    from public.zone_members zm
    join public.profiles p on p.user_id = zm.user_id
    where zm.zone_id = v_zone.id
      and (p_before_joined is null or (zm.joined_at, zm.user_id) < (p_before_joined, p_before_user))
      and (v_search is null or strpos(p.name, v_search) > 0 or strpos(p.phone, v_search) > 0)
    order by zm.joined_at desc, zm.user_id desc
    limit v_limit;
end;
$$;
comment on function public.list_zone_members(uuid, text, timestamptz, uuid, int) is
  '巡区人员 for the company admin or the zone admin: members newest first, searched by name or phone, phones masked, keyset on (joined_at, user_id).';
revoke all on function public.list_zone_members(uuid, text, timestamptz, uuid, int) from public, anon;
grant execute on function public.list_zone_members(uuid, text, timestamptz, uuid, int) to authenticated;

create or replace function public.set_zone_admin(p_zone_id uuid, p_user_id uuid, p_admin boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_zone public.zones := private.zone_for_manager(p_zone_id, true);
begin
  if p_admin is null then
    raise exception using errcode = 'P0001', message = 'invalid_input',
      detail = '请选择设为巡区管理员或取消授权';
  end if;
  update public.zone_members zm set is_admin = p_admin
  where zm.zone_id = v_zone.id and zm.user_id = p_user_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'not_zone_member',
      detail = '该人员不是本巡区人员';
  end if;
end;
$$;
comment on function public.set_zone_admin(uuid, uuid, boolean) is
  '设为巡区管理员 / 取消授权, by the company admin only, for a member of the zone.';
revoke all on function public.set_zone_admin(uuid, uuid, boolean) from public, anon;
grant execute on function public.set_zone_admin(uuid, uuid, boolean) to authenticated;

create or replace function public.hand_over_zone(p_zone_id uuid, p_to_user_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_zone public.zones;
begin
  -- 移交 is the zone admin's own act: they give their right away
  select z.* into v_zone from public.zones z
  join public.zone_members zm on zm.zone_id = z.id and zm.user_id = v_uid and zm.is_admin
  where z.id = p_zone_id and z.deleted_at is null
  for update of zm;
  if not found then
    raise exception using errcode = 'P0001', message = 'not_zone_admin',
      detail = '仅本巡区管理员可以移交';
  end if;
  if p_to_user_id is null or p_to_user_id = v_uid then
    raise exception using errcode = 'P0001', message = 'hand_over_self',
      detail = '请选择本巡区的其他人员';
  end if;
  update public.zone_members zm set is_admin = true
  where zm.zone_id = v_zone.id and zm.user_id = p_to_user_id;
  if not found then
    raise exception using errcode = 'P0001', message = 'not_zone_member',
      detail = '该人员不是本巡区人员';
  end if;
  update public.zone_members zm set is_admin = false where zm.user_id = v_uid;
end;
$$;
comment on function public.hand_over_zone(uuid, uuid) is
  '移交: the zone admin makes another member of the zone its admin and stops being one.';
revoke all on function public.hand_over_zone(uuid, uuid) from public, anon;
grant execute on function public.hand_over_zone(uuid, uuid) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: duty (打卡)
-- -----------------------------------------------------------------------------
create or replace function public.preview_duty(
  p_token text,
  p_lat double precision,
  p_lng double precision
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_plan private.duty_plan;
begin
  v_plan := private.duty_decide(v_uid, private.my_company_id(), p_token, now(), p_lat, p_lng,
    false);
  return jsonb_build_object(
    'action', v_plan.action,
    'zone', jsonb_build_object('id', v_plan.zone_id, 'name', v_plan.zone_name),
    'company', jsonb_build_object('id', v_plan.company_id, 'name', v_plan.company_name),
    'currentZone', case when v_plan.current_zone_id is null then null
      else jsonb_build_object('id', v_plan.current_zone_id, 'name', v_plan.current_zone_name) end,
    'isZoneAdmin', v_plan.is_zone_admin,
    'onDutySince', v_plan.open_on_at,
    'distanceM', v_plan.distance_m,
    'geofenceM', v_plan.geofence_m
  );
end;
$$;
comment on function public.preview_duty(text, double precision, double precision) is
  'What confirming a zone scan would do now (clock_on, clock_off, join_and_clock_on, switch_and_clock_on), with the zone, company and current zone; or the stable refusal the clock would raise. Writes nothing.';
revoke all on function public.preview_duty(text, double precision, double precision) from public, anon;
grant execute on function public.preview_duty(text, double precision, double precision) to authenticated;

create or replace function public.clock(
  p_token text,
  p_action text,
  p_lat double precision,
  p_lng double precision,
  p_request_id uuid,
  p_device_at timestamptz
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_now timestamptz;
  v_at timestamptz;
  v_member public.memberships;
  v_plan private.duty_plan;
  v_result jsonb;
  v_last_off timestamptz;
  v_shift_id uuid;
  v_old_distance int;
  v_old_lat double precision;
  v_old_lng double precision;
  v_action text;
begin
  if p_request_id is null then
    raise exception using errcode = 'P0001', message = 'request_id_required',
      detail = '缺少请求编号';
  end if;
  if p_action is null or p_action not in ('auto', 'clock_on', 'clock_off', 'join_and_clock_on',
    'switch_and_clock_on') then
    raise exception using errcode = 'P0001', message = 'action_invalid',
      detail = '打卡操作无效';
  end if;
  -- the user's row lock serialises every clock of one user (double taps, a replayed queue)
  select m.* into v_member from public.memberships m
  where m.user_id = v_uid and m.left_at is null
  for update;
  -- a replay returns the first result, even if the state has moved on since
  select r.result || '{"replayed": true}' into v_result from private.duty_requests r
  where r.user_id = v_uid and r.request_id = p_request_id;
  if found then
    return v_result;
  end if;
  -- the time after the lock, not the transaction's start: a clock that waited for the one before
  -- it must not land before it
  v_now := clock_timestamp();
  v_at := coalesce(p_device_at, v_now);
  if v_at < v_now - interval '12 hours' then
    raise exception using errcode = 'P0001', message = 'device_time_too_old',
      detail = '该打卡记录已超过12小时，无法补录';
  end if;
  if v_at > v_now + interval '2 minutes' then
    raise exception using errcode = 'P0001', message = 'device_time_in_future',
      detail = '手机时间不正确，请校准手机时间后重试';
  end if;
  v_at := least(v_at, v_now);

  v_plan := private.duty_decide(v_uid, v_member.company_id, p_token, v_at, p_lat, p_lng, true);
  v_action := v_plan.action;
  if p_action = 'auto' then
    -- a queued offline scan acts as the state implies, but never leaves a zone unasked
    if v_action = 'switch_and_clock_on' then
      raise exception using errcode = 'P0001', message = 'confirm_required',
        detail = format('您已加入%s，需确认后才能加入%s', v_plan.current_zone_name, v_plan.zone_name);
    end if;
  elsif p_action <> v_action then
    raise exception using errcode = 'P0001', message = 'action_stale',
      detail = '打卡状态已变化，请重新扫码';
  end if;

  if v_action = 'clock_off' then
    if v_at < v_plan.open_on_at then
      raise exception using errcode = 'P0001', message = 'device_time_out_of_order',
        detail = '离岗时间早于上岗时间，请校准手机时间';
    end if;
    v_shift_id := private.close_open_shift(v_uid, v_at, p_lat, p_lng, v_plan.distance_m,
      'clocked_off');
  else
    -- queued scans keep their order: a clock-on cannot start inside an earlier shift
    select s.off_at into v_last_off from public.shifts s
    where s.user_id = v_uid and s.company_id = v_member.company_id
    order by s.on_at desc, s.id desc limit 1;
    if v_at < coalesce(greatest(v_last_off, v_plan.open_on_at), '-infinity') then
      raise exception using errcode = 'P0001', message = 'device_time_out_of_order',
        detail = '上岗时间早于上一次打卡，请校准手机时间';
    end if;
    if v_action = 'switch_and_clock_on' then
      select z.lat, z.lng into v_old_lat, v_old_lng from public.zones z
      where z.id = v_plan.current_zone_id;
      v_old_distance := private.distance_m(p_lat, p_lng, v_old_lat, v_old_lng);
      perform private.close_open_shift(v_uid, v_at, p_lat, p_lng, v_old_distance,
        'switched_zone');
      -- leaving the old zone takes its admin right with it
      delete from public.zone_members zm where zm.user_id = v_uid;
    end if;
    if v_action in ('join_and_clock_on', 'switch_and_clock_on') then
      insert into public.zone_members (user_id, zone_id, company_id, membership_id)
      values (v_uid, v_plan.zone_id, v_plan.company_id, v_member.id);
    end if;
    insert into public.open_shifts (user_id, zone_id, company_id, zone_name, on_at,
      on_received_at, on_lat, on_lng, on_distance_m)
    values (v_uid, v_plan.zone_id, v_plan.company_id, v_plan.zone_name, v_at, v_now, p_lat,
      p_lng, v_plan.distance_m)
    returning id into v_shift_id;
  end if;

  select jsonb_build_object(
    'action', v_action,
    'requestId', p_request_id,
    'replayed', false,
    'zone', jsonb_build_object('id', v_plan.zone_id, 'name', v_plan.zone_name),
    'company', jsonb_build_object('id', v_plan.company_id, 'name', v_plan.company_name),
    'shift', jsonb_build_object(
      'id', r.id, 'onAt', r.on_at, 'onReceivedAt', r.on_received_at, 'onLate', r.on_late,
      'onDistanceM', r.on_distance_m, 'offAt', r.off_at, 'offReceivedAt', r.off_received_at,
      'offLate', r.off_late, 'offDistanceM', r.off_distance_m, 'open', r.open
    )
  ) into v_result
  from public.shift_records r where r.id = v_shift_id;
  insert into private.duty_requests (user_id, request_id, result) values (v_uid, p_request_id, v_result);
  return v_result;
end;
$$;
comment on function public.clock(text, text, double precision, double precision, uuid, timestamptz) is
  '打卡: with the user''s row locked, decides (private.duty_decide) and does clock_on, clock_off, join_and_clock_on or switch_and_clock_on as confirmed (auto: what the state implies, for queued offline scans), at the device time within 12 h back / 2 min ahead; records the result under (user, request id) so a replay returns it.';
revoke all on function public.clock(text, text, double precision, double precision, uuid, timestamptz) from public, anon;
grant execute on function public.clock(text, text, double precision, double precision, uuid, timestamptz) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: the read models of the API (security invoker: RLS decides; one statement each)
-- -----------------------------------------------------------------------------
-- Each returns the whole JSON answer, nextCursor included, so the API sends it as is. A cursor
-- is base64url of the JSON array [on_at or created_at as text, id], as lib/cursor.ts makes it.

create or replace function private.page_cursor(p_key text, p_id uuid)
returns text
language sql
immutable
set search_path = ''
as $$
  select translate(encode(convert_to(json_build_array(p_key, p_id::text)::text, 'UTF8'), 'base64'),
    E'+/=\n', '-_');
$$;
comment on function private.page_cursor(text, uuid) is
  'The opaque keyset cursor of a page''s last row (base64url JSON [key, id], no padding), the same format the API''s decodeCursor reads.';
grant execute on function private.page_cursor(text, uuid) to authenticated;

grant execute on function private.zone_for_manager(uuid, boolean) to authenticated;

create or replace function private.colleague_name(p_user_id uuid, p_company_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select p.name from public.profiles p
  where p.user_id = p_user_id and private.manages_company_people(p_company_id);
$$;
comment on function private.colleague_name(uuid, uuid) is
  'The name of a zone''s creator (创建人) for the company admin and its zone admins; null otherwise.';
grant execute on function private.colleague_name(uuid, uuid) to authenticated;

create or replace function private.zone_items(p_ids uuid[])
returns json
language sql
stable
set search_path = ''
as $$
  select coalesce(json_agg(json_build_object(
    'id', z.id, 'name', z.name, 'departmentId', z.department_id, 'departmentName', d.name,
    'branchName', dp.name, 'lat', z.lat, 'lng', z.lng, 'address', z.address,
    'addressDetail', z.address_detail, 'remark', z.remark, 'geofenceM', z.geofence_m,
    'createdAt', z.created_at, 'createdByName', private.colleague_name(z.created_by, z.company_id),
    'memberCount', (select count(*) from public.zone_members zm where zm.zone_id = z.id),
    'onDutyCount', (select count(*) from public.open_shifts o where o.zone_id = z.id),
    'myRight', case when z.company_id = (select private.my_company_id('admin'))
      then 'company_admin' else 'zone_admin' end
  ) order by z.created_at desc, z.id desc), '[]'::json)
  from public.zones z
  join public.departments d on d.id = z.department_id
  left join public.departments dp on dp.id = d.parent_id
  where z.id = any (p_ids);
$$;
comment on function private.zone_items(uuid[]) is
  'The Zone shape of docs/zones.md for the given zones the caller can see, newest first.';
grant execute on function private.zone_items(uuid[]) to authenticated;

create or replace function private.zones_page(
  p_search text,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
stable
set search_path = ''
as $$
declare
  v_search text := nullif(btrim(p_search), '');
  v_ids uuid[];
  v_more boolean;
  v_last_key text;
  v_last_id uuid;
begin
  perform private.require_user();
  -- 巡区管理 lists the zones the caller manages: all of the company's for its admin, their own
  -- for a zone admin (a plain member sees their zone under RLS, but does not manage it)
  select array_agg(x.id order by x.created_at desc, x.id desc) into v_ids
  from (
    select z.id, z.created_at from public.zones z
    where z.deleted_at is null
      and (z.company_id = (select private.my_company_id('admin'))
        or z.id = (select private.my_admin_zone_id()))
      and (v_search is null or strpos(z.name, v_search) > 0)
      and (p_before_created is null or (z.created_at, z.id) < (p_before_created, p_before_id))
    order by z.created_at desc, z.id desc
    limit p_limit + 1
  ) x;
  v_more := coalesce(array_length(v_ids, 1), 0) > p_limit;
  if v_more then
    v_ids := v_ids[1:p_limit];
    select z.created_at::text, z.id into v_last_key, v_last_id
    from public.zones z where z.id = v_ids[p_limit];
  end if;
  return json_build_object(
    'items', private.zone_items(coalesce(v_ids, '{}')),
    'nextCursor', case when v_more then private.page_cursor(v_last_key, v_last_id) end
  );
end;
$$;
comment on function private.zones_page(text, timestamptz, uuid, int) is
  '巡区管理: a page of the live zones the caller manages, searched by name, newest first (keyset on created_at, id).';
grant execute on function private.zones_page(text, timestamptz, uuid, int) to authenticated;

create or replace function private.zone_detail(p_zone_id uuid)
returns json
language plpgsql
stable
set search_path = ''
as $$
declare
  v_items json;
begin
  perform private.zone_for_manager(p_zone_id, false);
  v_items := private.zone_items(array[p_zone_id]);
  return v_items -> 0;
end;
$$;
comment on function private.zone_detail(uuid) is
  'One zone in the Zone shape, for its managers (zone_not_found / not_zone_admin otherwise).';
grant execute on function private.zone_detail(uuid) to authenticated;

create or replace function private.zone_members_page(
  p_zone_id uuid,
  p_search text,
  p_before_joined timestamptz,
  p_before_user uuid,
  p_limit int
)
returns json
language sql
stable
set search_path = ''
as $$
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
  );
$$;
comment on function private.zone_members_page(uuid, text, timestamptz, uuid, int) is
  '巡区人员: a page of list_zone_members as the API answers it.';
grant execute on function private.zone_members_page(uuid, text, timestamptz, uuid, int) to authenticated;

create or replace function private.records_json(
  p_rows public.shift_records[],
  p_limit int,
  p_with_member boolean
)
returns json
language sql
stable
set search_path = ''
as $$
  select json_build_object(
    'items', coalesce((
      select json_agg(json_build_object(
        'id', r.id, 'userId', r.user_id,
        'member', case when p_with_member then private.colleague_label(r.user_id, r.company_id) end,
        'zoneId', r.zone_id, 'zoneName', r.zone_name, 'onAt', r.on_at, 'offAt', r.off_at,
        'open', r.open, 'onLate', r.on_late, 'offLate', r.off_late,
        'onReceivedAt', r.on_received_at, 'offReceivedAt', r.off_received_at,
        'endReason', r.end_reason) order by n)
      from unnest(p_rows[1:p_limit]) with ordinality as r(id, user_id, zone_id, company_id,
        zone_name, on_at, on_received_at, on_late, on_distance_m, off_at, off_received_at,
        off_late, off_distance_m, end_reason, open, n)), '[]'::json),
    'nextCursor', case when coalesce(array_length(p_rows, 1), 0) > p_limit
      then private.page_cursor(p_rows[p_limit].on_at::text, p_rows[p_limit].id) end
  );
$$;
comment on function private.records_json(public.shift_records[], int, boolean) is
  'A page of 到岗记录 as the API answers it: the first p_limit rows, and the cursor when there are more (the query fetched p_limit + 1).';
grant execute on function private.records_json(public.shift_records[], int, boolean) to authenticated;

create or replace function private.records_page(
  p_zone_id uuid,
  p_status text,
  p_before_on timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_company uuid;
  v_result json;
begin
  if p_limit is null or p_limit not between 1 and 100 then
    p_limit := 20;
  end if;
  if p_status not in ('all', 'on', 'off') then
    raise exception using errcode = 'P0001', message = 'invalid_input',
      detail = '筛选条件应为 全部、上岗 或 离岗';
  end if;
  if p_zone_id is not null then
    -- a zone's records: its managers only; RLS on the shifts says the same again
    perform private.zone_for_manager(p_zone_id, false);
  else
    -- my records: in my current company (SPEC §4.3)
    v_company := private.my_company_id();
    if v_company is null then
      return json_build_object('items', '[]'::json, 'nextCursor', null);
    end if;
  end if;
  -- two statements, not one with an OR: each must use its own index, (zone_id, on_at desc, id
  -- desc) or (user_id, company_id, on_at desc, id desc), on both sides of the view
  if p_zone_id is not null then
    select private.records_json(array_agg(x.r order by (x.r).on_at desc, (x.r).id desc), p_limit,
      true)
    into v_result
    from (
      select r from public.shift_records r
      where r.zone_id = p_zone_id
        and (p_status = 'all' or r.open = (p_status = 'on'))
        and (p_before_on is null or (r.on_at, r.id) < (p_before_on, p_before_id))
      order by r.on_at desc, r.id desc
      limit p_limit + 1
    ) x;
  else
    select private.records_json(array_agg(x.r order by (x.r).on_at desc, (x.r).id desc), p_limit,
      false)
    into v_result
    from (
      select r from public.shift_records r
      where r.user_id = v_uid and r.company_id = v_company
        and (p_status = 'all' or r.open = (p_status = 'on'))
        and (p_before_on is null or (r.on_at, r.id) < (p_before_on, p_before_id))
      order by r.on_at desc, r.id desc
      limit p_limit + 1
    ) x;
  end if;
  return v_result;
end;
$$;
comment on function private.records_page(uuid, text, timestamptz, uuid, int) is
  '到岗记录: a page of a zone''s shifts (p_zone_id, for its managers) or of the caller''s own in their current company (p_zone_id null), filtered all / on (open) / off (closed), newest clock-on first, under RLS.';
grant execute on function private.records_page(uuid, text, timestamptz, uuid, int) to authenticated;

create or replace function private.duty_state()
returns json
language sql
stable
set search_path = ''
as $$
  select json_build_object(
    'zone', (
      select json_build_object('id', z.id, 'name', z.name, 'isAdmin', zm.is_admin)
      from public.zone_members zm join public.zones z on z.id = zm.zone_id
      where zm.user_id = (select auth.uid())),
    'openShift', (
      select json_build_object('id', o.id, 'zoneId', o.zone_id, 'zoneName', o.zone_name,
        'onAt', o.on_at)
      from public.open_shifts o where o.user_id = (select auth.uid()))
  );
$$;
comment on function private.duty_state() is
  'The caller''s zone (with the admin right) and open shift, for the home page.';
grant execute on function private.duty_state() to authenticated;
