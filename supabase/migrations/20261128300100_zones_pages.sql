-- =============================================================================
-- Zones (issue 8), the pages of 到岗记录: a zone's records name each guard with one call per
-- page (private.colleague_labels) instead of three queries per row. Contract: docs/zones.md.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.colleague_labels(p_company_id uuid, p_user_ids uuid[])
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  -- one call per page, not per row: the right is checked once, the names read in one join
  select coalesce(jsonb_object_agg(p.user_id, p.name || '(' || private.mask_phone(p.phone) || ')'),
    '{}'::jsonb)
  from public.profiles p
  where p.user_id = any (p_user_ids)
    and (select private.manages_company_people(p_company_id))
    and exists (
      select 1 from public.memberships m
      where m.user_id = p.user_id and m.company_id = p_company_id
    );
$$;
comment on function private.colleague_labels(uuid, uuid[]) is
  'colleague_label for a page of users at once: {user_id: "钱杰(151****3573)"}, empty for anyone but the company''s admin and zone admins.';
grant execute on function private.colleague_labels(uuid, uuid[]) to authenticated;

-- -----------------------------------------------------------------------------
-- RPCs: the read models of the API
-- -----------------------------------------------------------------------------
drop function private.records_json(public.shift_records[], int, boolean);

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
    ), labels as (
      -- one call for the page: who may see colleagues is checked once
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

-- -----------------------------------------------------------------------------
-- RPCs: the hot paths in one statement each (docs/request-path.md)
-- -----------------------------------------------------------------------------
-- private.act_as(claims) checks the session and takes the caller's role and claims; then the
-- same function the transaction form calls. Called only by the API's own connection (they take
-- claims as an argument), as one statement: one round trip, its own implicit transaction.

create or replace function private.clock_as(
  p_claims jsonb,
  p_token text,
  p_action text,
  p_lat double precision,
  p_lng double precision,
  p_request_id uuid,
  p_device_at timestamptz
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return public.clock(p_token, p_action, p_lat, p_lng, p_request_id, p_device_at)::json;
end
$$;
comment on function private.clock_as(jsonb, text, text, double precision, double precision, uuid, timestamptz) is
  'POST /api/duty in one statement: act_as, then public.clock (the statement is the transaction).';
revoke all on function private.clock_as(jsonb, text, text, double precision, double precision, uuid, timestamptz)
  from public, anon, authenticated;

create or replace function private.duty_preview_as(
  p_claims jsonb,
  p_token text,
  p_lat double precision,
  p_lng double precision
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return public.preview_duty(p_token, p_lat, p_lng)::json;
end
$$;
comment on function private.duty_preview_as(jsonb, text, double precision, double precision) is
  'POST /api/duty/preview in one statement: act_as, then public.preview_duty.';
revoke all on function private.duty_preview_as(jsonb, text, double precision, double precision)
  from public, anon, authenticated;

create or replace function private.records_as(
  p_claims jsonb,
  p_zone_id uuid,
  p_status text,
  p_before_on timestamptz,
  p_before_id uuid,
  p_limit int
)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return private.records_page(p_zone_id, p_status, p_before_on, p_before_id, p_limit);
end
$$;
comment on function private.records_as(jsonb, uuid, text, timestamptz, uuid, int) is
  'GET /api/me/records (p_zone_id null) and GET /api/zones/:id/records in one statement: act_as, then private.records_page under RLS.';
revoke all on function private.records_as(jsonb, uuid, text, timestamptz, uuid, int)
  from public, anon, authenticated;

create or replace function private.duty_state_as(p_claims jsonb)
returns json
language plpgsql
as $$
begin
  perform private.act_as(p_claims);
  return private.duty_state();
end
$$;
comment on function private.duty_state_as(jsonb) is
  'GET /api/duty in one statement: act_as, then private.duty_state.';
revoke all on function private.duty_state_as(jsonb) from public, anon, authenticated;
