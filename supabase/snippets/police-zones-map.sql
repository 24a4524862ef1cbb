-- 巡区: zones with their coordinates (GCJ-02, as WeChat returns them) and counts. In Studio's
-- result grid, "Export → CSV" gives a file any map tool (or the console's map) can plot.
select name, company_name, department, lat, lng, address, address_detail, members, on_duty_now
from police.zones
where deleted_at is null
order by on_duty_now desc, company_name, name;
