-- =============================================================================
-- The name rule's message after hardening recreated apply_identity (20261128200000) from the
-- identity migration: names are 2-50 Chinese characters since 20261128100100, and the message
-- says so again. Nothing else of the function changes.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Helpers
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
  -- The photo must be there: an identity verified against a path that names nothing would
  -- show police an empty frame (or whatever is uploaded there later).
  if p_source = 'self' and not exists (
    select 1 from storage.objects o
    where o.bucket_id = 'face-photos' and o.name = p_face_path
  ) then
    raise exception using errcode = 'P0001', message = 'face_path_invalid',
      detail = '请上传本人正面照片';
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
  'Validates and stores a verified identity; shared by register_identity (self, whose face photo must exist in face-photos) and sync_identity (registry). Called only by those security definer functions.';
revoke all on function private.apply_identity(uuid, text, text, text, public.identity_source)
  from public;
