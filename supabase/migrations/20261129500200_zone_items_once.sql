-- The database side of the request path (docs/request-path.md, "Database side"): a page of
-- zones (巡区管理, GET /api/zones) asks for the creators' names and the counts once per page,
-- not once per zone.
--
-- private.zone_items called private.colleague_name per zone, which called
-- manages_company_people, which called my_company_id: three security definer calls, each
-- starting an executor, for each of 20 zones; and two counting subqueries per zone. Now the
-- right is checked once per company of the page (private.colleague_names, like
-- colleague_labels) and the members and guards on duty are counted in one grouped scan each,
-- still under RLS as the caller. The answer is the same (docs/zones.md's Zone shape).

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.colleague_names(p_company_id uuid, p_user_ids uuid[])
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- colleague_name for several users at once: the right is checked once
  return (
    select coalesce(jsonb_object_agg(p.user_id, p.name), '{}'::jsonb)
    from public.profiles p
    where p.user_id = any (p_user_ids)
      and (select private.manages_company_people(p_company_id)));
end
$$;
comment on function private.colleague_names(uuid, uuid[]) is
  'colleague_name for several users at once: {user_id: name} for the company''s admin and zone admins, empty for anyone else.';
revoke all on function private.colleague_names(uuid, uuid[]) from public, anon;
grant execute on function private.colleague_names(uuid, uuid[]) to authenticated;

create or replace function private.zone_items(p_ids uuid[])
returns json
language plpgsql
stable
set search_path = ''
as $$
begin
  return (
    with zs as (
      select z.* from public.zones z where z.id = any (p_ids)
    ), names as (
      select zs.company_id, private.colleague_names(zs.company_id, array_agg(distinct zs.created_by)) as n
      from zs group by zs.company_id
    ), members as (
      select zm.zone_id, count(*) as n from public.zone_members zm
      where zm.zone_id = any (p_ids) group by zm.zone_id
    ), on_duty as (
      select o.zone_id, count(*) as n from public.open_shifts o
      where o.zone_id = any (p_ids) group by o.zone_id
    )
    select coalesce(json_agg(json_build_object(
      'id', z.id, 'name', z.name, 'departmentId', z.department_id, 'departmentName', d.name,
      'branchName', dp.name, 'lat', z.lat, 'lng', z.lng, 'address', z.address,
      'addressDetail', z.address_detail, 'remark', z.remark, 'geofenceM', z.geofence_m,
      'createdAt', z.created_at,
      'createdByName', nm.n ->> z.created_by::text,
      'memberCount', coalesce(mc.n, 0),
      'onDutyCount', coalesce(od.n, 0),
      'myRight', case when z.company_id = (select private.my_company_id('admin'))
        then 'company_admin' else 'zone_admin' end
    ) order by z.created_at desc, z.id desc), '[]'::json)
    from zs z
    join public.departments d on d.id = z.department_id
    left join public.departments dp on dp.id = d.parent_id
    left join names nm on nm.company_id = z.company_id
    left join members mc on mc.zone_id = z.id
    left join on_duty od on od.zone_id = z.id);
end
$$;
comment on function private.zone_items(uuid[]) is
  'The Zone shape of docs/zones.md for the given zones the caller can see, newest first; names and counts read once per page.';
