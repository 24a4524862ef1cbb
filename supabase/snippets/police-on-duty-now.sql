-- 在岗: guards on duty now, longest on duty first (on_late marks a 补录 clock-on).
select guard, company_name, zone_name, department, on_at, hours_so_far, on_late
from police.on_duty_now
order by on_at;

-- On-duty guards by hour today (Asia/Shanghai): how many were on duty at some point of each hour.
select h.hour, count(distinct s.user_id) as guards
from generate_series(
       date_trunc('day', now() at time zone 'Asia/Shanghai'),
       date_trunc('hour', now() at time zone 'Asia/Shanghai'),
       interval '1 hour') as h(hour)
left join (
  select user_id, on_at, off_at from public.shift_records
  where coalesce(off_at, now()) >= date_trunc('day', now() at time zone 'Asia/Shanghai')
                                   at time zone 'Asia/Shanghai'
) s on s.on_at < (h.hour + interval '1 hour') at time zone 'Asia/Shanghai'
   and coalesce(s.off_at, now()) >= h.hour at time zone 'Asia/Shanghai'
group by h.hour
order by h.hour;
