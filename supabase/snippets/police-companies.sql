-- 单位: companies in scope with their admin, staff (在职), certified staff, zones and guards on
-- duty now. Change the status filter to see pending or rejected declarations.
select company_name, credit_code, department, admin, staff, certified_staff, zones, on_duty_now,
       reviewed_at
from police.companies
where status = 'approved'
order by staff desc, company_name;
