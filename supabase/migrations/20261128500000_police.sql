-- =============================================================================
-- Police side (issue 10, SPEC §6): the append-only audit log, and the `police` schema of
-- views that Supabase Studio's table and SQL editors read.
--
-- Audit log: generic AFTER triggers on the tables the admin and police actions change
-- (companies, memberships, company_codes, zones, zone_codes, zone_members, tips, the tip
-- blacklist), not calls inside the RPCs, so an action added later through the same tables is
-- audited too. A row names who (auth.uid()), when, what, the scope (departments and company)
-- and the row before and after, with secrets and personal data taken out (QR tokens, ID
-- numbers, face paths, and the blacklisted reporter). Nobody may change or remove a row: no
-- grant but SELECT, and a trigger that raises for every role, the owner included.
--
-- Views: every one is security_invoker, so the reader's RLS decides what it shows: an officer
-- (role authenticated with their JWT, or Studio's role impersonation of their user) sees the
-- departments they cover; the owner (postgres, Studio's default) sees everything. A signed-in
-- user who is not an officer sees no row at all, even where the policies would show them their
-- own company or tip: these are police views. No view reads private.tip_reporters, and the
-- tip views carry no reporter: an anonymous tip's reporter is never visible here.
-- =============================================================================

create schema if not exists police;
comment on schema police is
  'Studio dashboards of the police: security invoker views scoped by the reader''s RLS (see docs/police-studio.md).';
revoke all on schema police from public;
grant usage on schema police to authenticated;

-- -----------------------------------------------------------------------------
-- Audit log: table
-- -----------------------------------------------------------------------------
create table private.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  -- the signed-in user who acted (auth.uid()); null when the owner changed data by hand
  actor_id uuid,
  -- the database role the statement ran as: authenticated (a user), postgres (by hand), ...
  actor_role text not null,
  action text not null,
  table_name text not null,
  row_id text not null,
  company_id uuid,
  -- who may read the row: the officers covering any of these departments
  department_ids uuid[] not null default '{}',
  before jsonb,
  after jsonb
);
comment on table private.audit_log is
  'Append-only record of every admin and police action (申报, 审核, 辞退, 巡区, 管理员, 二维码, 线索处理, 拉黑): who, when, what, before and after. Written only by private.audit_row(); UPDATE, DELETE and TRUNCATE raise for every role.';
create index audit_log_at_idx on private.audit_log (at desc, id desc);
create index audit_log_department_ids_idx on private.audit_log using gin (department_ids);
create index audit_log_company_idx on private.audit_log (company_id, at desc);

revoke all on table private.audit_log from public, anon, authenticated, auth_bridge;
grant select on table private.audit_log to authenticated;
alter table private.audit_log enable row level security;

create or replace function private.officer_department_array()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(d), '{}') from private.officer_department_ids() d;
$$;
comment on function private.officer_department_array() is
  'private.officer_department_ids() as one array, for the overlap test of the audit log policy.';
revoke all on function private.officer_department_array() from public;
grant execute on function private.officer_department_array() to authenticated;

create policy "Officers can view the audit rows of the departments they cover"
  on private.audit_log for select
  to authenticated
  using (department_ids && (select private.officer_department_array()));

create or replace function private.audit_log_immutable()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = 'audit_log_append_only',
    detail = '审计日志只能追加，不能修改或删除';
end;
$$;
revoke all on function private.audit_log_immutable() from public;

create trigger audit_log_no_update_or_delete
  before update or delete on private.audit_log
  for each row execute function private.audit_log_immutable();
create trigger audit_log_no_truncate
  before truncate on private.audit_log
  for each statement execute function private.audit_log_immutable();

