-- 总览 (police overview): one row of the numbers the console's overview shows.
-- Run as the owner for the whole city, or impersonate an officer (see police-as-officer.sql)
-- to get exactly their department's numbers: the views apply the reader's RLS.
select
  (select count(*) from police.companies where status = 'approved') as companies,
  (select coalesce(sum(staff), 0) from police.companies where status = 'approved') as guards,
  (select count(*) from police.zones where deleted_at is null) as zones,
  (select count(*) from police.on_duty_now) as on_duty_now,
  (select count(*) from police.pending_declarations) as pending_reviews,
  (select count(*) from police.tips where status in ('pending', 'accepted')) as open_tips;
