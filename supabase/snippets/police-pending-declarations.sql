-- 待审核申报: declarations waiting for review, oldest first. Approve or reject from the
-- mini-program (扫一扫 on the declarant's 审核码) or the police console.
select company_name, credit_code, department, address, contact_phone, declarant, created_at
from police.pending_declarations
order by created_at;
