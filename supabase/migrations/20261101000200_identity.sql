-- =============================================================================
-- Identity: the sign-in server's users, sessions and refresh tokens (auth_bridge),
-- the public profile with its real-name identity, and the photo buckets.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Types
-- -----------------------------------------------------------------------------
create type public.identity_source as enum ('registry', 'self');
comment on type public.identity_source is
  'Where a verified identity came from: the 微警务 real-name registry, or the user''s own registration with a face photo.';

-- -----------------------------------------------------------------------------
-- Helpers needed by the tables' constraints
-- -----------------------------------------------------------------------------
create or replace function private.is_valid_person_name(p_name text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  -- 2-20 Chinese characters (CJK unified ideographs incl. extension A) or the middle dot ·
  -- used in transliterated and minority names; the dot never starts or ends a name.
  select p_name is not null
    and p_name ~ '^[㐀-䶿一-鿿·]{2,20}$'
    and left(p_name, 1) <> '·'
    and right(p_name, 1) <> '·';
$$;
comment on function private.is_valid_person_name(text) is
  'True for a real name as the registration form accepts it: 2-20 Chinese characters or ·.';
grant execute on function private.is_valid_person_name(text) to authenticated, auth_bridge;

-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------
create table auth_bridge.users (
  id uuid primary key default gen_random_uuid(),
  phone text not null unique check (phone ~ '^1[0-9]{10}$'),
  openid text unique,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);
comment on table auth_bridge.users is
  'One account per WeChat-verified phone number; id is the sub of every access token.';

create table auth_bridge.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth_bridge.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text
);
comment on table auth_bridge.sessions is
  'One sign-in on one device; revoking it (logout, refresh token reuse) ends every refresh token of it.';
create index sessions_user_id_idx on auth_bridge.sessions (user_id);

