-- =============================================================================
-- 每日到岗统计 over a window of days (issue 7; docs/police-studio.md).
--
-- police.attendance_daily splits every shift of the history into its Asia/Shanghai days and
-- aggregates them all, whatever the reader then asks for: a predicate on `day` cannot reach the
-- scan of public.shifts (the day is made from each shift). The console's first page of 20 days,
-- and the 7 days of its chart, aggregated all 10,040 shifts of the bench (~1 call a second).
-- private.attendance_days(from, to) is the same aggregation for the shifts that touch those days
-- only (an index on off_at finds them); the view is that function over every day, so the two
-- cannot drift apart; console_attendance_as widens its window until the page is full, and
-- console_charts_as asks for its 7 days. Under the reader's RLS as before.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Indexes
-- -----------------------------------------------------------------------------
-- the shifts that touch a window of days: off_at after its start (on_at before its end)
create index if not exists shifts_off_at_idx on public.shifts (off_at);

-- -----------------------------------------------------------------------------
-- Helpers: attendance of a window of days
-- -----------------------------------------------------------------------------
create or replace function private.attendance_days(p_from date, p_to date)
returns table (
  company_id uuid, company_name text, day date, guards int, shifts int, hours numeric
)
language sql
stable
as $$
  -- No `set` clause and no security definer (hence the qualified names): the planner inlines
  -- it, so the window reaches the scans, which run under the reader's RLS. Null: unbounded.
  with s as (
    select s.company_id, s.user_id, s.on_at, s.off_at
    from public.shifts s
    -- a shift ending at the window's first midnight still counts there (0 hours), as before
    where s.off_at >= coalesce(p_from::timestamp at time zone 'Asia/Shanghai', '-infinity')
      and s.on_at < coalesce((p_to + 1)::timestamp at time zone 'Asia/Shanghai', 'infinity')
    union all
    select o.company_id, o.user_id, o.on_at, pg_catalog.now()
    from public.open_shifts o
    where o.on_at < coalesce((p_to + 1)::timestamp at time zone 'Asia/Shanghai', 'infinity')
  ),
  per_day as (
    -- a shift over midnight counts in each day it touches, with the hours of that day
    select s.company_id, s.user_id, d.day,
           extract(epoch from
             least(s.off_at, ((d.day + 1)::timestamp at time zone 'Asia/Shanghai'))
             - greatest(s.on_at, (d.day::timestamp at time zone 'Asia/Shanghai'))) as seconds
    from s
    cross join lateral (
      select g::date as day
      from pg_catalog.generate_series((s.on_at at time zone 'Asia/Shanghai')::date,
                                      (s.off_at at time zone 'Asia/Shanghai')::date,
                                      interval '1 day') g
    ) d
    where d.day between coalesce(p_from, d.day) and coalesce(p_to, d.day)
  )
  select p.company_id, r.name as company_name, p.day, count(distinct p.user_id)::int as guards,
         count(*)::int as shifts, round((sum(p.seconds) / 3600)::numeric, 2) as hours
  from per_day p
  left join public.companies c on c.id = p.company_id
  left join public.registry_companies r on r.id = c.registry_company_id
  where (select private.is_police_reader())
  group by p.company_id, r.name, p.day;
$$;
comment on function private.attendance_days(date, date) is
  '考勤 of the days from p_from to p_to (Asia/Shanghai; null: unbounded), per company per day: guards on duty, shifts, hours (open shifts count until now). Police readers only, under their RLS.';
revoke all on function private.attendance_days(date, date) from public, anon;
grant execute on function private.attendance_days(date, date) to authenticated;

-- -----------------------------------------------------------------------------
-- Views
-- -----------------------------------------------------------------------------
create or replace view police.attendance_daily with (security_invoker = true) as
  select a.company_id, a.company_name, a.day, a.guards, a.shifts, a.hours
  from private.attendance_days(null, null) a;
comment on view police.attendance_daily is '考勤: per company per day (Asia/Shanghai): guards on duty, shifts, hours on duty (open shifts count until now).';

-- -----------------------------------------------------------------------------
-- RPCs: the console's attendance page and charts over windows
-- -----------------------------------------------------------------------------
create or replace function private.console_attendance_as(
  p_claims jsonb, p_q text, p_status text, p_after date, p_after_id uuid, p_limit int
)
returns json
language plpgsql
as $$
declare
  -- the newest day a row can have: after the cursor's, or tomorrow (a shift clocked on a
  -- minute ahead of midnight)
  v_to date := coalesce(p_after, (now() at time zone 'Asia/Shanghai')::date + 1);
  v_span int := 8;
  v_from date;
  v_out json;
  v_more boolean;
