-- =============================================================================
-- Companies: the registry one declares from, declarations reviewed by police (the
-- declaration row becomes the company once approved), police officers and their
-- department scope, memberships (one active company per user) and the 单位码 token.
-- Contract: docs/companies.md. Every transition that crosses a trust boundary is a
-- security definer RPC below; authenticated holds SELECT only, filtered by RLS.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Types
-- -----------------------------------------------------------------------------
create type public.company_status as enum ('pending', 'approved', 'rejected');
comment on type public.company_status is
  'A declaration''s review state: 待审核 / 已通过 / 已驳回.';

create type public.membership_role as enum ('admin', 'member');
comment on type public.membership_role is
  'admin: 单位管理员 (the approved declarant); member: 普通工作人员 who joined by the 单位码.';

-- -----------------------------------------------------------------------------
-- Helpers needed by the tables' constraints
-- -----------------------------------------------------------------------------
create or replace function private.is_valid_credit_code(p_code text)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  -- GB 32100-2015: 31 code characters (no I, O, S, V, Z), weights 3^(i-1) mod 31
  chars constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
  weights constant int[] := array[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  total int := 0;
begin
  if p_code is null or p_code !~ '^[0-9A-HJ-NPQRTUWXY]{18}$' then
    return false;
  end if;
  for i in 1..17 loop
    total := total + (strpos(chars, substr(p_code, i, 1)) - 1) * weights[i];
  end loop;
  return substr(chars, (31 - total % 31) % 31 + 1, 1) = substr(p_code, 18, 1);
end;
$$;
comment on function private.is_valid_credit_code(text) is
  'True for an 18-character 统一社会信用代码 whose last character is the GB 32100 check character of the first 17.';
grant execute on function private.is_valid_credit_code(text) to authenticated;

create or replace function private.random_token()
returns text
language sql
volatile
set search_path = ''
as $$
  -- 24 random bytes = 192 bits, base64url without padding (32 characters): QR-safe
  select translate(encode(extensions.gen_random_bytes(24), 'base64'), '+/', '-_');
$$;
comment on function private.random_token() is
  'A fresh unguessable token for the review QR and the 单位码 (192 bits, base64url).';
revoke all on function private.random_token() from public;

-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------
create table public.registry_companies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 2 and 100),
  credit_code text not null unique check (private.is_valid_credit_code(credit_code))
);
comment on table public.registry_companies is
  'The company registry a declarant picks from (单位列表): name and 统一社会信用代码. Rows come from supabase/seed.sql.';
create index registry_companies_name_idx on public.registry_companies (name);

create table public.companies (
  id uuid primary key default gen_random_uuid(),
  registry_company_id uuid not null references public.registry_companies (id),
  declarant_id uuid not null references auth_bridge.users (id),
  department_id uuid not null references public.departments (id),
  address text not null check (char_length(address) between 2 and 100),
  contact_phone text not null check (contact_phone ~ '^1[3-9][0-9]{9}$'),
  industry text not null default '保安服务企业' check (industry = '保安服务企业'),
  status public.company_status not null default 'pending',
  review_token text not null unique check (review_token ~ '^[A-Za-z0-9_-]{22,64}$'),
  reviewed_by uuid references auth_bridge.users (id),
  reviewed_at timestamptz,
  reject_reason text check (reject_reason is null or char_length(reject_reason) between 1 and 200),
  created_at timestamptz not null default now(),
  -- a review sets reviewer and time together; only a rejection carries a reason
  constraint companies_review_complete check (
    (status = 'pending') = (reviewed_at is null)
    and (reviewed_at is null) = (reviewed_by is null)
    and (status = 'rejected') = (reject_reason is not null)
  )
);
comment on table public.companies is
  'A declaration (申报) of a registry company by a verified user; once police approve it, the company itself. A rejected declaration stays as history; declaring again makes a new row.';

-- a registry company has at most one pending or approved declaration (company_already_declared)
create unique index companies_registry_company_active_key on public.companies (registry_company_id)
  where status in ('pending', 'approved');
-- a user has at most one pending declaration of their own (declaration_pending)
create unique index companies_declarant_pending_key on public.companies (declarant_id)
  where status = 'pending';
create index companies_registry_company_id_idx on public.companies (registry_company_id);
create index companies_declarant_id_idx on public.companies (declarant_id);
create index companies_department_id_idx on public.companies (department_id);

