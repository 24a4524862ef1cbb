-- The database side of the clock path (issue 8, POST /api/duty → private.clock_as → public.clock,
-- docs/request-path.md "Database side"): the last `language sql` helper of the path is planned
-- once per connection.
--
-- private.close_open_shift (clock-off, switching zones, leaving a company) was a `security
-- definer` SQL function, which PostgreSQL 15 parses and plans again in every call (a data-
-- modifying CTE: delete from open_shifts, insert into shifts). As PL/pgSQL its statement is
-- prepared once per backend. Same arguments, result (the moved shift's id, or null), rights and
-- effects; distance_m, the other helper of the path, is inlined since 20261129500000.

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.close_open_shift(
  p_user_id uuid,
  p_off_at timestamptz,
  p_lat double precision,
  p_lng double precision,
  p_distance_m int,
  p_reason public.shift_end_reason
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  -- one open shift per user (open_shifts_pkey): at most one row moves
  with moved as (
    delete from public.open_shifts o where o.user_id = p_user_id returning o.*
  )
  insert into public.shifts (
    id, user_id, zone_id, company_id, zone_name, on_at, on_received_at, on_lat, on_lng,
    on_distance_m, off_at, off_received_at, off_lat, off_lng, off_distance_m, end_reason
  )
  select m.id, m.user_id, m.zone_id, m.company_id, m.zone_name, m.on_at, m.on_received_at,
         m.on_lat, m.on_lng, m.on_distance_m, greatest(p_off_at, m.on_at), clock_timestamp(),
         p_lat, p_lng, p_distance_m, p_reason
  from moved m
  returning id into v_id;
  return v_id;
end
$$;
comment on function private.close_open_shift(uuid, timestamptz, double precision, double precision, int, public.shift_end_reason) is
  'Ends the user''s open shift, if any, at p_off_at: moves it (same id) into the history with the off location and reason; returns its id or null.';
