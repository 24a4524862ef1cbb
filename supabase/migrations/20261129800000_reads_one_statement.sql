-- =============================================================================
-- The last reads that still took four round trips (begin; act_as; the read; commit) take one
-- statement like every other read (issue 7; docs/request-path.md): GET /api/zones/{id}, the zone's
-- QR (GET /api/zones/{id}/code.png) and the company's 单位码 (GET /api/companies/{id}/code.png).
-- Each is act_as, then the very read the route ran inside withUser, under the caller's RLS.
-- (The declarant's review QR reads private.companies_mine_as, as GET /api/companies/mine does.)
-- =============================================================================

create or replace function private.zone_detail_as(p_claims jsonb, p_zone_id uuid)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return private.zone_detail(p_zone_id);
end
$$;
comment on function private.zone_detail_as(jsonb, uuid) is
  'GET /api/zones/{id} in one statement: act_as, then private.zone_detail (zone_not_found / not_zone_admin).';
revoke all on function private.zone_detail_as(jsonb, uuid) from public, anon, authenticated;

create or replace function private.zone_code_as(p_claims jsonb, p_zone_id uuid)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  -- the zone's managers only: zone_not_found / not_zone_admin as for its detail
  perform private.zone_for_manager(p_zone_id, false);
  return (
    select json_build_object('token', c.token, 'name', z.name)
    from public.zone_codes c
    join public.zones z on z.id = c.zone_id
    where c.zone_id = p_zone_id and c.revoked_at is null);
end
$$;
comment on function private.zone_code_as(jsonb, uuid) is
  'GET /api/zones/{id}/code.png in one statement: the live QR token and the zone''s name, for its managers.';
revoke all on function private.zone_code_as(jsonb, uuid) from public, anon, authenticated;

create or replace function private.company_code_as(p_claims jsonb, p_company_id uuid)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  -- RLS on company_codes shows a company's code to its admins only: null for anyone else
  return (
    select json_build_object('token', k.token, 'name', rc.name)
    from public.company_codes k
    join public.companies c on c.id = k.company_id
    join public.registry_companies rc on rc.id = c.registry_company_id
    where k.company_id = p_company_id);
end
$$;
comment on function private.company_code_as(jsonb, uuid) is
  'GET /api/companies/{id}/code.png in one statement: the 单位码 token and the company''s name, for its admins (null otherwise).';
revoke all on function private.company_code_as(jsonb, uuid) from public, anon, authenticated;