create table public.police_officers (
  user_id uuid primary key references auth_bridge.users (id) on delete cascade,
  department_id uuid not null references public.departments (id),
  created_at timestamptz not null default now()
);
comment on table public.police_officers is
  'Officers (民警) and their department; an officer reviews what belongs to their department or any department below it. Rows are provisioned by administrators, never by users.';
create index police_officers_department_id_idx on public.police_officers (department_id);

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id),
  user_id uuid not null references auth_bridge.users (id),
  role public.membership_role not null default 'member',
  has_guard_certificate boolean not null default false,
  joined_at timestamptz not null default now(),
  entry_date date not null default (now() at time zone 'Asia/Shanghai')::date,
  left_at timestamptz,
  left_reason text check (left_reason in ('resigned', 'dismissed')),
  constraint memberships_left_complete check ((left_at is null) = (left_reason is null))
);
comment on table public.memberships is
  'A user''s employment at a company; active while left_at is null. Ended rows are kept as history.';

-- one active company per user; the unique index makes concurrent joins safe (already_in_company)
create unique index memberships_one_active_per_user_key on public.memberships (user_id)
  where left_at is null;
create index memberships_user_id_idx on public.memberships (user_id);
-- the staff list: active members of a company, newest first (keyset on joined_at, id)
create index memberships_company_active_idx on public.memberships (company_id, joined_at desc, id desc)
  where left_at is null;
create index memberships_company_id_idx on public.memberships (company_id);

create table public.company_codes (
  company_id uuid primary key references public.companies (id),
  token text not null unique check (token ~ '^[A-Za-z0-9_-]{22,64}$'),
  created_at timestamptz not null default now()
);
comment on table public.company_codes is
  'The current 单位码 token of an approved company. Regenerating overwrites it, so the old token stops working at once.';

-- -----------------------------------------------------------------------------
-- Grants
-- -----------------------------------------------------------------------------
-- Supabase's default privileges grant everything on new public tables: take it back and
-- leave SELECT only. Every write goes through the RPCs below.
revoke all on table public.registry_companies, public.companies, public.police_officers,
  public.memberships, public.company_codes from anon, authenticated;
grant select on table public.registry_companies, public.companies, public.police_officers,
  public.memberships, public.company_codes to authenticated;

-- -----------------------------------------------------------------------------
-- Row level security
-- -----------------------------------------------------------------------------
alter table public.registry_companies enable row level security;
alter table public.companies enable row level security;
alter table public.police_officers enable row level security;
alter table public.memberships enable row level security;
alter table public.company_codes enable row level security;

-- -----------------------------------------------------------------------------
-- Helpers for policies and RPCs
-- -----------------------------------------------------------------------------
-- The policies of companies and memberships refer to each other; these security definer
-- helpers answer for the calling user only and read the tables without RLS, so the
-- policies neither recurse nor run a subquery per row.

create or replace function private.department_covers(p_officer_department uuid, p_department uuid)
returns boolean
language sql
stable
set search_path = ''
as $$
  with recursive up as (
    select d.id, d.parent_id from public.departments d where d.id = p_department
    union all
    select d.id, d.parent_id from public.departments d join up on d.id = up.parent_id
  )
  select p_officer_department is not null
    and exists (select 1 from up where up.id = p_officer_department);
$$;
comment on function private.department_covers(uuid, uuid) is
  'True when the officer''s department is p_department or one of its ancestors (a 分局 covers its 派出所 and 治安大队; the city bureau covers all).';
grant execute on function private.department_covers(uuid, uuid) to authenticated;

create or replace function private.officer_department_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  with recursive down as (
    select po.department_id as id
    from public.police_officers po
    where po.user_id = (select auth.uid())
    union all
    select d.id from public.departments d join down on d.parent_id = down.id
  )
  select id from down;
$$;
comment on function private.officer_department_ids() is
  'The departments the calling officer covers: their own and every one below it; none for a non-officer.';
grant execute on function private.officer_department_ids() to authenticated;

create or replace function private.officer_company_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.id from public.companies c
  where c.department_id in (select private.officer_department_ids());
$$;
comment on function private.officer_company_ids() is
  'Companies (declarations) of the departments the calling officer covers.';
grant execute on function private.officer_company_ids() to authenticated;

create or replace function private.active_company_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.company_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.left_at is null;
$$;
comment on function private.active_company_id() is
  'The company the calling user is an active member of, or null.';
grant execute on function private.active_company_id() to authenticated;

