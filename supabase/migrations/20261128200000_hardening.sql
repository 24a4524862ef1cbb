-- =============================================================================
-- Hardening (issue 13): what an adversarial review of identity and companies got through.
-- Each rule lives here, in the database, so that a statement written by hand with a user's
-- JWT (PostgREST, Storage) meets it as surely as the API does.
--   1. police may not declare a company, and nobody reviews their own declaration;
--   2. the verified face photo is evidence: it exists, it came through the API's image
--      pipeline, and nobody replaces or deletes it afterwards;
--   4. a counter table with fixed windows throttles sign-in, refresh and registration;
--   8. a WeChat account cannot silently take over another one's phone; the police projection
--      of a declaration runs with the reader's rights; new public tables are not anon's.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Default privileges (8)
-- -----------------------------------------------------------------------------
-- Supabase's defaults grant every new table and sequence in public to anon. Nothing here is
-- for anon (anon reads nothing, see negative-grants): a table forgotten by a later migration
-- must not open up to everyone with the public anon key.
alter default privileges in schema public revoke all on tables from anon;
alter default privileges in schema public revoke all on sequences from anon;

-- -----------------------------------------------------------------------------
-- Tables
-- -----------------------------------------------------------------------------
create table private.throttle_counters (
  key text not null check (char_length(key) between 3 and 200),
  window_start timestamptz not null,
  hits int not null default 0,
  primary key (key, window_start)
);
comment on table private.throttle_counters is
  'Request counters of auth_bridge.throttle: one row per key (rule:subject) and fixed window. Edge functions share no memory, so the count lives here.';
create index throttle_counters_window_start_idx on private.throttle_counters (window_start);

alter table auth_bridge.users add column openid_released_at timestamptz;
comment on column auth_bridge.users.openid_released_at is
  'When the WeChat account bound to this phone moved to another phone number; the account then opens only after the management department binds it again.';

-- -----------------------------------------------------------------------------
-- Grants
-- -----------------------------------------------------------------------------
revoke all on table private.throttle_counters from public, anon, authenticated, auth_bridge;

-- -----------------------------------------------------------------------------
-- Row level security
-- -----------------------------------------------------------------------------
-- No policy: only the security definer function below reads and writes it.
alter table private.throttle_counters enable row level security;

