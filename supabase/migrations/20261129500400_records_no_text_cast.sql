-- The database side of the request path (docs/request-path.md, "Database side"): 到岗记录 builds
-- its page as shift_records directly instead of through their text form.
--
-- records_page collected the rows of its union subquery as anonymous records and stored them in
-- a shift_records[] variable, which PostgreSQL converts element by element through text
-- (record_out, then record_in of every column): ~15 % of the backend time of GET
-- /api/me/records and /api/zones/:id/records (perf). `r::public.shift_records` casts each row
-- column by column inside the query (the columns are already in the view's order and types), so
-- the assignment is a plain copy. The function is otherwise the one of
-- 20261128300300_zones_records_keyset.sql, answer for answer.

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
-- a side switched off by the filter is planned as a scan of the whole history (never run), whose
-- cost alone would make PostgreSQL JIT-compile the statement: ~190 ms for a 1 ms read
set jit = off
as $$
declare
  v_uid uuid := private.require_user();
  v_company uuid;
  v_open boolean := p_status in ('all', 'on');
  v_closed boolean := p_status in ('all', 'off');
  v_rows public.shift_records[];
  v_labels jsonb;
begin
  if p_limit is null or p_limit not between 1 and 100 then
    p_limit := 20;
  end if;
  if p_status is null or p_status not in ('all', 'on', 'off') then
    raise exception using errcode = 'P0001', message = 'invalid_input',
      detail = '筛选条件应为 全部、上岗 或 离岗';
  end if;
  if p_zone_id is not null then
    -- a zone's records: its managers only; RLS on the shifts says the same again
    v_company := (private.zone_for_manager(p_zone_id, false)).company_id;
    -- each side newest first by its (zone_id, on_at desc, id desc) index, p_limit + 1 rows
    select array_agg(r::public.shift_records order by r.on_at desc, r.id desc) into v_rows
    from (
      (select o.id, o.user_id, o.zone_id, o.company_id, o.zone_name, o.on_at, o.on_received_at,
              o.on_late, o.on_distance_m, null::timestamptz as off_at,
              null::timestamptz as off_received_at, false as off_late, null::int as off_distance_m,
              null::public.shift_end_reason as end_reason, true as open
       from public.open_shifts o
       where v_open and o.zone_id = p_zone_id
         and (p_before_on is null or (o.on_at, o.id) < (p_before_on, p_before_id))
       order by o.on_at desc, o.id desc
       limit p_limit + 1)
      union all
      (select s.id, s.user_id, s.zone_id, s.company_id, s.zone_name, s.on_at, s.on_received_at,
              s.on_late, s.on_distance_m, s.off_at, s.off_received_at, s.off_late,
              s.off_distance_m, s.end_reason, false
       from public.shifts s
       where v_closed and s.zone_id = p_zone_id
         and (p_before_on is null or (s.on_at, s.id) < (p_before_on, p_before_id))
       order by s.on_at desc, s.id desc
       limit p_limit + 1)
      order by 6 desc, 1 desc
      limit p_limit + 1
    ) r;
    -- the guards' names once for the page
    v_labels := private.colleague_labels(v_company,
      array(select x.user_id from unnest(v_rows[1:p_limit]) x));
  else
    -- my records: in my current company (SPEC §4.3), by (user_id, company_id, on_at desc, id desc)
    v_company := private.my_company_id();
    if v_company is null then
      return json_build_object('items', '[]'::json, 'nextCursor', null);
    end if;
    select array_agg(r::public.shift_records order by r.on_at desc, r.id desc) into v_rows
    from (
      (select o.id, o.user_id, o.zone_id, o.company_id, o.zone_name, o.on_at, o.on_received_at,
              o.on_late, o.on_distance_m, null::timestamptz as off_at,
              null::timestamptz as off_received_at, false as off_late, null::int as off_distance_m,
              null::public.shift_end_reason as end_reason, true as open
       from public.open_shifts o
       where v_open and o.user_id = v_uid and o.company_id = v_company
         and (p_before_on is null or (o.on_at, o.id) < (p_before_on, p_before_id)))
      union all
      (select s.id, s.user_id, s.zone_id, s.company_id, s.zone_name, s.on_at, s.on_received_at,
              s.on_late, s.on_distance_m, s.off_at, s.off_received_at, s.off_late,
              s.off_distance_m, s.end_reason, false
       from public.shifts s
       where v_closed and s.user_id = v_uid and s.company_id = v_company
         and (p_before_on is null or (s.on_at, s.id) < (p_before_on, p_before_id))
       order by s.on_at desc, s.id desc
       limit p_limit + 1)
      order by 6 desc, 1 desc
      limit p_limit + 1
    ) r;
  end if;
  return json_build_object(
    'items', coalesce((
      select json_agg(json_build_object(
        'id', x.id, 'userId', x.user_id, 'member', v_labels ->> x.user_id::text,
        'zoneId', x.zone_id, 'zoneName', x.zone_name, 'onAt', x.on_at, 'offAt', x.off_at,
        'open', x.open, 'onLate', x.on_late, 'offLate', x.off_late,
        'onReceivedAt', x.on_received_at, 'offReceivedAt', x.off_received_at,
        'endReason', x.end_reason) order by x.n)
      from unnest(v_rows[1:p_limit]) with ordinality as x(id, user_id, zone_id, company_id,
        zone_name, on_at, on_received_at, on_late, on_distance_m, off_at, off_received_at,
        off_late, off_distance_m, end_reason, open, n)), '[]'::json),
    'nextCursor', case when coalesce(array_length(v_rows, 1), 0) > p_limit
      then private.page_cursor((v_rows[p_limit]).on_at::text, (v_rows[p_limit]).id) end
  );
end;
$$;
comment on function private.records_page(uuid, text, timestamptz, uuid, int) is
  '到岗记录: a page of a zone''s shifts (p_zone_id, for its managers) or of the caller''s own in their current company (p_zone_id null), filtered all / on (open) / off (closed), newest clock-on first, under RLS; each side read by its own keyset index up to the page size.';
grant execute on function private.records_page(uuid, text, timestamptz, uuid, int) to authenticated;
