-- See the dashboards exactly as one officer does. Studio's role picker ("authenticated" with a
-- user) does the same; in the SQL editor, run these lines together in one transaction.
-- 1. find the officer (the owner can read every profile):
--    select po.user_id, p.name, d.name from public.police_officers po
--    join public.profiles p using (user_id) join public.departments d on d.id = po.department_id;
begin;
select set_config('role', 'authenticated', true),
       set_config('request.jwt.claims',
         json_build_object('sub', '00000000-0000-0000-0000-000000000000', -- the officer's user_id
                           'role', 'authenticated')::text, true);
select count(*) as companies_in_scope from police.companies;
select * from police.pending_declarations;
rollback;
