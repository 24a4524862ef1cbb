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

-- A demo company with patrol zones (issue 8), so 巡区管理, 扫一扫 打卡 and 到岗记录 show
-- something: 13600000001 王玉萍 is its admin (单位管理员), 13600000002 钱杰 the zone admin of
-- 办公室5, 13600000003 常峰霖 a guard on duty there, 13600000004 孙丽 a guard without a zone.
-- Its own registry company, so the flows that declare the guide's companies stay free.
insert into public.registry_companies (id, name, credit_code)
values ('00000000-0000-4000-8000-000000000301', '常州演示保安服务有限公司', '91320411MA1DEM000H')
on conflict do nothing;

insert into auth_bridge.users (id, phone)
values
  ('00000000-0000-4000-8000-000000000201', '13600000001'),
  ('00000000-0000-4000-8000-000000000202', '13600000002'),
  ('00000000-0000-4000-8000-000000000203', '13600000003'),
  ('00000000-0000-4000-8000-000000000204', '13600000004')
on conflict do nothing;

insert into public.profiles (user_id, phone, name, id_number, verified_at, source)
values
  ('00000000-0000-4000-8000-000000000201', '13600000001', '王玉萍', '320402198206150027', now(), 'registry'),
  ('00000000-0000-4000-8000-000000000202', '13600000002', '钱杰', '320402198807210013', now(), 'registry'),
  ('00000000-0000-4000-8000-000000000203', '13600000003', '常峰霖', '320402199103080032', now(), 'registry'),
  ('00000000-0000-4000-8000-000000000204', '13600000004', '孙丽', '320402199512240041', now(), 'registry')
on conflict (user_id) do nothing;

insert into public.companies (id, registry_company_id, declarant_id, department_id, address,
  contact_phone, status, review_token, reviewed_by, reviewed_at)
select '00000000-0000-4000-8000-000000000311', '00000000-0000-4000-8000-000000000301',
       '00000000-0000-4000-8000-000000000201', d.id, '常州市新北区太湖东路101号', '13600000001',
       'approved', 'demo-review-token-000000000311', '00000000-0000-4000-8000-000000000102', now()
from public.departments d where d.code = 'cz.xb.anjia'
on conflict do nothing;

insert into public.company_codes (company_id, token)
values ('00000000-0000-4000-8000-000000000311', 'demo-company-code-0000000311')
on conflict do nothing;

insert into public.memberships (id, company_id, user_id, role)
values
  ('00000000-0000-4000-8000-000000000321', '00000000-0000-4000-8000-000000000311', '00000000-0000-4000-8000-000000000201', 'admin'),
  ('00000000-0000-4000-8000-000000000322', '00000000-0000-4000-8000-000000000311', '00000000-0000-4000-8000-000000000202', 'member'),
  ('00000000-0000-4000-8000-000000000323', '00000000-0000-4000-8000-000000000311', '00000000-0000-4000-8000-000000000203', 'member'),
  ('00000000-0000-4000-8000-000000000324', '00000000-0000-4000-8000-000000000311', '00000000-0000-4000-8000-000000000204', 'member')
on conflict do nothing;

insert into public.zones (id, company_id, name, department_id, lat, lng, address, address_detail,
  remark, geofence_m, created_by)
select v.id::uuid, '00000000-0000-4000-8000-000000000311', v.name, d.id, v.lat, v.lng, v.address,
       v.detail, '', 0, '00000000-0000-4000-8000-000000000201'
from (values
  ('00000000-0000-4000-8000-000000000331', '办公室5', 'cz.xb.anjia', 31.8107, 119.9741,
   '江苏省常州市新北区太湖东路101', '常发广场写字楼'),
  ('00000000-0000-4000-8000-000000000332', '开发测试', 'cz.xb.anjia', 31.8125, 119.9702,
   '江苏省常州市新北区太湖东路9号', '东门岗'),
  ('00000000-0000-4000-8000-000000000333', '办公室2', 'cz.wj.gehu', 31.6650, 119.9320,
   '江苏省常州市武进区滆湖路1号', '')
) as v (id, name, dept, lat, lng, address, detail)
join public.departments d on d.code = v.dept
on conflict do nothing;

insert into public.zone_codes (token, zone_id)
values
  ('demo-zone-code-00000000000331', '00000000-0000-4000-8000-000000000331'),
  ('demo-zone-code-00000000000332', '00000000-0000-4000-8000-000000000332'),
  ('demo-zone-code-00000000000333', '00000000-0000-4000-8000-000000000333')
on conflict do nothing;

insert into public.zone_members (user_id, zone_id, company_id, membership_id, is_admin)
values
  ('00000000-0000-4000-8000-000000000202', '00000000-0000-4000-8000-000000000331', '00000000-0000-4000-8000-000000000311', '00000000-0000-4000-8000-000000000322', true),
  ('00000000-0000-4000-8000-000000000203', '00000000-0000-4000-8000-000000000331', '00000000-0000-4000-8000-000000000311', '00000000-0000-4000-8000-000000000323', false)
on conflict do nothing;

-- a finished shift of yesterday for each, and 常峰霖 on duty since an hour ago
insert into public.shifts (id, user_id, zone_id, company_id, zone_name, on_at, on_received_at,
  off_at, off_received_at, end_reason)
