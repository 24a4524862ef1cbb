-- =============================================================================
-- Layout: one guard for "signed in" and one company-membership helper with a role parameter,
-- instead of four copies of the not_authenticated check and the near-twins
-- active_company_id() / admin_company_id(). Later migrations call these two by name.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.require_user()
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
  return v_uid;
end;
$$;
comment on function private.require_user() is
  'The calling user''s id, or not_authenticated (请先登录): the one signed-in guard of the RPCs.';
revoke all on function private.require_user() from public, anon;
grant execute on function private.require_user() to authenticated;

-- basejump's get_accounts_with_role(role), for the one company a user belongs to at a time.
create or replace function private.my_company_id(
  p_role public.membership_role default null
)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.company_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.left_at is null
    and (p_role is null or m.role = p_role);
$$;
comment on function private.my_company_id(public.membership_role) is
  'The company the calling user is an active member of (with p_role: only when they hold that role there), or null.';
revoke all on function private.my_company_id(public.membership_role) from public, anon;
grant execute on function private.my_company_id(public.membership_role) to authenticated;

-- the guard of the security definer RPCs, now through require_user()
create or replace function private.require_verified_user()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
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

create or replace function private.officer_department_for_review()
returns uuid
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_department uuid;
begin
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

-- -----------------------------------------------------------------------------
-- Policies: the same rules through my_company_id, in the (select …) init-plan form
-- -----------------------------------------------------------------------------
drop policy "Declarants, members and covering officers can view a company" on public.companies;
create policy "Declarants, members and covering officers can view a company"
  on public.companies for select
  to authenticated
  using (
    declarant_id = (select auth.uid())
    or (status = 'approved' and id = (select private.my_company_id()))
    or department_id in (select private.officer_department_ids())
  );

drop policy "Users, their company admin and covering officers can view memberships" on public.memberships;
create policy "Users, their company admin and covering officers can view memberships"
  on public.memberships for select
  to authenticated
  using (
    user_id = (select auth.uid())
    or company_id = (select private.my_company_id('admin'))
    or company_id in (select private.officer_company_ids())
  );

drop policy "Company admins can view their company code" on public.company_codes;
create policy "Company admins can view their company code"
  on public.company_codes for select
  to authenticated
  using (company_id = (select private.my_company_id('admin')));

-- -----------------------------------------------------------------------------
-- RPCs: the same functions through the two helpers
-- -----------------------------------------------------------------------------
create or replace function public.register_identity(
  p_name text,
  p_id_number text,
  p_face_path text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
begin
  perform private.apply_identity(v_uid, p_name, p_id_number, p_face_path, 'self');
end;
$$;
comment on function public.register_identity(text, text, text) is
  'Self registration: the signed-in user verifies with name, ID number and a face photo in their own face-photos folder.';
revoke all on function public.register_identity(text, text, text) from public, anon;
grant execute on function public.register_identity(text, text, text) to authenticated;

create or replace function public.regenerate_company_code(p_company_id uuid)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_token text;
begin
  if p_company_id is null or p_company_id is distinct from private.my_company_id('admin') then
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
  if p_company_id is null or p_company_id is distinct from private.my_company_id('admin') then
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
  if v_member.company_id is distinct from private.my_company_id('admin') then
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
  v_uid uuid := private.require_user();
  v_member public.memberships;
begin
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

-- nothing calls them any more
drop function private.active_company_id();
drop function private.admin_company_id();