create table auth_bridge.refresh_tokens (
  id bigserial primary key,
  session_id uuid not null references auth_bridge.sessions (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  parent_id bigint references auth_bridge.refresh_tokens (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '30 days',
  used_at timestamptz
);
comment on table auth_bridge.refresh_tokens is
  'Single-use refresh tokens (only their SHA-256 is stored), chained by parent_id; presenting a used one is treated as theft.';
create index refresh_tokens_session_id_idx on auth_bridge.refresh_tokens (session_id);
create index refresh_tokens_parent_id_idx on auth_bridge.refresh_tokens (parent_id);

create table public.profiles (
  user_id uuid primary key references auth_bridge.users (id) on delete cascade,
  phone text not null,
  name text check (name is null or private.is_valid_person_name(name)),
  id_number text check (id_number is null or private.is_valid_id_number(id_number)),
  -- photos live in the face-photos bucket under the owner's folder
  face_path text check (face_path is null or starts_with(face_path, user_id::text || '/')),
  verified_at timestamptz,
  source public.identity_source,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint profiles_verified_complete check (
    verified_at is null or (name is not null and id_number is not null and source is not null)
  )
);
comment on table public.profiles is
  'A user''s own page: phone, and the real-name identity (name, ID number, face photo) that unlocks every role feature once verified.';

-- an ID number belongs to at most one verified person (error id_number_taken)
create unique index profiles_verified_id_number_key on public.profiles (id_number)
  where verified_at is not null;

-- -----------------------------------------------------------------------------
-- Grants
-- -----------------------------------------------------------------------------
-- auth_bridge tables: only the owner, through the auth_bridge functions below.
revoke all on table auth_bridge.users, auth_bridge.sessions, auth_bridge.refresh_tokens
  from public, anon, authenticated, service_role;
revoke all on sequence auth_bridge.refresh_tokens_id_seq from public, anon, authenticated;

-- profiles: read the own row; write only the three identity fields (while unverified).
revoke all on table public.profiles from anon, authenticated;
grant select on table public.profiles to authenticated;
grant update (name, id_number, face_path) on table public.profiles to authenticated;

-- -----------------------------------------------------------------------------
-- Row level security
-- -----------------------------------------------------------------------------
alter table auth_bridge.users enable row level security;
alter table auth_bridge.sessions enable row level security;
alter table auth_bridge.refresh_tokens enable row level security;
alter table public.profiles enable row level security;

-- -----------------------------------------------------------------------------
-- Triggers
-- -----------------------------------------------------------------------------
create or replace function private.profiles_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.verified_at is not null
    and (new.name, new.id_number, new.face_path, new.source, new.verified_at)
      is distinct from (old.name, old.id_number, old.face_path, old.source, old.verified_at) then
    raise exception using errcode = 'P0001', message = 'identity_locked',
      detail = '身份已认证，不能修改';
  end if;
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.profiles_before_update() is
  'Freezes a verified identity (identity_locked) and keeps updated_at current.';
revoke all on function private.profiles_before_update() from public;

create trigger profiles_before_update
  before update on public.profiles
  for each row execute function private.profiles_before_update();

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
      detail = '姓名应为2至20个汉字';
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

-- -----------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------
create policy "Users can view their own profile"
  on public.profiles for select
  to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can update their own profile"
  on public.profiles for update
  to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- -----------------------------------------------------------------------------
-- RPCs: auth_bridge (the sign-in server, role auth_bridge only)
-- -----------------------------------------------------------------------------
create or replace function auth_bridge.sign_in(p_phone text, p_openid text)
returns table (user_id uuid, session_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_user uuid;
  v_session uuid;
begin
  if p_phone is null or p_phone !~ '^1[0-9]{10}$' then
    raise exception using errcode = 'P0001', message = 'phone_invalid',
      detail = '手机号码无效';
  end if;
  if p_openid is not null then
    -- WeChat proved both the openid and the phone: a WeChat account that changed its
    -- phone number moves to the account of the new number.
    update auth_bridge.users u set openid = null
    where u.openid = p_openid and u.phone <> p_phone;
  end if;

  insert into auth_bridge.users as u (phone, openid, last_sign_in_at)
  values (p_phone, p_openid, now())
  on conflict (phone) do update
    set openid = coalesce(excluded.openid, u.openid),
        last_sign_in_at = now()
  returning u.id into v_user;

  insert into public.profiles (user_id, phone) values (v_user, p_phone)
  on conflict do nothing;

  insert into auth_bridge.sessions (user_id) values (v_user)
  returning id into v_session;

  return query select v_user, v_session;
end;
$$;
comment on function auth_bridge.sign_in(text, text) is
  'Signs in a WeChat-verified phone: creates or updates the user, ensures the profile, opens a session.';
revoke all on function auth_bridge.sign_in(text, text) from public;
grant execute on function auth_bridge.sign_in(text, text) to auth_bridge;

create or replace function auth_bridge.issue_refresh_token(
  p_session_id uuid,
  p_token_hash text,
  p_parent_id bigint
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id bigint;
begin
  if not exists (
    select 1 from auth_bridge.sessions s where s.id = p_session_id and s.revoked_at is null
  ) then
    raise exception using errcode = 'P0001', message = 'refresh_token_invalid',
      detail = '登录已失效，请重新登录';
  end if;
  insert into auth_bridge.refresh_tokens (session_id, token_hash, parent_id)
  values (p_session_id, p_token_hash, p_parent_id)
  returning id into v_id;
  return v_id;
end;
$$;
comment on function auth_bridge.issue_refresh_token(uuid, text, bigint) is
  'Stores the hash of a new refresh token of a live session; returns its id.';
revoke all on function auth_bridge.issue_refresh_token(uuid, text, bigint) from public;
grant execute on function auth_bridge.issue_refresh_token(uuid, text, bigint) to auth_bridge;

create or replace function auth_bridge.rotate_refresh_token(p_old_hash text, p_new_hash text)
returns table (user_id uuid, session_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_token auth_bridge.refresh_tokens;
  v_session auth_bridge.sessions;
begin
  -- the row lock serialises two refreshes of one token: the second one sees used_at
  select t.* into v_token
  from auth_bridge.refresh_tokens t
  where t.token_hash = p_old_hash
  for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'refresh_token_invalid',
      detail = '登录已失效，请重新登录';
  end if;

  select s.* into v_session from auth_bridge.sessions s where s.id = v_token.session_id;

  if v_token.used_at is not null then
    -- Reuse means the token was copied: end the whole session. The raise below rolls this
    -- back, so the caller must also run revoke_session_of_token() in a new transaction.
    update auth_bridge.sessions s
    set revoked_at = now(), revoked_reason = 'refresh_token_reused'
    where s.id = v_token.session_id and s.revoked_at is null;
    raise exception using errcode = 'P0001', message = 'refresh_token_reused',
      detail = '登录凭证已被使用，请重新登录';
  end if;
  if v_session.revoked_at is not null or v_token.expires_at <= now() then
    raise exception using errcode = 'P0001', message = 'refresh_token_invalid',
      detail = '登录已失效，请重新登录';
  end if;

  update auth_bridge.refresh_tokens t set used_at = now() where t.id = v_token.id;
  insert into auth_bridge.refresh_tokens (session_id, token_hash, parent_id)
  values (v_token.session_id, p_new_hash, v_token.id);

  return query select v_session.user_id, v_session.id;
end;
$$;
comment on function auth_bridge.rotate_refresh_token(text, text) is
  'Exchanges a refresh token for its successor; refresh_token_reused on a used token, refresh_token_invalid on an unknown, expired or revoked one.';
revoke all on function auth_bridge.rotate_refresh_token(text, text) from public;
grant execute on function auth_bridge.rotate_refresh_token(text, text) to auth_bridge;

create or replace function auth_bridge.revoke_session_of_token(p_token_hash text)
returns void
language sql
security definer
set search_path = ''
as $$
  update auth_bridge.sessions s
  set revoked_at = now(), revoked_reason = 'refresh_token_reused'
  from auth_bridge.refresh_tokens t
  where t.token_hash = p_token_hash
    and t.session_id = s.id
    and t.used_at is not null
    and s.revoked_at is null;
$$;
comment on function auth_bridge.revoke_session_of_token(text) is
  'Persists the revocation that rotate_refresh_token''s refresh_token_reused error rolled back; only acts on a token that was already used.';
revoke all on function auth_bridge.revoke_session_of_token(text) from public;
grant execute on function auth_bridge.revoke_session_of_token(text) to auth_bridge;

create or replace function auth_bridge.revoke_session(p_session_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  update auth_bridge.sessions s
  set revoked_at = now(), revoked_reason = 'logout'
  where s.id = p_session_id and s.revoked_at is null;
$$;
comment on function auth_bridge.revoke_session(uuid) is
  'Logout: ends the session, so none of its refresh tokens works any more.';
revoke all on function auth_bridge.revoke_session(uuid) from public;
grant execute on function auth_bridge.revoke_session(uuid) to auth_bridge;

create or replace function auth_bridge.sync_identity(
  p_user_id uuid,
  p_name text,
  p_id_number text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.apply_identity(p_user_id, p_name, p_id_number, null, 'registry');
end;
$$;
comment on function auth_bridge.sync_identity(uuid, text, text) is
  'Copies the identity the 微警务 registry holds for the user''s phone into the profile (source registry).';
revoke all on function auth_bridge.sync_identity(uuid, text, text) from public;
grant execute on function auth_bridge.sync_identity(uuid, text, text) to auth_bridge;

-- -----------------------------------------------------------------------------
-- RPCs: public (called by the signed-in user)
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
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    raise exception using errcode = 'P0001', message = 'not_authenticated',
      detail = '请先登录';
  end if;
  perform private.apply_identity(v_uid, p_name, p_id_number, p_face_path, 'self');
end;
$$;
comment on function public.register_identity(text, text, text) is
  'Self registration: the signed-in user verifies with name, ID number and a face photo in their own face-photos folder.';
revoke all on function public.register_identity(text, text, text) from public, anon;
grant execute on function public.register_identity(text, text, text) to authenticated;

-- -----------------------------------------------------------------------------
-- Storage: buckets and their object policies
-- -----------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('face-photos', 'face-photos', false, 5242880, array['image/jpeg', 'image/png']),
  ('tip-photos', 'tip-photos', false, 10485760, array['image/jpeg', 'image/png'])
on conflict (id) do nothing;

create policy "Users can upload face photos into their own folder"
  on storage.objects for insert
  to authenticated
  with check (
    bucket_id = 'face-photos' and (storage.foldername(name))[1] = (select auth.uid())::text
  );

create policy "Users can view their own face photos"
  on storage.objects for select
  to authenticated
  using (
    bucket_id = 'face-photos' and (storage.foldername(name))[1] = (select auth.uid())::text
  );

create policy "Users can replace their own face photos"
  on storage.objects for update
  to authenticated
  using (
    bucket_id = 'face-photos' and (storage.foldername(name))[1] = (select auth.uid())::text
  )
  with check (
    bucket_id = 'face-photos' and (storage.foldername(name))[1] = (select auth.uid())::text
  );

create policy "Users can delete their own face photos"
  on storage.objects for delete
  to authenticated
  using (
    bucket_id = 'face-photos' and (storage.foldername(name))[1] = (select auth.uid())::text
  );

create policy "Users can upload tip photos into their own folder"
  on storage.objects for insert
  to authenticated
  with check (
    bucket_id = 'tip-photos' and (storage.foldername(name))[1] = (select auth.uid())::text
  );

create policy "Users can view their own tip photos"
  on storage.objects for select
  to authenticated
  using (
    bucket_id = 'tip-photos' and (storage.foldername(name))[1] = (select auth.uid())::text
  );
