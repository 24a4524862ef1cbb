-- The request path (docs/request-path.md): how the API takes the caller's identity inside the
-- database, in one statement, with the session checked in that same statement.
--
-- private.act_as(claims) is what withUser and every read function run first: it refuses a
-- revoked or unknown session (logout, refresh-token reuse: at once, not when the access token
-- expires), then takes the role `authenticated` and the claims with set_config(…, true), so they
-- end with the transaction (Supabase's transaction pooler: no session state survives it).
-- The read functions (private.*_as) run act_as and then their query inside one SQL function:
-- PL/pgSQL plans its statements once per connection (and re-plans if the role differs, as RLS
-- requires), where a client statement sent without a named prepared statement is planned anew
-- every time; and the whole read is one statement, one round trip.
--
-- None of these is executable by a client role: they take claims as an argument, so only the
-- API's own connection (the owner) may call them. Not `security definer`: act_as must change
-- the caller's role, which Postgres forbids inside a definer function; and no `set` clause,
-- which would undo the settings at the function's exit. Hence fully qualified names.

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.act_as(p_claims jsonb)
returns void
language plpgsql
as $$
begin
  -- Tokens of the API always carry session_id (verifyAccessToken requires it); claims made
  -- in-process without one (tests acting as a user) have no session to check.
  if p_claims ? 'session_id' and not exists (
    select 1 from auth_bridge.sessions s
    where s.id = (p_claims ->> 'session_id')::uuid and s.revoked_at is null
  ) then
    raise exception using errcode = 'P0001', message = 'session_revoked',
      detail = '登录已失效，请重新登录';
  end if;
  perform pg_catalog.set_config('request.jwt.claims', p_claims::text, true),
          pg_catalog.set_config('request.jwt.claim.sub', p_claims ->> 'sub', true),
          pg_catalog.set_config('request.jwt.claim.role', 'authenticated', true),
          pg_catalog.set_config('role', 'authenticated', true);
end
$$;
comment on function private.act_as(jsonb) is
  'The API''s switch into a user request: refuses a revoked session (session_revoked), then sets role authenticated and the JWT claims for the rest of the transaction.';
revoke all on function private.act_as(jsonb) from public, anon, authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: the read functions (one per read endpoint; docs/request-path.md)
-- -----------------------------------------------------------------------------
create or replace function private.me_as(p_claims jsonb)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  -- Under RLS as the caller, like every user read: the caller's own profile and membership.
  return (
    select pg_catalog.json_build_object(
      'user_id', p.user_id, 'phone', p.phone, 'name', p.name, 'verified_at', p.verified_at,
      'source', p.source,
      'police', exists (select 1 from public.police_officers o where o.user_id = p.user_id),
      'company_id', m.company_id, 'company_name', rc.name, 'company_role', m.role)
    from public.profiles p
    left join public.memberships m on m.user_id = p.user_id and m.left_at is null
    left join public.companies c on c.id = m.company_id
    left join public.registry_companies rc on rc.id = c.registry_company_id
    where p.user_id = (select auth.uid())
  );
end
$$;
comment on function private.me_as(jsonb) is
  'GET /api/me in one statement: act_as, then the caller''s profile row (null when missing) under RLS.';
revoke all on function private.me_as(jsonb) from public, anon, authenticated;

create or replace function private.staff_as(
  p_claims jsonb,
  p_company_id uuid,
  p_search text,
  p_before_joined timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
      'membershipId', s.membership_id, 'userId', s.user_id, 'name', s.name, 'phone', s.phone,
      'role', s.role, 'hasGuardCertificate', s.has_guard_certificate,
      -- joinedAt as JavaScript's toISOString() writes it; joinedKey exact, for the cursor
      'joinedAt', pg_catalog.to_char(s.joined_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'joinedKey', s.joined_at::text, 'entryDate', s.entry_date)
      order by s.joined_at desc, s.membership_id desc), '[]')
    from public.list_staff(p_company_id, p_search, p_before_joined, p_before_id, p_limit) s
  );
end
$$;
comment on function private.staff_as(jsonb, uuid, text, timestamptz, uuid, int) is
  'GET /api/companies/:id/staff in one statement: act_as, then public.list_staff as a JSON array.';
revoke all on function private.staff_as(jsonb, uuid, text, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.departments_as(p_claims jsonb)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
      'id', d.id, 'parentId', d.parent_id, 'name', d.name, 'kind', d.kind, 'sort', d.sort,
      'code', d.code) order by d.sort, d.name), '[]')
    from public.departments d
  );
end
$$;
comment on function private.departments_as(jsonb) is
  'GET /api/departments in one statement: act_as, then every department readable to the caller.';
revoke all on function private.departments_as(jsonb) from public, anon, authenticated;

create or replace function private.registry_companies_as(
  p_claims jsonb,
  p_search text,
  p_after_name text,
  p_after_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
declare
  -- ilike/like wildcards typed by the user are literal characters, not patterns
  v_literal text := pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
    coalesce(p_search, ''), '\', '\\'), '%', '\%'), '_', '\_');
begin
  perform private.act_as(p_claims);
  return (
    select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
      'id', r.id, 'name', r.name, 'creditCode', r.credit_code) order by r.name, r.id), '[]')
    from (
      select rc.id, rc.name, rc.credit_code
      from public.registry_companies rc
      where (rc.name ilike '%' || v_literal || '%'
             or rc.credit_code like pg_catalog.upper(v_literal) || '%')
        and (p_after_id is null or (rc.name, rc.id) > (p_after_name, p_after_id))
      order by rc.name, rc.id
      limit p_limit
    ) r
  );
end
$$;
comment on function private.registry_companies_as(jsonb, text, text, uuid, int) is
  'GET /api/registry-companies in one statement: act_as, then up to p_limit registry companies after (name, id) whose name contains the search or whose credit code starts with it.';
revoke all on function private.registry_companies_as(jsonb, text, text, uuid, int)
  from public, anon, authenticated;

create or replace function private.reviews_as(
  p_claims jsonb,
  p_status text,
  p_before_created timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
declare
  v_items json;
  v_count int;
  v_last_created timestamptz;
  v_last_id uuid;
begin
  perform private.act_as(p_claims);
  select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
           'token', d.review_token, 'id', d.id, 'companyName', d.company_name,
           'creditCode', d.credit_code, 'departmentName', d.department_name,
           'address', d.address, 'contactPhone', d.contact_phone,
           'declarantName', d.declarant_name, 'status', d.status,
           'createdAt', pg_catalog.to_char(d.created_at at time zone 'UTC',
                                           'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'createdKey', d.created_at::text)
           order by d.created_at desc, d.id desc), '[]'),
         count(*),
         (pg_catalog.array_agg(d.created_at order by d.created_at, d.id))[1],
         (pg_catalog.array_agg(d.id order by d.created_at, d.id))[1]
    into v_items, v_count, v_last_created, v_last_id
    from public.list_declarations(p_status::public.company_status, p_before_created,
                                  p_before_id, p_limit) d;
  -- list_declarations caps a page at 50, so whether another page follows is a probe of one
  -- row after a full page.
  return pg_catalog.json_build_object(
    'items', v_items,
    'more', v_count = p_limit and exists (
      select 1 from public.list_declarations(p_status::public.company_status, v_last_created,
                                             v_last_id, 1)));
end
$$;
comment on function private.reviews_as(jsonb, text, timestamptz, uuid, int) is
  'GET /api/reviews in one statement: act_as, then a page of public.list_declarations and whether another follows.';
revoke all on function private.reviews_as(jsonb, text, timestamptz, uuid, int)
  from public, anon, authenticated;
