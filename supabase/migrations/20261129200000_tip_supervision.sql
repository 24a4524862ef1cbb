-- 线索监督 (issue 9): what the platform supervisors' screen needs beyond 20261128400000_tips.
-- Supervisors (public.platform_supervisors) already read every tip under RLS and blacklist a
-- reporter with public.blacklist_tip_reporter; here: whether a tip's reporter is blacklisted
-- (so the detail says 已拉黑 instead of offering it again), and the indexes of their list of
-- every tip, newest first, by status.

-- -----------------------------------------------------------------------------
-- Indexes
-- -----------------------------------------------------------------------------
-- The supervisors' list reads all tips (no department filter), keyset on (created_at, id).
create index tips_created_idx on public.tips (created_at desc, id desc);
create index tips_status_created_idx on public.tips (status, created_at desc, id desc);

-- -----------------------------------------------------------------------------
-- RPCs
-- -----------------------------------------------------------------------------
create or replace function public.tip_reporter_blacklisted(p_tip_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case when private.is_platform_supervisor() then exists (
    select 1
      from private.tip_reporters r
      join private.tip_blacklist b on b.user_id = r.reporter_id
     where r.tip_id = p_tip_id
  ) end;
$$;
comment on function public.tip_reporter_blacklisted(uuid) is
  '线索监督: true when the reporter of this tip is on the blacklist, for platform supervisors only; null for everyone else (an officer learns nothing, not even whether two anonymous tips share a blacklisted sender).';
revoke all on function public.tip_reporter_blacklisted(uuid) from public, anon;
grant execute on function public.tip_reporter_blacklisted(uuid) to authenticated;
