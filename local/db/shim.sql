-- =============================================================================
-- Supabase shim: what a hosted Supabase database already has and plain
-- PostgreSQL 15 / PGlite lacks. Applied by local/db/migrate.ts before the
-- migrations, never on hosted Supabase. Idempotent: every object is created only
-- where absent, so re-running it (or running it in a second database of the same
-- cluster, where roles already exist) changes nothing.
-- Shapes follow supabase/postgres (roles, grants), supabase/auth (auth.uid/role/jwt)
-- and supabase/storage (buckets, objects, helper functions).
-- =============================================================================

-- ---------------------------------------------------------------------------
-- Roles (cluster-wide: another database may have created them already)
-- ---------------------------------------------------------------------------
do $shim$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
exception
  -- a concurrent test run in another database created it between check and create
  when duplicate_object or unique_violation then null;
end
$shim$;

do $shim$
begin
  if not pg_catalog.pg_has_role('authenticator', 'anon', 'member') then
    grant anon to authenticator;
  end if;
  if not pg_catalog.pg_has_role('authenticator', 'authenticated', 'member') then
    grant authenticated to authenticator;
  end if;
  if not pg_catalog.pg_has_role('authenticator', 'service_role', 'member') then
    grant service_role to authenticator;
  end if;
end
$shim$;

-- ---------------------------------------------------------------------------
-- public schema: Supabase grants usage and, by default privileges, everything
-- on new objects to the API roles; migrations must revoke what they do not want.
-- ---------------------------------------------------------------------------
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------
-- extensions schema with pgcrypto
-- ---------------------------------------------------------------------------
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;

do $shim$
begin
  if not exists (select 1 from pg_catalog.pg_extension where extname = 'pgcrypto') then
    create extension pgcrypto with schema extensions;
  end if;
end
$shim$;

-- ---------------------------------------------------------------------------
-- auth schema: the request helpers exactly as supabase/auth defines them
-- ---------------------------------------------------------------------------
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

do $shim$
begin
  if pg_catalog.to_regprocedure('auth.uid()') is null then
    execute $fn$
      create function auth.uid() returns uuid
      language sql stable
      as $body$
        -- Supabase's current definition: an emptied claim.sub (left '' on a pooled
        -- connection by a previous transaction) must not hide the sub of the claims.
        select
        coalesce(
          nullif(current_setting('request.jwt.claim.sub', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        )::uuid
      $body$
    $fn$;
    comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';
  end if;

  if pg_catalog.to_regprocedure('auth.role()') is null then
    execute $fn$
      create function auth.role() returns text
      language sql stable
      as $body$
        select
        coalesce(
          nullif(current_setting('request.jwt.claim.role', true), ''),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
        )::text
      $body$
    $fn$;
    comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';
  end if;

  if pg_catalog.to_regprocedure('auth.jwt()') is null then
    execute $fn$
      create function auth.jwt() returns jsonb
      language sql stable
      as $body$
        select
        coalesce(
          nullif(current_setting('request.jwt.claim', true), ''),
          nullif(current_setting('request.jwt.claims', true), '')
        )::jsonb
      $body$
    $fn$;
  end if;
end
$shim$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------
-- storage schema: buckets, objects and the helpers policies use
-- ---------------------------------------------------------------------------
create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role;
alter default privileges in schema storage grant all on tables to anon, authenticated, service_role;
alter default privileges in schema storage grant all on functions to anon, authenticated, service_role;
alter default privileges in schema storage grant all on sequences to anon, authenticated, service_role;

create table if not exists storage.buckets (
  id text not null primary key,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text
);
create unique index if not exists bname on storage.buckets using btree (name);

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb
);
create unique index if not exists bucketid_objname on storage.objects using btree (bucket_id, name);
create index if not exists name_prefix_search on storage.objects using btree (name text_pattern_ops);

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

grant all on table storage.buckets, storage.objects to anon, authenticated, service_role;

do $shim$
begin
  if pg_catalog.to_regprocedure('storage.foldername(text)') is null then
    execute $fn$
      create function storage.foldername(name text) returns text[]
      language plpgsql
      as $body$
      declare
        _parts text[];
      begin
        select string_to_array(name, '/') into _parts;
        return _parts[1:array_length(_parts, 1) - 1];
      end
      $body$
    $fn$;
  end if;

  if pg_catalog.to_regprocedure('storage.filename(text)') is null then
    execute $fn$
      create function storage.filename(name text) returns text
      language plpgsql
      as $body$
      declare
        _parts text[];
      begin
        select string_to_array(name, '/') into _parts;
        return _parts[array_length(_parts, 1)];
      end
      $body$
    $fn$;
  end if;

  if pg_catalog.to_regprocedure('storage.extension(text)') is null then
    execute $fn$
      create function storage.extension(name text) returns text
      language plpgsql
      as $body$
      declare
        _parts text[];
        _filename text;
      begin
        select string_to_array(name, '/') into _parts;
        select _parts[array_length(_parts, 1)] into _filename;
        return reverse(split_part(reverse(_filename), '.', 1));
      end
      $body$
    $fn$;
  end if;
end
$shim$;

grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text)
  to anon, authenticated, service_role;
