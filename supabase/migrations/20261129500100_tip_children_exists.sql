-- The database side of the request path (docs/request-path.md, "Database side"): a tip's photos,
-- history and thread follow the tip by a correlated EXISTS instead of `tip_id in (select t.id
-- from public.tips t)`.
--
-- The IN form is uncorrelated, so PostgreSQL evaluates it as one hashed subplan: every tip the
-- caller may see, read under the tips policy, to answer for the two events of one tip (a tip's
-- detail read all 2,000 tips of the bench database twice, 190 of its 241 buffers; each list
-- did the same once for photoCount). EXISTS lets the planner choose per query: an index probe
-- of tips_pkey (still under the tips policy) per row for a few rows, or the hashed form for
-- many (an AlternativeSubPlan). Who may read which row is unchanged: a row is visible exactly
-- when its tip is (supabase/tests/tip-access.test.ts, police-views-scope.test.ts).

-- -----------------------------------------------------------------------------
-- Policies
-- -----------------------------------------------------------------------------
alter policy "Whoever can view a tip can view its photos" on public.tip_photos
  using (exists (select 1 from public.tips t where t.id = tip_photos.tip_id));

alter policy "Whoever can view a tip can view its history" on public.tip_events
  using (exists (select 1 from public.tips t where t.id = tip_events.tip_id));

alter policy "Whoever can view a tip can view its thread" on public.tip_messages
  using (exists (select 1 from public.tips t where t.id = tip_messages.tip_id));

-- -----------------------------------------------------------------------------
-- Indexes
-- -----------------------------------------------------------------------------
-- private.my_tip_ids() runs in the tips policy of every tip read (and in each EXISTS above):
-- an index-only scan instead of one heap visit per tip the caller sent.
create index if not exists tip_reporters_reporter_tip_idx
  on private.tip_reporters (reporter_id, tip_id);
comment on index private.tip_reporters_reporter_tip_idx is
  'private.my_tip_ids(): the caller''s tips by an index-only scan.';

-- -----------------------------------------------------------------------------
-- Row estimates of the set-returning helpers
-- -----------------------------------------------------------------------------
-- A set-returning function is estimated at 1,000 rows unless it says otherwise; an officer
-- covers 1 (a 派出所) to ~50 (the city) departments and a reporter sent a few tips. With 1,000
-- the planner joins `department_id in (select private.officer_department_ids())` by hashing and
-- sorts every matching tip; with 10 it walks tips_created_idx and stops after the page (线索处理:
-- 21 of 1,000 pending tips read instead of all 2,000).
alter function private.officer_department_ids() rows 10;
alter function private.my_tip_ids() rows 10;
alter function private.officer_company_ids() rows 100;
alter function private.officer_zone_ids() rows 100;