values
  ('00000000-0000-4000-8000-000000000341', '00000000-0000-4000-8000-000000000202', '00000000-0000-4000-8000-000000000331', '00000000-0000-4000-8000-000000000311', '办公室5',
   now() - interval '1 day 2 hours', now() - interval '1 day 2 hours', now() - interval '1 day', now() - interval '1 day', 'clocked_off'),
  ('00000000-0000-4000-8000-000000000342', '00000000-0000-4000-8000-000000000203', '00000000-0000-4000-8000-000000000331', '00000000-0000-4000-8000-000000000311', '办公室5',
   now() - interval '1 day 3 hours', now() - interval '1 day 1 hour', now() - interval '1 day', now() - interval '1 day', 'clocked_off')
on conflict do nothing;

insert into public.open_shifts (id, user_id, zone_id, company_id, zone_name, on_at, on_received_at)
values ('00000000-0000-4000-8000-000000000343', '00000000-0000-4000-8000-000000000203', '00000000-0000-4000-8000-000000000331', '00000000-0000-4000-8000-000000000311', '办公室5',
        now() - interval '1 hour', now() - interval '1 hour')
on conflict do nothing;

-- A demo platform supervisor (平台监督员, issue 9): 13500000001 郑明华 sees 线索监督 (every tip,
-- and who sent it) and may 拉黑 a tip's reporter. Supervisors are provisioned by administrators
-- like this, never by users.
insert into auth_bridge.users (id, phone)
values ('00000000-0000-4000-8000-000000000401', '13500000001')
on conflict do nothing;

insert into public.profiles (user_id, phone, name, id_number, verified_at, source)
values ('00000000-0000-4000-8000-000000000401', '13500000001', '郑明华', '320402197504120040', now(), 'self')
on conflict (user_id) do nothing;

insert into public.platform_supervisors (user_id)
values ('00000000-0000-4000-8000-000000000401')
on conflict do nothing;

-- A declaration waiting for review (待审核), so 单位审核 and the console's 审核队列 are not empty:
-- 13800000002 赵文博 declared 常州演示申报保安有限公司 (its own registry company) to 安家派出所;
-- 吴海峰 13700000002 may approve or reject it, or scan its 审核二维码 on 赵文博's 单位申报 page.
insert into public.registry_companies (id, name, credit_code)
values ('00000000-0000-4000-8000-000000000302', '常州演示申报保安有限公司', '91320411MA1DEM001L')
on conflict do nothing;

insert into auth_bridge.users (id, phone)
values ('00000000-0000-4000-8000-000000000002', '13800000002')
on conflict do nothing;

insert into public.profiles (user_id, phone, name, id_number, verified_at, source)
values ('00000000-0000-4000-8000-000000000002', '13800000002', '赵文博', '320411198704162035', now(), 'self')
on conflict (user_id) do nothing;

insert into public.companies (id, registry_company_id, declarant_id, department_id, address,
  contact_phone, status, review_token, created_at)
select '00000000-0000-4000-8000-000000000312', '00000000-0000-4000-8000-000000000302',
       '00000000-0000-4000-8000-000000000002', d.id, '常州市新北区华山路18号', '13800000002',
       'pending', 'demo-review-token-000000000312', now() - interval '2 hours'
from public.departments d where d.code = 'cz.xb.anjia'
on conflict do nothing;

-- Two demo tips (线索), so 线索处理, 线索监督 and the console's 线索 have something to open on a
-- fresh start: an anonymous one of 演示用户 13800000001 to 安家派出所 (吴海峰 13700000002 handles
-- it; only the supervisor sees who sent it), and a named one of 常峰霖 without a chosen
-- department, in 常州市公安局's intake (陈立新 13700000003). Both 待处理, without photos.
insert into public.tips (id, receipt_code, category_id, content, place, anonymous, department_id,
  created_at, updated_at)
select v.id::uuid, v.code, v.category, v.content, v.place, v.anonymous, d.id,
       now() - v.age, now() - v.age
from (values
  ('00000000-0000-4000-8000-000000000501', 'DEMA2345', 2::smallint,
   '太湖东路101号地下车库近一周夜间多次有电动车电瓶被盗，凌晨两点前后有两名男子骑无牌电动车进出。',
   '常州市新北区太湖东路101号地下车库', true, 'cz.xb.anjia', interval '3 hours'),
  ('00000000-0000-4000-8000-000000000502', 'DEMB2345', 6::smallint,
   '常发广场写字楼东侧消防通道长期堆放纸箱和电动车，楼道灭火器已过期。',
   '常州市新北区太湖东路101号', false, 'cz', interval '40 minutes')
) as v (id, code, category, content, place, anonymous, dept, age)
join public.departments d on d.code = v.dept
on conflict do nothing;

insert into private.tip_reporters (tip_id, reporter_id)
values
  ('00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-000000000502', '00000000-0000-4000-8000-000000000203')
on conflict do nothing;

insert into public.tip_events (tip_id, kind, status, department_id, created_at)
select t.id, 'submitted', 'pending', t.department_id, t.created_at
from public.tips t
where t.id in ('00000000-0000-4000-8000-000000000501', '00000000-0000-4000-8000-000000000502')
  and not exists (select 1 from public.tip_events e where e.tip_id = t.id);