begin
  perform private.console_act_as(p_claims);
  loop
    v_from := v_to - v_span + 1;
    with page as (
      select x.*, row_number() over (order by x.s desc, x.i desc) as n
      from (
        select pg_catalog.json_build_object(
                 'companyId', p.company_id, 'companyName', p.company_name,
                 'day', p.day::text, 'guards', p.guards, 'shifts', p.shifts,
                 'hours', p.hours::float8) as j,
               p.day as s, p.company_id as i
        from private.attendance_days(v_from, v_to) p
        where (p_q is null or pg_catalog.concat_ws(' ', p.company_name, p.day::text) ilike p_q)
          and (p_after is null or (p.day, p.company_id) < (p_after, p_after_id))
        order by p.day desc, p.company_id desc
        limit p_limit + 1
      ) x
    )
    select pg_catalog.json_build_object(
             'items', coalesce((select pg_catalog.json_agg(j order by n) from page
                                where n <= p_limit), '[]'::json),
             'nextCursor', (select private.console_cursor(s::text, i::text) from page
                            where n = p_limit and exists (select 1 from page where n > p_limit))),
           exists (select 1 from page where n > p_limit)
      into v_out, v_more;
    -- a full page, or no shift (closed or open) before the window: every older day is empty
    exit when v_more or not (
      exists (select 1 from public.shifts s
              where s.off_at < v_from::timestamp at time zone 'Asia/Shanghai')
      or exists (select 1 from public.open_shifts o
                 where o.on_at < v_from::timestamp at time zone 'Asia/Shanghai'));
    v_span := v_span * 4;
  end loop;
  return v_out;
end
$$;
comment on function private.console_attendance_as(jsonb, text, text, date, uuid, int) is
  'GET /api/console/attendance (and …/csv) in one statement: 每日到岗统计 in the officer''s scope, newest day first, from a window of days widened until the page is full.';
revoke all on function private.console_attendance_as(jsonb, text, text, date, uuid, int)
  from public, anon, authenticated;

create or replace function private.console_charts_as(p_claims jsonb)
returns json
language plpgsql
as $$
declare
  v_today date;
  v_t0 timestamptz;
begin
  perform private.console_act_as(p_claims);
  v_today := (now() at time zone 'Asia/Shanghai')::date;
  v_t0 := v_today::timestamp at time zone 'Asia/Shanghai';
  return pg_catalog.json_build_object(
    'today', v_today::text,
    -- distinct guards on duty at any moment of each hour of today (Asia/Shanghai), shifts
    -- closed and open, up to now
    'onDutyByHour', (
      with s as (
        select s.user_id, s.on_at, s.off_at from public.shifts s
        where s.off_at > v_t0 and s.on_at < v_t0 + interval '1 day'
        union all
        select o.user_id, o.on_at, now() from public.open_shifts o
      )
      select pg_catalog.json_agg(x.guards order by x.h)
      from (
        select h.h, count(distinct s.user_id)::int as guards
        from generate_series(0, 23) as h(h)
        left join s on s.on_at < v_t0 + make_interval(hours => h.h + 1)
                   and s.off_at > v_t0 + make_interval(hours => h.h)
                   and v_t0 + make_interval(hours => h.h) <= now()
                   and (select private.is_police_reader())
        group by h.h
      ) x),
    -- the last 7 days, and the ten companies with the most hours in them (more would make
    -- the chart unreadable)
    'attendance', (
      with days as (
        select (v_today - 6 + i)::date as day, i from generate_series(0, 6) i
      ),
      att as (
        select p.company_id, p.company_name, p.day, p.hours::float8 as hours, p.guards
        from private.attendance_days(v_today - 6, v_today) p
      ),
      top as (
        select a.company_id, min(a.company_name) as company_name, sum(a.hours) as total
        from att a group by a.company_id
        order by sum(a.hours) desc, min(a.company_name), a.company_id
        limit 10
      )
      select pg_catalog.json_build_object(
        'days', (select pg_catalog.json_agg(d.day::text order by d.i) from days d),
        'companies', coalesce((
          select pg_catalog.json_agg(pg_catalog.json_build_object(
            'companyId', t.company_id,
            'companyName', coalesce(t.company_name, '（未知单位）'),
            'hours', (select pg_catalog.json_agg(coalesce(a.hours, 0) order by d.i)
                      from days d left join att a on a.company_id = t.company_id and a.day = d.day),
            'guards', (select pg_catalog.json_agg(coalesce(a.guards, 0) order by d.i)
                       from days d left join att a on a.company_id = t.company_id and a.day = d.day)
          ) order by t.total desc, t.company_name, t.company_id)
          from top t), '[]'::json))),
    'tips', coalesce((
      select pg_catalog.json_agg(pg_catalog.json_build_object(
        'category', x.category, 'status', x.status, 'count', x.count)
        order by x.category, x.status)
      from (
        select t.category, t.status::text as status, sum(t.tips)::int as count
        from police.tips_summary t group by t.category, t.status
      ) x), '[]'::json));
end
$$;
comment on function private.console_charts_as(jsonb) is
  'GET /api/console/charts in one statement: today''s guards on duty per hour, the last 7 days'' hours of the ten busiest companies, tips by category and status, under the officer''s RLS.';
revoke all on function private.console_charts_as(jsonb) from public, anon, authenticated;
