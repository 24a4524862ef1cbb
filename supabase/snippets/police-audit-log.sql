-- 审计日志: the latest admin and police actions in scope, with the row before and after.
-- The log is append-only: UPDATE, DELETE and TRUNCATE raise, for every role.
select at, actor, action_label, table_name, row_id, before, after
from police.audit_log
order by at desc, id desc
limit 200;