create or replace function private.admin_company_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.company_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.left_at is null and m.role = 'admin';
$$;
comment on function private.admin_company_id() is
  'The company the calling user is the active admin of, or null.';
grant execute on function private.admin_company_id() to authenticated;

create or replace function private.require_verified_user()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    raise exception using errcode = 'P0001', message = 'not_authenticated',
      detail = '请先登录';
  end if;
  if not exists (
    select 1 from public.profiles p where p.user_id = v_uid and p.verified_at is not null
  ) then
    raise exception using errcode = 'P0001', message = 'identity_unverified',
      detail = '请先完成身份认证';
  end if;
  return v_uid;
end;
$$;
comment on function private.require_verified_user() is
  'The calling user''s id; not_authenticated or identity_unverified otherwise. Called only by the security definer RPCs.';
revoke all on function private.require_verified_user() from public;

-- What an officer sees of a declaration, by a scan or from the list: one projection for both,
-- read only by the security definer functions below (private is not exposed; no grants).
create view private.declaration_details as
  select c.id, c.review_token, c.department_id, r.name as company_name, r.credit_code,
         -- 分局 and 派出所 together, as the form shows them: 新北分局 安家派出所
         coalesce(dp.name || ' ', '') || d.name as department_name,
         c.address, c.contact_phone, p.name as declarant_name, c.status, c.created_at
  from public.companies c
  join public.registry_companies r on r.id = c.registry_company_id
  join public.departments d on d.id = c.department_id
  left join public.departments dp on dp.id = d.parent_id
  left join public.profiles p on p.user_id = c.declarant_id;
comment on view private.declaration_details is
  'A declaration as police review it: company, department path, declarant name (never the ID number).';
revoke all on private.declaration_details from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------
create policy "Signed-in users can view the company registry"
  on public.registry_companies for select
  to authenticated
  using (true);

create policy "Declarants, members and covering officers can view a company"
  on public.companies for select
  to authenticated
  using (
    declarant_id = (select auth.uid())
    or (status = 'approved' and id = (select private.active_company_id()))
    or department_id in (select private.officer_department_ids())
  );

create policy "Officers can view their own officer row"
  on public.police_officers for select
  to authenticated
  using (user_id = (select auth.uid()));

create policy "Users, their company admin and covering officers can view memberships"
  on public.memberships for select
  to authenticated
  using (
    user_id = (select auth.uid())
    or company_id = (select private.admin_company_id())
    or company_id in (select private.officer_company_ids())
  );

create policy "Company admins can view their company code"
  on public.company_codes for select
  to authenticated
  using (company_id = (select private.admin_company_id()));

