-- private.duty_requests (20261128300000_zones.sql) keeps the first result of every clock request
-- so that a retried, doubled or replayed request answers it again. Nothing pruned it: one row per
-- clock, forever. A result is only needed while a retry of its request could still act, and a
-- retry cannot act once its scan is older than the offline window:
--   - a queued (offline) scan carries its device time, and public.clock refuses a device time
--     more than 12 h back (device_time_too_old, nothing written) — after the replay lookup, so a
--     row still there answers first, and a row pruned is refused instead of acting twice;
--   - an online scan whose answer was lost is kept by the mini-program with its device time and
--     the same requestId (duty-flow.ts), so it is a queued scan from then on;
--   - a device time is at most 2 min ahead of the server's receive time (device_time_in_future),
--     and created_at is the receive time: a row older than 12 h + 2 min can only answer scans
--     that the window refuses anyway.
-- Rows are pruned once older than 13 h (the window and an hour of margin), by every clock: each
-- recorded result deletes a bounded batch (8) of the oldest expired rows of anyone, skipping rows
-- another clock is deleting, so the table stays at about 13 h of clocks and no clock waits for
-- another's cleanup. The batch is larger than the one row each clock adds, so a backlog drains.

-- -----------------------------------------------------------------------------
-- Triggers
-- -----------------------------------------------------------------------------
create or replace function private.duty_requests_prune()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from private.duty_requests d
  where d.ctid = any (array(
    select o.ctid from private.duty_requests o
    where o.created_at < pg_catalog.now() - interval '13 hours'
    order by o.created_at
    limit 8
    for update skip locked
  ));
  return null;
end;
$$;
comment on function private.duty_requests_prune() is
  'After each recorded clock result: deletes up to 8 of the oldest duty_requests rows older than 13 h (the 12 h offline window, 2 min device-clock tolerance and margin), skipping rows locked by another clock. Keeps the idempotency table at the window''s size.';
revoke all on function private.duty_requests_prune() from public, anon, authenticated;

create trigger duty_requests_after_insert_prune
  after insert on private.duty_requests
  for each row execute function private.duty_requests_prune();

comment on table private.duty_requests is
  'The first result of every clock request by (user, requestId): a retried, doubled or replayed offline request returns it instead of acting again. Rows older than 13 h are pruned by each clock (private.duty_requests_prune): a retry of such a request is refused device_time_too_old anyway.';