-- The projection police see is read by security definer functions only; as a definer view it
-- would bypass RLS for anyone it was ever granted to. With security_invoker it applies the
-- policies of whoever reads it (those functions' owner today).
alter view private.declaration_details set (security_invoker = true);

-- -----------------------------------------------------------------------------
-- Triggers (1): who may declare, and nobody reviews their own declaration
-- -----------------------------------------------------------------------------
create or replace function private.companies_guard_people()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- SPEC §2.1: a company is declared by its own people. An officer who declares would
  -- supervise (and could approve) his own company.
  if tg_op = 'INSERT'
    and exists (select 1 from public.police_officers po where po.user_id = new.declarant_id) then
    raise exception using errcode = 'P0001', message = 'police_cannot_declare',
      detail = '民警不能申报保安单位';
  end if;
  if new.reviewed_by is not null and new.reviewed_by = new.declarant_id then
    raise exception using errcode = 'P0001', message = 'self_review',
      detail = '不能审核本人申报的单位';
  end if;
  return new;
end;
$$;
comment on function private.companies_guard_people() is
  'Refuses a declaration by a police officer (police_cannot_declare) and a review by the declarant (self_review), whichever function writes the row.';
revoke all on function private.companies_guard_people() from public;

create trigger companies_guard_people
  before insert or update of declarant_id, reviewed_by on public.companies
  for each row execute function private.companies_guard_people();

-- The last word, should the trigger ever be dropped or disabled.
alter table public.companies
  add constraint companies_not_self_reviewed check (reviewed_by <> declarant_id);

-- -----------------------------------------------------------------------------
-- Helpers (2): the face photo the identity rests on
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

-- -----------------------------------------------------------------------------
-- Policies (2): photos enter Storage only through the API's image pipeline
-- -----------------------------------------------------------------------------
-- Storage checks neither content nor metadata. The API decodes and re-encodes every photo
-- (_shared/image.ts) and then uploads it with a short-lived token of the same user that names
-- the one object it may create (claim upload = '<bucket>/<name>', _shared/storage.ts). The
-- user's own access token lacks the claim, so bytes sent straight to Storage are refused.
-- Nobody updates a photo (a new photo is a new object, and a new verification), and the face
-- a verified identity rests on cannot be deleted.
drop policy "Users can upload face photos into their own folder" on storage.objects;
drop policy "Users can replace their own face photos" on storage.objects;
drop policy "Users can delete their own face photos" on storage.objects;
drop policy "Users can upload tip photos into their own folder" on storage.objects;

create policy "Users can upload checked photos into their own folder"
  on storage.objects for insert
  to authenticated
  with check (
    bucket_id in ('face-photos', 'tip-photos')
    and (storage.foldername(name))[1] = (select auth.uid())::text
    and (select auth.jwt()) ->> 'upload' = bucket_id || '/' || name
  );

create policy "Users can delete face photos no identity rests on"
  on storage.objects for delete
  to authenticated
  using (
    bucket_id = 'face-photos'
    and (storage.foldername(name))[1] = (select auth.uid())::text
    and not exists (
      select 1 from public.profiles p
      where p.user_id = (select auth.uid()) and p.face_path = objects.name and p.verified_at is not null
    )
  );

-- -----------------------------------------------------------------------------
-- RPCs: auth_bridge (4) throttling
-- -----------------------------------------------------------------------------
create or replace function auth_bridge.throttle(
  p_key text,
  p_limit int,
  p_window_seconds int,
  p_cost int default 1
)
returns int
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_window timestamptz := to_timestamp(
    floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds
  );
  v_hits int;
begin
  if p_limit < 1 or p_window_seconds < 1 or p_cost < 0 then
    raise exception using errcode = 'P0001', message = 'throttle_invalid',
      detail = '限流参数无效';
  end if;
  if p_cost = 0 then
    select t.hits into v_hits from private.throttle_counters t
    where t.key = p_key and t.window_start = v_window;
    v_hits := coalesce(v_hits, 0);
  else
    insert into private.throttle_counters as t (key, window_start, hits)
    values (p_key, v_window, p_cost)
    on conflict (key, window_start) do update set hits = t.hits + excluded.hits
    returning t.hits into v_hits;
    -- Old windows go now and then (about one call in a hundred), so the table stays small
    -- without a scheduled job.
    if random() < 0.01 then
      delete from private.throttle_counters t where t.window_start < now() - interval '2 days';
    end if;
  end if;
  if v_hits > p_limit or (p_cost = 0 and v_hits >= p_limit) then
    return greatest(1, ceil(extract(epoch from v_window + make_interval(secs => p_window_seconds) - now())))::int;
  end if;
  return 0;
end;
$$;
comment on function auth_bridge.throttle(text, int, int, int) is
  'Counts p_cost hits of p_key in the current fixed window of p_window_seconds and returns the seconds until the window ends when more than p_limit were counted (0: allowed). p_cost 0 only asks whether the limit is already reached. auth_bridge only: a client that could call it could spend another phone''s budget.';
revoke all on function auth_bridge.throttle(text, int, int, int) from public;
grant execute on function auth_bridge.throttle(text, int, int, int) to auth_bridge;

-- -----------------------------------------------------------------------------
-- RPCs: auth_bridge (8) one WeChat account per phone, no silent take-over
-- -----------------------------------------------------------------------------
-- Rule (docs/foundation.md, 微信账号与手机号): WeChat proves that the signing-in WeChat
-- account holds the phone number. An account whose phone is bound to ANOTHER WeChat account
-- is refused (phone_bound_elsewhere): carriers recycle numbers, and the new holder of a
-- number must not inherit the verified identity, company and admin rights of the old one.
-- The same holds after the bound WeChat account moved to a new number (openid_released_at).
-- Re-binding is done by the management department, not by signing in.
create or replace function auth_bridge.sign_in(p_phone text, p_openid text)
returns table (user_id uuid, session_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_user auth_bridge.users;
  v_user_id uuid;
  v_session uuid;
begin
  if p_phone is null or p_phone !~ '^1[0-9]{10}$' then
    raise exception using errcode = 'P0001', message = 'phone_invalid',
      detail = '手机号码无效';
  end if;

  select u.* into v_user from auth_bridge.users u where u.phone = p_phone for update;
  if found and p_openid is not null and (
    (v_user.openid is not null and v_user.openid <> p_openid)
    or (v_user.openid is null and v_user.openid_released_at is not null)
  ) then
    raise exception using errcode = 'P0001', message = 'phone_bound_elsewhere',
      detail = '该手机号已绑定其他微信账号，请用原微信登录；如已更换微信，请联系管理部门';
  end if;

  if p_openid is not null then
    -- WeChat proved both the openid and the phone: a WeChat account that changed its
    -- phone number moves to the account of the new number, and the old account is closed
    -- to other WeChat accounts (see the rule above).
    update auth_bridge.users u set openid = null, openid_released_at = now()
    where u.openid = p_openid and u.phone <> p_phone;
  end if;

  insert into auth_bridge.users as u (phone, openid, last_sign_in_at)
  values (p_phone, p_openid, now())
  on conflict (phone) do update
    set openid = coalesce(excluded.openid, u.openid),
        openid_released_at = case when excluded.openid is null then u.openid_released_at end,
        last_sign_in_at = now()
  returning u.id into v_user_id;

  insert into public.profiles (user_id, phone) values (v_user_id, p_phone)
  on conflict do nothing;

  insert into auth_bridge.sessions (user_id) values (v_user_id)
  returning id into v_session;

  return query select v_user_id, v_session;
end;
$$;
comment on function auth_bridge.sign_in(text, text) is
  'Signs in a WeChat-verified phone: creates or updates the user, ensures the profile, opens a session; phone_bound_elsewhere when the phone belongs to another WeChat account.';
revoke all on function auth_bridge.sign_in(text, text) from public;
grant execute on function auth_bridge.sign_in(text, text) to auth_bridge;
