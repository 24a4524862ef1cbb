-- The request path's read functions (20261128150000_request_path.sql) with what issue 6 added
-- to the same reads (20261128100100_new_user_edges.sql): the registry search says whether a
-- company is already declared (pending / approved), and Me carries the dismissal notice and
-- whether the caller has a declaration pending (no 入职扫码 then). Same security as before:
-- not definer, no `set` clause (act_as's settings must outlive the call), fully qualified
-- names, and no client role may execute them.

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
      'company_id', m.company_id, 'company_name', rc.name, 'company_role', m.role,
      'pending_declaration', exists (
        select 1 from public.companies d
        where d.declarant_id = p.user_id and d.status = 'pending'),
      'notice_id', n.membership_id, 'notice_company', n.company_name,
      'notice_at', n.left_at)
    from public.profiles p
    left join public.memberships m on m.user_id = p.user_id and m.left_at is null
    left join public.companies c on c.id = m.company_id
    left join public.registry_companies rc on rc.id = c.registry_company_id
    left join lateral public.dismissal_notice() n on true
    where p.user_id = (select auth.uid())
  );
end
$$;
comment on function private.me_as(jsonb) is
  'GET /api/me in one statement: act_as, then the caller''s profile row (null when missing) under RLS, with the pending declaration and the dismissal notice.';
revoke all on function private.me_as(jsonb) from public, anon, authenticated;

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
      'id', r.id, 'name', r.name, 'creditCode', r.credit_code,
      'declared', private.registry_company_status(r.id)) order by r.name, r.id), '[]')
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
  'GET /api/registry-companies in one statement: act_as, then up to p_limit registry companies after (name, id) whose name contains the search or whose credit code starts with it, each with declared (pending / approved / null).';
revoke all on function private.registry_companies_as(jsonb, text, text, uuid, int)
  from public, anon, authenticated;
