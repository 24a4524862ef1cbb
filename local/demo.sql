-- Demo data for `npm start` only (tests make their own rows). Idempotent: runs at every start.
-- 13800000001 is a user who already finished 身份认证, so a visitor can see a verified home.
insert into auth_bridge.users (id, phone)
values ('00000000-0000-4000-8000-000000000001', '13800000001')
on conflict do nothing;

insert into public.profiles (user_id, phone, name, id_number, verified_at, source)
values ('00000000-0000-4000-8000-000000000001', '13800000001', '演示用户', '320402199001011239', now(), 'self')
on conflict (user_id) do nothing;
