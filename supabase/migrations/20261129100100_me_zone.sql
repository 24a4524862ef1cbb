-- Me knows the caller's zone (issue 8): the zone they are in, whether they are its 巡区管理员, and
-- their open shift. The home page showed the zone admin's tiles (巡区管理) and the duty card only
-- after a second request (GET /api/duty); now GET /api/me answers both in its one statement.
--
-- The query of Me lives once, in private.me_json(): private.me_as (GET /api/me: act_as, then
-- me_json, one round trip; docs/request-path.md) and the API's loadProfile (Me inside a write's
-- transaction, already acting as the caller) both call it, so the two paths cannot drift. Security
-- invoker: RLS decides, as for every user read (the caller's own profile, membership, zone
-- membership, live zone and open shift). PL/pgSQL, so its statement is planned once per connection.

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.me_json()
returns json
language plpgsql
stable
as $$
begin
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
      'notice_at', n.left_at,
      'zone_id', z.id, 'zone_name', z.name, 'zone_admin', zm.is_admin,
      'shift_id', s.id, 'shift_zone_id', s.zone_id, 'shift_zone_name', s.zone_name,
      'shift_on_at', s.on_at)
    from public.profiles p
    left join public.memberships m on m.user_id = p.user_id and m.left_at is null
    left join public.companies c on c.id = m.company_id
    left join public.registry_companies rc on rc.id = c.registry_company_id
    left join lateral public.dismissal_notice() n on true
    left join public.zone_members zm on zm.user_id = p.user_id
    left join public.zones z on z.id = zm.zone_id and z.deleted_at is null
    left join public.open_shifts s on s.user_id = p.user_id
    where p.user_id = (select auth.uid())
  );
end
$$;
comment on function private.me_json() is
  'Me as one JSON row (null when the profile is missing), under RLS as the caller: profile, company and role, pending declaration, dismissal notice, zone with the 巡区管理员 right, open shift.';
revoke all on function private.me_json() from public, anon;
grant execute on function private.me_json() to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: the read function of GET /api/me
-- -----------------------------------------------------------------------------
create or replace function private.me_as(p_claims jsonb)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return private.me_json();
end
$$;
comment on function private.me_as(jsonb) is
  'GET /api/me in one statement: act_as, then private.me_json() under RLS as the caller.';
revoke all on function private.me_as(jsonb) from public, anon, authenticated;
