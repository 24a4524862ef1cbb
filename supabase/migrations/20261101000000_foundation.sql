-- =============================================================================
-- Foundation: default privileges, the private and auth_bridge schemas, shared helpers.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Default privileges
-- -----------------------------------------------------------------------------
-- Supabase lets every role execute every new function. Ours must be granted one by one,
-- so that a security definer helper is never callable by accident.
alter default privileges revoke execute on functions from public;
alter default privileges revoke execute on functions from anon, authenticated;
alter default privileges in schema public revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;

-- -----------------------------------------------------------------------------
-- Roles
-- -----------------------------------------------------------------------------
-- auth_bridge: the sign-in server's role. The API switches to it (set local role
-- auth_bridge) only for sign-in, refresh, logout and registry sync, which happen before
-- or outside a user session. NOLOGIN: nobody connects as it.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'auth_bridge') then
    create role auth_bridge nologin noinherit;
  end if;
exception
  when duplicate_object or unique_violation then null;  -- created concurrently (shared cluster)
end
$$;

-- The connecting role (postgres on hosted Supabase) must be able to `set local role`.
do $$
begin
  if not pg_catalog.pg_has_role(current_user, 'auth_bridge', 'member') then
    execute format('grant auth_bridge to %I', current_user);
  end if;
  if current_user <> 'postgres'
    and exists (select 1 from pg_catalog.pg_roles where rolname = 'postgres')
    and not pg_catalog.pg_has_role('postgres', 'auth_bridge', 'member') then
    grant auth_bridge to postgres;
  end if;
end
$$;

-- -----------------------------------------------------------------------------
-- Schemas
-- -----------------------------------------------------------------------------
create schema if not exists private;
comment on schema private is
  'Helpers and security definer transitions; not exposed through the API, USAGE only where a policy or constraint needs a helper.';
revoke all on schema private from public;
grant usage on schema private to authenticated, auth_bridge;

create schema if not exists auth_bridge;
comment on schema auth_bridge is
  'The sign-in server''s own tables and functions (users, sessions, refresh tokens); reachable only through the auth_bridge role.';
revoke all on schema auth_bridge from public;
grant usage on schema auth_bridge to auth_bridge;

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.is_valid_id_number(p_id text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
declare
  weights constant int[] := array[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  check_chars constant text := '10X98765432';
  total int := 0;
  birth date;
begin
  if p_id is null or p_id !~ '^[1-9][0-9]{16}[0-9X]$' then
    return false;
  end if;
  for i in 1..17 loop
    total := total + substr(p_id, i, 1)::int * weights[i];
  end loop;
  if substr(check_chars, total % 11 + 1, 1) <> substr(p_id, 18, 1) then
    return false;
  end if;
  begin
    birth := to_date(substr(p_id, 7, 8), 'YYYYMMDD');
  exception when others then
    return false;
  end;
  -- to_date accepts 20230230 as 2023-03-02: the date must print back as written
  return to_char(birth, 'YYYYMMDD') = substr(p_id, 7, 8)
    and birth between date '1900-01-01' and current_date;
end;
$$;
comment on function private.is_valid_id_number(text) is
  'True for an 18-character resident ID number (GB 11643): 17 digits, MOD 11-2 check character (0-9 or X), and a real birth date between 1900-01-01 and today.';
grant execute on function private.is_valid_id_number(text) to authenticated, auth_bridge;

create or replace function private.mask_phone(p_phone text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when p_phone ~ '^[0-9]{11}$' then substr(p_phone, 1, 3) || '****' || substr(p_phone, 8, 4)
    when p_phone is null then null
    else '****'
  end;
$$;
comment on function private.mask_phone(text) is
  'Masks an 11-digit mobile number as 133****1188 for everyone but its owner.';
grant execute on function private.mask_phone(text) to authenticated;
