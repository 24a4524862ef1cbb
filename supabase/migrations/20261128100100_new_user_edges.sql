-- =============================================================================
-- What a new user met (issue 6): names as long as an ID card carries them (transliterated
-- minority names such as 阿卜杜热合曼·买买提艾力·阿不都热依木 run past 20), addresses of real
-- characters rather than emoji only (🏠🏢🏠), registry companies marked when already declared,
-- and a dismissed guard told once. The API (_shared/validation.ts) and the mini-program
-- (utils/validate.ts) apply the same name and address rules.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.is_valid_person_name(p_name text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  -- 2-50 Chinese characters (CJK unified ideographs incl. extension A) or the middle dot ·
  -- of transliterated and minority names; the dot never starts or ends a name nor doubles.
  select p_name is not null
    and p_name ~ '^[㐀-䶿一-鿿·]{2,50}$'
    and left(p_name, 1) <> '·'
    and right(p_name, 1) <> '·'
    and strpos(p_name, '··') = 0;
$$;
comment on function private.is_valid_person_name(text) is
  'True for a real name as the registration form accepts it: 2-50 Chinese characters or single · between them.';

create or replace function private.is_real_text(p_text text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  -- at least two letters, digits or Chinese characters, and no emoji or pictographs
  -- (U+1F000-1FAFF, U+2600-27BF, the emoji variation selector and zero-width joiner)
  select p_text is not null
    and char_length(regexp_replace(p_text, '[^0-9A-Za-z０-９Ａ-Ｚａ-ｚ㐀-䶿一-鿿]', '', 'g')) >= 2
    and p_text !~ '[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]';
$$;
comment on function private.is_real_text(text) is
  'True for free text (an address) that carries at least two letters, digits or Chinese characters and no emoji.';

-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------
-- new addresses must be real text (rows from before stay, unchecked)
alter table public.companies
  add constraint companies_address_real_text check (private.is_real_text(address)) not valid;

-- when the dismissed member was told (离职 by the admin): they are told once, at their next visit
alter table public.memberships add column dismissal_seen_at timestamptz;
comment on column public.memberships.dismissal_seen_at is
  'When the member saw the notice of their dismissal; null while not yet told.';

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.registry_company_status(p_registry_company_id uuid)
returns public.company_status
language sql
stable
security definer
set search_path = ''
as $$
  -- declare_company refuses these with company_already_declared; the search says so before
  select c.status from public.companies c
  where c.registry_company_id = p_registry_company_id and c.status in ('pending', 'approved')
  limit 1;
$$;
comment on function private.registry_company_status(uuid) is
  'pending or approved when a registry company is already declared (not by whom), else null: the registry search marks it.';
revoke all on function private.registry_company_status(uuid) from public, anon;
grant execute on function private.registry_company_status(uuid) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: the same functions with the new messages and the address rule
-- -----------------------------------------------------------------------------
create or replace function private.apply_identity(
  p_user_id uuid,
  p_name text,
  p_id_number text,
  p_face_path text,
  p_source public.identity_source
)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_name text := btrim(p_name);
  v_id text := upper(btrim(p_id_number));
  v_verified_at timestamptz;
begin
  if not private.is_valid_person_name(v_name) then
    raise exception using errcode = 'P0001', message = 'name_invalid',
      detail = '姓名应为2至50个汉字（可含·）';
  end if;
  if not private.is_valid_id_number(v_id) then
    raise exception using errcode = 'P0001', message = 'id_number_invalid',
      detail = '身份证号码无效';
  end if;
  if p_source = 'self' and (
    p_face_path is null
    or not starts_with(p_face_path, p_user_id::text || '/')
    or p_face_path !~ '^[0-9a-f-]{36}/[A-Za-z0-9._-]{1,100}$'
    or p_face_path like '%..%'
  ) then
    raise exception using errcode = 'P0001', message = 'face_path_invalid',
      detail = '请上传本人正面照片';
  end if;

  select p.verified_at into v_verified_at
  from public.profiles p
  where p.user_id = p_user_id
  for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'profile_missing',
      detail = '用户不存在，请重新登录';
  end if;
  if v_verified_at is not null then
    raise exception using errcode = 'P0001', message = 'identity_locked',
      detail = '身份已认证，不能修改';
  end if;
  if exists (
    select 1 from public.profiles p
    where p.id_number = v_id and p.verified_at is not null and p.user_id <> p_user_id
  ) then
    raise exception using errcode = 'P0001', message = 'id_number_taken',
      detail = '该身份证号码已被其他用户认证';
  end if;

  begin
    update public.profiles p
    set name = v_name,
        id_number = v_id,
        face_path = case when p_source = 'self' then p_face_path else p.face_path end,
        source = p_source,
        verified_at = now()
    where p.user_id = p_user_id;
  exception when unique_violation then
    -- a concurrent verification of the same number won the race
    raise exception using errcode = 'P0001', message = 'id_number_taken',
      detail = '该身份证号码已被其他用户认证';
  end;
end;
$$;
comment on function private.apply_identity(uuid, text, text, text, public.identity_source) is
  'Validates and stores a verified identity; shared by register_identity (self) and sync_identity (registry). Called only by those security definer functions.';
revoke all on function private.apply_identity(uuid, text, text, text, public.identity_source)
  from public;

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
  if not private.is_real_text(v_address) then
    raise exception using errcode = 'P0001', message = 'address_invalid',
      detail = '经营地址须填写文字，不能只有表情或符号';
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

-- -----------------------------------------------------------------------------
-- RPCs: the notice of a dismissal
-- -----------------------------------------------------------------------------
create or replace function public.dismissal_notice()
returns table (membership_id uuid, company_name text, left_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  -- the company is no longer visible to its former member under RLS: its name comes from here
  select m.id, r.name, m.left_at
  from public.memberships m
  join public.companies c on c.id = m.company_id
  join public.registry_companies r on r.id = c.registry_company_id
  where m.user_id = (select private.require_user())
    and m.left_reason = 'dismissed' and m.dismissal_seen_at is null
  order by m.left_at desc
  limit 1;
$$;
comment on function public.dismissal_notice() is
  'The caller''s latest dismissal (离职 by the admin) they have not been told of yet: company name and date.';
revoke all on function public.dismissal_notice() from public, anon;
grant execute on function public.dismissal_notice() to authenticated;

create or replace function public.acknowledge_dismissal(p_membership_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.memberships m
  set dismissal_seen_at = now()
  where m.id = p_membership_id and m.user_id = (select private.require_user())
    and m.left_reason = 'dismissed' and m.dismissal_seen_at is null;
$$;
comment on function public.acknowledge_dismissal(uuid) is
  'The dismissed member has seen the notice of their dismissal: it is not shown again.';
revoke all on function public.acknowledge_dismissal(uuid) from public, anon;
grant execute on function public.acknowledge_dismissal(uuid) to authenticated;
