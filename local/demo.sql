-- Demo data for `npm start` only (tests make their own rows). Idempotent: runs at every start.
-- 13800000001 is a user who already finished 身份认证, so a visitor can see a verified home.
insert into auth_bridge.users (id, phone)
values ('00000000-0000-4000-8000-000000000001', '13800000001')
on conflict do nothing;

insert into public.profiles (user_id, phone, name, id_number, verified_at, source)
values ('00000000-0000-4000-8000-000000000001', '13800000001', '演示用户', '320402199001011239', now(), 'self')
on conflict (user_id) do nothing;

-- Demo police officers (民警), one per level of the department tree, so a visitor can sign
-- in with each phone and see what that level may review: a 分局 covers its 派出所 and
-- 治安大队, a 派出所 only itself, the city bureau everything. ID numbers are made up but
-- pass the GB 11643 check.
insert into auth_bridge.users (id, phone)
values
  ('00000000-0000-4000-8000-000000000101', '13700000001'),
  ('00000000-0000-4000-8000-000000000102', '13700000002'),
  ('00000000-0000-4000-8000-000000000103', '13700000003')
on conflict do nothing;

insert into public.profiles (user_id, phone, name, id_number, verified_at, source)
values
  ('00000000-0000-4000-8000-000000000101', '13700000001', '周建国', '320402198003121015', now(), 'registry'),
  ('00000000-0000-4000-8000-000000000102', '13700000002', '吴海峰', '32041119850721203X', now(), 'registry'),
  ('00000000-0000-4000-8000-000000000103', '13700000003', '陈立新', '320404197809053056', now(), 'registry')
on conflict (user_id) do nothing;

insert into public.police_officers (user_id, department_id)
select v.user_id::uuid, d.id
from (
  values
    ('00000000-0000-4000-8000-000000000101', 'cz.tn'),        -- 天宁分局
    ('00000000-0000-4000-8000-000000000102', 'cz.xb.anjia'),  -- 新北分局 安家派出所
    ('00000000-0000-4000-8000-000000000103', 'cz')            -- 常州市公安局
) as v (user_id, department_code)
join public.departments d on d.code = v.department_code
on conflict (user_id) do nothing;
