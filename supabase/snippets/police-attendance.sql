-- 考勤: hours on duty per company per day (Asia/Shanghai days) over the last 7 days.
-- Switch the result to Studio's chart view (X: day, Y: hours) for the picture.
select day, company_name, guards, shifts, hours
from police.attendance_daily
where day > (now() at time zone 'Asia/Shanghai')::date - 7
order by day desc, hours desc;