-- -----------------------------------------------------------------------------
-- RPCs: declaration and review
-- -----------------------------------------------------------------------------
create or replace function public.declare_company(
  p_registry_company_id uuid,
  p_department_id uuid,
  p_address text,
  p_contact_phone text
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_verified_user();
  v_address text := btrim(p_address);
  v_phone text := btrim(p_contact_phone);
  v_id uuid;
  v_constraint text;
begin
  if exists (select 1 from public.memberships m where m.user_id = v_uid and m.left_at is null) then
    raise exception using errcode = 'P0001', message = 'already_in_company',
      detail = '您已加入单位，不能再申报单位';
  end if;
  if exists (
    select 1 from public.companies c where c.declarant_id = v_uid and c.status = 'pending'
  ) then
    raise exception using errcode = 'P0001', message = 'declaration_pending',
      detail = '您已有待审核的申报';
  end if;
  if not exists (select 1 from public.registry_companies r where r.id = p_registry_company_id) then
    raise exception using errcode = 'P0001', message = 'registry_company_not_found',
      detail = '请从单位列表中选择单位';
  end if;
  if not exists (
    select 1 from public.departments d
    where d.id = p_department_id and d.kind in ('station', 'brigade')
  ) then
    raise exception using errcode = 'P0001', message = 'department_invalid',
      detail = '请选择派出所或治安大队作为管理部门';
  end if;
  if v_address is null or char_length(v_address) not between 2 and 100 then
    raise exception using errcode = 'P0001', message = 'address_invalid',
      detail = '经营地址应为2至100个字';
  end if;
  if v_phone is null or v_phone !~ '^1[3-9][0-9]{9}$' then
    raise exception using errcode = 'P0001', message = 'phone_invalid',
      detail = '请输入正确的手机号码';
  end if;
  if exists (
    select 1 from public.companies c
    where c.registry_company_id = p_registry_company_id and c.status in ('pending', 'approved')
  ) then
    raise exception using errcode = 'P0001', message = 'company_already_declared',
      detail = '该单位已被申报';
  end if;

  begin
    insert into public.companies (
      registry_company_id, declarant_id, department_id, address, contact_phone, review_token
    )
    values (p_registry_company_id, v_uid, p_department_id, v_address, v_phone, private.random_token())
    returning id into v_id;
  exception when unique_violation then
    -- a concurrent declaration won the race; the partial unique indexes decide which rule
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint = 'companies_declarant_pending_key' then
      raise exception using errcode = 'P0001', message = 'declaration_pending',
        detail = '您已有待审核的申报';
    end if;
    raise exception using errcode = 'P0001', message = 'company_already_declared',
      detail = '该单位已被申报';
  end;
  return v_id;
end;
$$;
comment on function public.declare_company(uuid, uuid, text, text) is
  '申报单位: a verified user without a company or pending declaration declares a registry company to a 派出所 or 治安大队; returns the declaration id (status pending).';
revoke all on function public.declare_company(uuid, uuid, text, text) from public, anon;
grant execute on function public.declare_company(uuid, uuid, text, text) to authenticated;

create or replace function private.officer_department_for_review()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_department uuid;
begin
  if v_uid is null then
    raise exception using errcode = 'P0001', message = 'not_authenticated',
      detail = '请先登录';
  end if;
  select po.department_id into v_department from public.police_officers po where po.user_id = v_uid;
  if v_department is null then
    raise exception using errcode = 'P0001', message = 'not_police',
      detail = '仅民警可以审核';
  end if;
  return v_department;
end;
$$;
comment on function private.officer_department_for_review() is
  'The calling officer''s department; not_authenticated or not_police otherwise. Called only by the review RPCs.';
revoke all on function private.officer_department_for_review() from public;

create or replace function public.preview_declaration(p_review_token text)
returns table (
  id uuid,
  company_name text,
  credit_code text,
  department_name text,
  address text,
  contact_phone text,
  declarant_name text,
  status public.company_status,
  created_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_department uuid := private.officer_department_for_review();
  v_company public.companies;
begin
  select c.* into v_company from public.companies c where c.review_token = p_review_token;
  if not found then
    raise exception using errcode = 'P0001', message = 'code_unknown',
      detail = '二维码无效或已失效';
  end if;
  if not private.department_covers(v_department, v_company.department_id) then
    raise exception using errcode = 'P0001', message = 'out_of_scope',
      detail = '该单位不属于您所在部门管理';
  end if;
  return query
    select v.id, v.company_name, v.credit_code, v.department_name, v.address, v.contact_phone,
           v.declarant_name, v.status, v.created_at
    from private.declaration_details v
    where v.id = v_company.id;
end;
$$;
comment on function public.preview_declaration(text) is
  'What an officer sees after scanning a 审核二维码: the declaration, if it belongs to a department they cover.';
revoke all on function public.preview_declaration(text) from public, anon;
grant execute on function public.preview_declaration(text) to authenticated;

create or replace function public.review_declaration(
  p_review_token text,
  p_approve boolean,
  p_reason text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_department uuid := private.officer_department_for_review();
  v_company public.companies;
  v_reason text := nullif(btrim(p_reason), '');
begin
  -- the row lock serialises two officers reviewing at once: the second sees already_reviewed
  select c.* into v_company from public.companies c where c.review_token = p_review_token for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'code_unknown',
      detail = '二维码无效或已失效';
  end if;
  if not private.department_covers(v_department, v_company.department_id) then
    raise exception using errcode = 'P0001', message = 'out_of_scope',
      detail = '该单位不属于您所在部门管理';
  end if;
  if v_company.status <> 'pending' then
    raise exception using errcode = 'P0001', message = 'already_reviewed',
      detail = '该申报已审核';
  end if;
  if p_approve is null then
    raise exception using errcode = 'P0001', message = 'decision_required',
      detail = '请选择通过或驳回';
  end if;

  if not p_approve then
    if v_reason is null then
      raise exception using errcode = 'P0001', message = 'reason_required',
        detail = '请填写驳回原因';
    end if;
    if char_length(v_reason) > 200 then
      raise exception using errcode = 'P0001', message = 'reason_too_long',
        detail = '驳回原因不能超过200个字';
    end if;
    update public.companies c
    set status = 'rejected', reviewed_by = v_uid, reviewed_at = now(), reject_reason = v_reason
    where c.id = v_company.id;
    return;
  end if;

  update public.companies c
  set status = 'approved', reviewed_by = v_uid, reviewed_at = now()
  where c.id = v_company.id;
  begin
    insert into public.memberships (company_id, user_id, role)
    values (v_company.id, v_company.declarant_id, 'admin');
  exception when unique_violation then
    -- join_company refuses a user with a pending declaration, so only a race gets here
    raise exception using errcode = 'P0001', message = 'already_in_company',
      detail = '申报人已加入其他单位';
  end;
  insert into public.company_codes (company_id, token) values (v_company.id, private.random_token());
end;
$$;
comment on function public.review_declaration(text, boolean, text) is
  'An officer covering the declaration''s department approves it (the declarant becomes the company admin and the 单位码 is created) or rejects it with a reason.';
revoke all on function public.review_declaration(text, boolean, text) from public, anon;
grant execute on function public.review_declaration(text, boolean, text) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: company code and joining
-- -----------------------------------------------------------------------------
create or replace function public.preview_company_code(p_token text)
returns table (company_id uuid, company_name text)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  perform private.require_verified_user();
  return query
    select c.id, r.name
    from public.company_codes cc
    join public.companies c on c.id = cc.company_id and c.status = 'approved'
    join public.registry_companies r on r.id = c.registry_company_id
    where cc.token = p_token;
  if not found then
    raise exception using errcode = 'P0001', message = 'code_unknown',
      detail = '单位码无效或已更新，请向单位管理员索取新的单位码';
  end if;
end;
$$;
comment on function public.preview_company_code(text) is
  'The company behind a scanned 单位码, for the 您确认加入XX吗? dialog; code_unknown for a regenerated or unknown token.';
revoke all on function public.preview_company_code(text) from public, anon;
grant execute on function public.preview_company_code(text) to authenticated;

create or replace function public.join_company(p_token text, p_has_certificate boolean)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_verified_user();
  v_company uuid;
  v_id uuid;
begin
  if p_has_certificate is null then
    raise exception using errcode = 'P0001', message = 'certificate_required',
      detail = '请选择是否有保安证';
  end if;
  select c.id into v_company
  from public.company_codes cc
  join public.companies c on c.id = cc.company_id and c.status = 'approved'
  where cc.token = p_token;
  if v_company is null then
    raise exception using errcode = 'P0001', message = 'code_unknown',
      detail = '单位码无效或已更新，请向单位管理员索取新的单位码';
  end if;
  if exists (select 1 from public.memberships m where m.user_id = v_uid and m.left_at is null) then
    raise exception using errcode = 'P0001', message = 'already_in_company',
      detail = '您已加入单位，请先离职';
  end if;
  -- a declarant becomes the admin of the declared company on approval: joining another
  -- company meanwhile would make that approval impossible
  if exists (
    select 1 from public.companies c where c.declarant_id = v_uid and c.status = 'pending'
  ) then
    raise exception using errcode = 'P0001', message = 'declaration_pending',
      detail = '您有待审核的单位申报，不能加入其他单位';
  end if;

  begin
    insert into public.memberships (company_id, user_id, role, has_guard_certificate)
    values (v_company, v_uid, 'member', p_has_certificate)
    returning id into v_id;
  exception when unique_violation then
    -- a concurrent join of the same user committed first (memberships_one_active_per_user_key)
    raise exception using errcode = 'P0001', message = 'already_in_company',
      detail = '您已加入单位，请先离职';
  end;
  return v_id;
end;
$$;
comment on function public.join_company(text, boolean) is
  'Joins the company of a 单位码 as a member (with or without 保安证); returns the membership id. One active company per user, even under concurrent calls.';
revoke all on function public.join_company(text, boolean) from public, anon;
grant execute on function public.join_company(text, boolean) to authenticated;

create or replace function public.regenerate_company_code(p_company_id uuid)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_token text;
begin
  if p_company_id is null or p_company_id is distinct from private.admin_company_id() then
    raise exception using errcode = 'P0001', message = 'not_company_admin',
      detail = '仅单位管理员可以操作';
  end if;
  update public.company_codes cc
  set token = private.random_token(), created_at = now()
  where cc.company_id = p_company_id
  returning cc.token into v_token;
  return v_token;
end;
$$;
comment on function public.regenerate_company_code(uuid) is
  'The company admin replaces the 单位码 token; the old token is unknown from this moment.';
revoke all on function public.regenerate_company_code(uuid) from public, anon;
grant execute on function public.regenerate_company_code(uuid) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: staff, dismissal, resignation
-- -----------------------------------------------------------------------------
create or replace function public.list_staff(
  p_company_id uuid,
  p_search text,
  p_before_joined timestamptz,
  p_before_id uuid,
  p_limit int
)
returns table (
  membership_id uuid,
  user_id uuid,
  name text,
  phone text,
  role public.membership_role,
  has_guard_certificate boolean,
  joined_at timestamptz,
  entry_date date
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_search text := nullif(btrim(p_search), '');
  v_limit int := least(greatest(coalesce(p_limit, 20), 1), 100);
begin
  if p_company_id is null or p_company_id is distinct from private.admin_company_id() then
    raise exception using errcode = 'P0001', message = 'not_company_admin',
      detail = '仅单位管理员可以操作';
  end if;
  if (p_before_joined is null) <> (p_before_id is null) then
    raise exception using errcode = 'P0001', message = 'cursor_invalid',
      detail = '分页参数无效';
  end if;
  -- strpos, not like: a search for % or _ must match those characters literally
  return query
    select m.id, m.user_id, p.name, p.phone, m.role, m.has_guard_certificate, m.joined_at,
           m.entry_date
    from public.memberships m
    join public.profiles p on p.user_id = m.user_id
    where m.company_id = p_company_id
      and m.left_at is null
      and (p_before_joined is null or (m.joined_at, m.id) < (p_before_joined, p_before_id))
      and (v_search is null or strpos(p.name, v_search) > 0 or strpos(p.phone, v_search) > 0)
    order by m.joined_at desc, m.id desc
    limit v_limit;
end;
$$;
comment on function public.list_staff(uuid, text, timestamptz, uuid, int) is
  '人员名单 for the company admin: active staff newest first, keyset-paginated by (joined_at, membership_id), searchable by name or phone substring. Full phone, never the ID number or photo.';
revoke all on function public.list_staff(uuid, text, timestamptz, uuid, int) from public, anon;
grant execute on function public.list_staff(uuid, text, timestamptz, uuid, int) to authenticated;

create or replace function public.dismiss_member(p_membership_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_member public.memberships;
begin
  select m.* into v_member from public.memberships m where m.id = p_membership_id for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'membership_not_found',
      detail = '该人员不存在或已离职';
  end if;
  if v_member.company_id is distinct from private.admin_company_id() then
    raise exception using errcode = 'P0001', message = 'not_company_admin',
      detail = '仅本单位管理员可以操作';
  end if;
  if v_member.left_at is not null then
    raise exception using errcode = 'P0001', message = 'membership_not_found',
      detail = '该人员不存在或已离职';
  end if;
  if v_member.user_id = v_uid then
    raise exception using errcode = 'P0001', message = 'cannot_dismiss_self',
      detail = '不能将自己离职';
  end if;
  -- zones and shifts (a later migration) end with the membership through their own triggers
  update public.memberships m
  set left_at = now(), left_reason = 'dismissed'
  where m.id = v_member.id;
end;
$$;
comment on function public.dismiss_member(uuid) is
  '离职 by the company admin: ends another active member of the admin''s own company.';
revoke all on function public.dismiss_member(uuid) from public, anon;
grant execute on function public.dismiss_member(uuid) to authenticated;

create or replace function public.resign()
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_member public.memberships;
begin
  if v_uid is null then
    raise exception using errcode = 'P0001', message = 'not_authenticated',
      detail = '请先登录';
  end if;
  select m.* into v_member
  from public.memberships m
  where m.user_id = v_uid and m.left_at is null
  for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'not_in_company',
      detail = '您尚未加入单位';
  end if;
  if v_member.role = 'admin' and not exists (
    select 1 from public.memberships m
    where m.company_id = v_member.company_id and m.role = 'admin' and m.left_at is null
      and m.id <> v_member.id
  ) then
    raise exception using errcode = 'P0001', message = 'admin_cannot_resign',
      detail = '单位管理员不能离职';
  end if;
  update public.memberships m
  set left_at = now(), left_reason = 'resigned'
  where m.id = v_member.id;
end;
$$;
comment on function public.resign() is
  '离职 by the member themselves: ends the caller''s active membership; the only admin of a company cannot.';
revoke all on function public.resign() from public, anon;
grant execute on function public.resign() to authenticated;