-- -----------------------------------------------------------------------------
-- Audit log: the trigger on the audited tables
-- -----------------------------------------------------------------------------
create or replace function private.audit_redact(p_row jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  -- QR tokens are credentials; ID numbers and face photos are personal data no log needs
  select p_row - array['token', 'review_token', 'id_number', 'face_path', 'reporter_id'];
$$;
revoke all on function private.audit_redact(jsonb) from public;

create or replace function private.audit_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_actor uuid := auth.uid();
  v_action text;
  v_company uuid;
  v_depts uuid[] := '{}';
begin
  case tg_table_name
  when 'companies' then
    v_company := (v_row ->> 'id')::uuid;
    v_depts := array[(v_row ->> 'department_id')::uuid, (v_old ->> 'department_id')::uuid];
    v_action := case
      when tg_op = 'INSERT' then 'company.declare'
      when v_old ->> 'status' = 'pending' and v_new ->> 'status' = 'approved' then 'company.approve'
      when v_old ->> 'status' = 'pending' and v_new ->> 'status' = 'rejected' then 'company.reject'
      else 'company.' || lower(tg_op) end;
  when 'memberships' then
    v_company := (v_row ->> 'company_id')::uuid;
    v_action := case
      -- a guard joining or resigning is their own act, not an admin's or officer's
      when tg_op = 'INSERT' and v_new ->> 'role' = 'admin' then 'membership.admin_set'
      when tg_op = 'INSERT' then null
      when v_old ->> 'left_at' is null and v_new ->> 'left_reason' = 'dismissed'
        then 'membership.dismiss'
      when v_old ->> 'left_at' is null and v_new ->> 'left_reason' = 'resigned' then null
      when v_old ->> 'role' is distinct from v_new ->> 'role' then
        case when v_new ->> 'role' = 'admin' then 'membership.admin_set'
             else 'membership.admin_revoke' end
      -- anything else a user does to their own membership is theirs; to another's, logged
      when v_actor is distinct from (v_row ->> 'user_id')::uuid then 'membership.' || lower(tg_op)
      end;
  when 'company_codes' then
    v_company := (v_row ->> 'company_id')::uuid;
    -- the first code comes with the approval, audited there
    v_action := case when tg_op = 'UPDATE' then 'company.qr_regenerate' end;
  when 'zones' then
    v_company := (v_row ->> 'company_id')::uuid;
    v_depts := array[(v_row ->> 'department_id')::uuid, (v_old ->> 'department_id')::uuid];
    v_action := case
      when tg_op = 'INSERT' then 'zone.create'
      when v_old ->> 'deleted_at' is null and v_new ->> 'deleted_at' is not null then 'zone.delete'
      else 'zone.' || lower(tg_op) end;
  when 'zone_codes' then
    -- a new code for a zone that had one is a regeneration; the first comes with zone.create,
    -- and the revocation of the old one is half of the same act
    if tg_op = 'INSERT' and exists (
      select 1 from public.zone_codes c
      where c.zone_id = (v_row ->> 'zone_id')::uuid and c.revoked_at is not null
    ) and exists (
      select 1 from public.zones z where z.id = (v_row ->> 'zone_id')::uuid and z.deleted_at is null
    ) then
      v_action := 'zone.qr_regenerate';
    end if;
  when 'zone_members' then
    -- joining and leaving a zone are the guard's own acts; admin set/revoke/hand-over are not
    if tg_op = 'UPDATE' and (v_old ->> 'is_admin') is distinct from (v_new ->> 'is_admin') then
      v_action := case when (v_new ->> 'is_admin')::boolean then 'zone.admin_set'
                       else 'zone.admin_revoke' end;
    end if;
  when 'tips' then
    v_depts := array[(v_row ->> 'department_id')::uuid, (v_old ->> 'department_id')::uuid];
    if tg_op = 'DELETE' then
      v_action := 'tip.delete';
    elsif tg_op = 'UPDATE' then
      v_action := case
        when v_old ->> 'department_id' is distinct from v_new ->> 'department_id' then 'tip.reassign'
        when v_old ->> 'status' is distinct from v_new ->> 'status' then 'tip.' || (v_new ->> 'status')
      end;
    end if;
    -- only officers and supervisors act on a tip; anyone else (its reporter) stays unnamed
    if not exists (select 1 from public.police_officers po where po.user_id = v_actor)
      and not exists (select 1 from public.platform_supervisors s where s.user_id = v_actor) then
      v_actor := null;
    end if;
  when 'tip_blacklist' then
    v_action := 'tip.blacklist';
    -- the blacklisted user is the reporter: never in the log (and no officer sees these rows)
    v_old := v_old - 'user_id';
    v_new := v_new - 'user_id';
    v_row := coalesce(v_new, v_old);  -- so the row is named by its tip, not by its user
  else
    v_action := tg_table_name || '.' || lower(tg_op);
  end case;

  if v_action is null then
    return null;
  end if;

  -- the zone tables are seen by the zone's station and by the company's department
  if tg_table_name in ('zones', 'zone_codes', 'zone_members') then
    select z.company_id, array_append(v_depts, z.department_id)
      into v_company, v_depts
    from public.zones z where z.id = coalesce((v_row ->> 'zone_id')::uuid, (v_row ->> 'id')::uuid);
  end if;
  if v_company is not null then
    v_depts := array_append(v_depts,
      (select c.department_id from public.companies c where c.id = v_company));
  end if;

  insert into private.audit_log (actor_id, actor_role, action, table_name, row_id, company_id,
    department_ids, before, after)
  values (
    v_actor,
    coalesce(nullif(current_setting('role', true), 'none'), session_user),
    v_action,
    tg_table_schema || '.' || tg_table_name,
    coalesce(v_row ->> 'id', v_row ->> 'user_id', v_row ->> 'zone_id', v_row ->> 'company_id',
      v_row ->> 'tip_id', ''),
    v_company,
    coalesce((select array_agg(distinct d) from unnest(v_depts) d where d is not null), '{}'),
    private.audit_redact(v_old),
    private.audit_redact(v_new)
  );
  return null;
end;
$$;
comment on function private.audit_row() is
  'AFTER trigger of every audited table: names the action, finds its scope, redacts the row and appends it to private.audit_log. Actions that are a user''s own (joining, resigning, entering a zone) are not logged.';
revoke all on function private.audit_row() from public;

create trigger audit_companies after insert or update or delete on public.companies
  for each row execute function private.audit_row();
create trigger audit_memberships after insert or update or delete on public.memberships
  for each row execute function private.audit_row();
create trigger audit_company_codes after insert or update or delete on public.company_codes
  for each row execute function private.audit_row();
create trigger audit_zones after insert or update or delete on public.zones
  for each row execute function private.audit_row();
create trigger audit_zone_codes after insert on public.zone_codes
  for each row execute function private.audit_row();
create trigger audit_zone_members after update on public.zone_members
  for each row execute function private.audit_row();
create trigger audit_tips after update or delete on public.tips
  for each row execute function private.audit_row();
create trigger audit_tip_blacklist after insert or update on private.tip_blacklist
  for each row execute function private.audit_row();

-- -----------------------------------------------------------------------------
-- Helpers of the views
-- -----------------------------------------------------------------------------
create or replace function private.is_police_reader()
returns boolean
language sql
stable
set search_path = ''
as $$
  -- not security definer: current_user is the reader. The owner and the service role read
  -- everything (Studio); a signed-in user only when they are an officer.
  select current_user not in ('authenticated', 'anon')
    or exists (select 1 from private.officer_department_ids());
$$;
comment on function private.is_police_reader() is
  'True for an officer and for the owner (Studio); false for any other signed-in user, so the police views show them nothing.';
revoke all on function private.is_police_reader() from public;
grant execute on function private.is_police_reader() to authenticated;

create or replace function private.officer_person_label(p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  -- 钱杰(151****3573): a declarant or (former) member of a company the calling officer
  -- covers, or an officer of a department they cover. Never reads who sent a tip.
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
    );
$$;
comment on function private.officer_person_label(uuid) is
  'Name and masked phone of a person the calling officer supervises (company people, officers below them); null otherwise. Never an ID number.';
revoke all on function private.officer_person_label(uuid) from public;
grant execute on function private.officer_person_label(uuid) to authenticated;

create or replace function private.person_label(p_user_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  -- not security definer: the owner reads profiles itself; an officer through the helper
  select coalesce(
    (select p.name || '(' || private.mask_phone(p.phone) || ')'
     from public.profiles p where p.user_id = p_user_id),
    private.officer_person_label(p_user_id));
$$;
comment on function private.person_label(uuid) is
  'Name and masked phone as the reader may see it: the owner sees every profile, an officer the people they supervise (private.officer_person_label).';
revoke all on function private.person_label(uuid) from public;
grant execute on function private.person_label(uuid) to authenticated;

create or replace function private.department_path(p_department_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  -- 新北分局 安家派出所, as the forms show a department
  select coalesce(dp.name || ' ', '') || d.name
  from public.departments d left join public.departments dp on dp.id = d.parent_id
  where d.id = p_department_id;
$$;
revoke all on function private.department_path(uuid) from public;
grant execute on function private.department_path(uuid) to authenticated;

-- -----------------------------------------------------------------------------
-- Views
-- -----------------------------------------------------------------------------
create view police.pending_declarations with (security_invoker = true) as
  select c.id, r.name as company_name, r.credit_code, c.department_id,
         private.department_path(c.department_id) as department, c.address, c.contact_phone,
         private.person_label(c.declarant_id) as declarant, c.created_at
  from public.companies c
  join public.registry_companies r on r.id = c.registry_company_id
  where c.status = 'pending' and (select private.is_police_reader());
comment on view police.pending_declarations is '待审核申报: declarations waiting for review, oldest first by created_at.';

create view police.companies with (security_invoker = true) as
  select c.id, r.name as company_name, r.credit_code, c.status, c.department_id,
         private.department_path(c.department_id) as department, c.address, c.contact_phone,
         (select private.person_label(m.user_id) from public.memberships m
          where m.company_id = c.id and m.role = 'admin' and m.left_at is null limit 1) as admin,
         (select count(*) from public.memberships m
          where m.company_id = c.id and m.left_at is null)::int as staff,
         (select count(*) from public.memberships m
          where m.company_id = c.id and m.left_at is null and m.has_guard_certificate)::int
           as certified_staff,
         (select count(*) from public.zones z
          where z.company_id = c.id and z.deleted_at is null)::int as zones,
         (select count(*) from public.open_shifts o where o.company_id = c.id)::int as on_duty_now,
         c.created_at, c.reviewed_at
  from public.companies c
  join public.registry_companies r on r.id = c.registry_company_id
  where (select private.is_police_reader());
comment on view police.companies is '单位: every declaration and company in scope with its admin, staff (在职), zone and on-duty counts.';

create view police.zones with (security_invoker = true) as
  select z.id, z.name, z.company_id, r.name as company_name, z.department_id,
         private.department_path(z.department_id) as department, z.lat, z.lng, z.address,
         z.address_detail, z.geofence_m,
         (select count(*) from public.zone_members zm where zm.zone_id = z.id)::int as members,
         (select count(*) from public.open_shifts o where o.zone_id = z.id)::int as on_duty_now,
         z.created_at, z.deleted_at
  from public.zones z
  left join public.companies c on c.id = z.company_id
  left join public.registry_companies r on r.id = c.registry_company_id
  where (select private.is_police_reader());
comment on view police.zones is '巡区: zones with coordinates (GCJ-02), members and on-duty counts; deleted ones keep deleted_at.';

create view police.on_duty_now with (security_invoker = true) as
  select o.id as shift_id, o.user_id, private.person_label(o.user_id) as guard, o.company_id,
         r.name as company_name, o.zone_id, o.zone_name, z.department_id,
         private.department_path(z.department_id) as department, z.lat, z.lng, o.on_at,
         round((extract(epoch from now() - o.on_at) / 3600)::numeric, 2) as hours_so_far,
         o.on_late
  from public.open_shifts o
  join public.zones z on z.id = o.zone_id
  left join public.companies c on c.id = o.company_id
  left join public.registry_companies r on r.id = c.registry_company_id
  where (select private.is_police_reader());
comment on view police.on_duty_now is '在岗: guards on duty now, in which zone, since when.';

create view police.attendance_daily with (security_invoker = true) as
  with s as (
    select s.company_id, s.user_id, s.on_at, s.off_at from public.shifts s
    union all
    select o.company_id, o.user_id, o.on_at, now() from public.open_shifts o
  ),
  per_day as (
    -- a shift over midnight counts in each day it touches, with the hours of that day
    select s.company_id, s.user_id, d.day,
           extract(epoch from
             least(s.off_at, ((d.day + 1)::timestamp at time zone 'Asia/Shanghai'))
             - greatest(s.on_at, (d.day::timestamp at time zone 'Asia/Shanghai'))) as seconds
    from s
    cross join lateral (
      select g::date as day
      from generate_series((s.on_at at time zone 'Asia/Shanghai')::date,
                           (s.off_at at time zone 'Asia/Shanghai')::date, interval '1 day') g
    ) d
  )
  select p.company_id, r.name as company_name, p.day, count(distinct p.user_id)::int as guards,
         count(*)::int as shifts, round((sum(p.seconds) / 3600)::numeric, 2) as hours
  from per_day p
  left join public.companies c on c.id = p.company_id
  left join public.registry_companies r on r.id = c.registry_company_id
  where (select private.is_police_reader())
  group by p.company_id, r.name, p.day;
comment on view police.attendance_daily is '考勤: per company per day (Asia/Shanghai): guards on duty, shifts, hours on duty (open shifts count until now).';

create view police.tips with (security_invoker = true) as
  -- no reporter here, on purpose: public.tip_reporter() answers for named tips only
  select t.id, t.receipt_code, t.category_id, k.name as category, t.status, t.department_id,
         private.department_path(t.department_id) as department, t.content, t.place,
         t.latitude, t.longitude, t.anonymous,
         (select count(*) from public.tip_photos ph where ph.tip_id = t.id)::int as photos,
         t.created_at, t.accepted_at, t.finished_at
  from public.tips t
  join public.tip_categories k on k.id = t.category_id
  where (select private.is_police_reader())
    -- an officer's own tips (as a reporter) and a supervisor's reach stay out of their view
    and (current_user <> 'authenticated'
         or t.department_id in (select private.officer_department_ids()));
comment on view police.tips is '线索: tips of the departments in scope, without their reporters.';

create view police.tips_summary with (security_invoker = true) as
  select t.category, t.status, t.department_id, t.department, count(*)::int as tips
  from police.tips t
  group by t.category, t.status, t.department_id, t.department;
comment on view police.tips_summary is '线索统计: tips by category, status and department.';

create view police.audit_log with (security_invoker = true) as
  select a.id, a.at, a.actor_id, private.person_label(a.actor_id) as actor, a.actor_role,
         a.action,
         case a.action
           when 'company.declare' then '申报单位'
           when 'company.approve' then '审核通过'
           when 'company.reject' then '驳回申报'
           when 'company.qr_regenerate' then '更新单位码'
           when 'membership.dismiss' then '辞退'
           when 'membership.admin_set' then '设为单位管理员'
           when 'membership.admin_revoke' then '取消单位管理员'
           when 'zone.create' then '新建巡区'
           when 'zone.update' then '编辑巡区'
           when 'zone.delete' then '删除巡区'
           when 'zone.qr_regenerate' then '更新巡区码'
           when 'zone.admin_set' then '设为巡区管理员'
           when 'zone.admin_revoke' then '取消巡区管理员'
           when 'tip.accepted' then '受理线索'
           when 'tip.closed' then '办结线索'
           when 'tip.refused' then '不予受理'
           when 'tip.reassign' then '转派线索'
           when 'tip.blacklist' then '拉黑举报人'
           else a.action
         end as action_label,
         a.table_name, a.row_id, a.company_id, a.department_ids, a.before, a.after
  from private.audit_log a
  where (select private.is_police_reader());
comment on view police.audit_log is '审计日志: every admin and police action in scope, newest first by at.';

revoke all on all tables in schema police from public, anon, authenticated;
grant select on all tables in schema police to authenticated;
