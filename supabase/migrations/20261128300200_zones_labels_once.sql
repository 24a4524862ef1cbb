-- =============================================================================
-- Zones (issue 8): a zone's 到岗记录 compute the guards' names once per page. A CTE referenced
-- once is inlined by the planner, which ran private.colleague_labels once per row; it is
-- materialized now. Contract: docs/zones.md.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- RPCs: the read models of the API
-- -----------------------------------------------------------------------------
create or replace function private.records_page(
  p_zone_id uuid,
  p_status text,
  p_before_on timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
stable
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_company uuid;
  v_result json;
begin
  if p_limit is null or p_limit not between 1 and 100 then
    p_limit := 20;
  end if;
  if p_status not in ('all', 'on', 'off') then
    raise exception using errcode = 'P0001', message = 'invalid_input',
      detail = '筛选条件应为 全部、上岗 或 离岗';
  end if;
  -- two statements, not one with an OR: each must use its own index, (zone_id, on_at desc, id
  -- desc) or (user_id, company_id, on_at desc, id desc), on both sides of the view; each builds
  -- the whole answer (p_limit rows, and the cursor when one more row exists)
  if p_zone_id is not null then
    -- a zone's records: its managers only; RLS on the shifts says the same again
    v_company := (private.zone_for_manager(p_zone_id, false)).company_id;
    with page as (
      select r.*, row_number() over (order by r.on_at desc, r.id desc) as n
      from (
        select r.* from public.shift_records r
        where r.zone_id = p_zone_id
          and (p_status = 'all' or r.open = (p_status = 'on'))
          and (p_before_on is null or (r.on_at, r.id) < (p_before_on, p_before_id))
        order by r.on_at desc, r.id desc
        limit p_limit + 1
      ) r
    ), labels as materialized (
      -- one call for the page (materialized: inlined, the call would run once per row)
      select private.colleague_labels(v_company,
        array(select p.user_id from page p where p.n <= p_limit)) as l
    )
    select json_build_object(
      'items', coalesce((
        select json_agg(json_build_object(
          'id', p.id, 'userId', p.user_id, 'member', labels.l ->> p.user_id::text,
          'zoneId', p.zone_id, 'zoneName', p.zone_name, 'onAt', p.on_at, 'offAt', p.off_at,
          'open', p.open, 'onLate', p.on_late, 'offLate', p.off_late,
          'onReceivedAt', p.on_received_at, 'offReceivedAt', p.off_received_at,
          'endReason', p.end_reason) order by p.n)
        from page p, labels where p.n <= p_limit), '[]'::json),
      'nextCursor', (
        select private.page_cursor(p.on_at::text, p.id) from page p
        where p.n = p_limit and exists (select 1 from page x where x.n > p_limit)))
    into v_result;
  else
    -- my records: in my current company (SPEC §4.3)
    v_company := private.my_company_id();
    if v_company is null then
      return json_build_object('items', '[]'::json, 'nextCursor', null);
    end if;
    with page as (
      select r.*, row_number() over (order by r.on_at desc, r.id desc) as n
      from (
        select r.* from public.shift_records r
        where r.user_id = v_uid and r.company_id = v_company
          and (p_status = 'all' or r.open = (p_status = 'on'))
          and (p_before_on is null or (r.on_at, r.id) < (p_before_on, p_before_id))
        order by r.on_at desc, r.id desc
        limit p_limit + 1
      ) r
    )
    select json_build_object(
      'items', coalesce((
        select json_agg(json_build_object(
          'id', p.id, 'userId', p.user_id, 'member', null, 'zoneId', p.zone_id,
          'zoneName', p.zone_name, 'onAt', p.on_at, 'offAt', p.off_at, 'open', p.open,
          'onLate', p.on_late, 'offLate', p.off_late, 'onReceivedAt', p.on_received_at,
          'offReceivedAt', p.off_received_at, 'endReason', p.end_reason) order by p.n)
        from page p where p.n <= p_limit), '[]'::json),
      'nextCursor', (
        select private.page_cursor(p.on_at::text, p.id) from page p
        where p.n = p_limit and exists (select 1 from page x where x.n > p_limit)))
    into v_result;
  end if;
  return v_result;
end;
$$;
comment on function private.records_page(uuid, text, timestamptz, uuid, int) is
  '到岗记录: a page of a zone''s shifts (p_zone_id, for its managers) or of the caller''s own in their current company (p_zone_id null), filtered all / on (open) / off (closed), newest clock-on first, under RLS; the whole JSON answer in one statement.';
grant execute on function private.records_page(uuid, text, timestamptz, uuid, int) to authenticated;
