-- Me knows whether the caller is a platform supervisor (平台监督员, issue 9), so the home page shows
-- them 线索监督 (every tip; 拉黑 a tip's reporter) in the one statement of GET /api/me. The function
-- is 20261129100100_me_zone.sql's private.me_json() with one more key; private.me_as and loadProfile call it.

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
      'supervisor', private.is_platform_supervisor(),
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
  'Me as one JSON row (null when the profile is missing), under RLS as the caller: profile, company and role, pending declaration, dismissal notice, zone with the 巡区管理员 right, open shift, and whether the caller is a platform supervisor (线索监督).';
revoke all on function private.me_json() from public, anon;
grant execute on function private.me_json() to authenticated;
