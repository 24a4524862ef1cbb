-- 线索: tips by category and status in scope (no reporter is ever shown here; the reporter of
-- a NAMED tip is answered by public.tip_reporter(tip id) to its covering officers only).
select category, status, sum(tips) as tips
from police.tips_summary
group by category, status
order by category, status;

-- The open tips, oldest first.
select receipt_code, category, status, department, place, content, photos, anonymous, created_at
from police.tips
where status in ('pending', 'accepted')
order by created_at;
