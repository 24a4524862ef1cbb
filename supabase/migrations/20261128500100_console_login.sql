-- =============================================================================
-- 扫码登录 of the police console (issue 10), database side. The console, signed in as nobody,
-- asks the API for a login request: the API keeps the SHA-256 of a secret only the console
-- holds (to poll with) and shows `code` in a short-lived QR. An officer signed in on the
-- mini-program scans it with 扫一扫 and confirms (as themselves, under their JWT). The
-- console's next poll consumes the confirmation once and opens a session of that officer, for
-- which the API issues tokens as it does at sign-in: from then on the console's every query
-- runs under RLS as that officer.
-- =============================================================================

create table private.console_logins (
  id uuid primary key default gen_random_uuid(),
  -- the QR's payload: what the officer's 扫一扫 sends to confirm
  code text not null unique check (code ~ '^[A-Za-z0-9_-]{22,64}$'),
  -- SHA-256 of the console's poll secret: a photo of the QR alone cannot collect the session
  poll_hash text not null check (poll_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '2 minutes',
  confirmed_by uuid references auth_bridge.users (id) on delete cascade,
  confirmed_at timestamptz,
  session_id uuid references auth_bridge.sessions (id) on delete set null,
  consumed_at timestamptz,
  constraint console_logins_confirmed_complete check ((confirmed_by is null) = (confirmed_at is null)),
  constraint console_logins_consumed_after_confirmed check (consumed_at is null or confirmed_at is not null)
);
comment on table private.console_logins is
  '扫码登录 requests of the police console: a QR code valid 2 minutes, confirmed by an officer in the mini-program, consumed once by the console that holds the poll secret.';
create index console_logins_created_at_idx on private.console_logins (created_at);
create index console_logins_confirmed_by_idx on private.console_logins (confirmed_by);

revoke all on table private.console_logins from public, anon, authenticated, auth_bridge;
alter table private.console_logins enable row level security;

-- -----------------------------------------------------------------------------
-- The console (through the API, before any session): start and poll
-- -----------------------------------------------------------------------------
create or replace function auth_bridge.console_login_start(p_poll_hash text)
returns table (id uuid, code text, expires_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  if p_poll_hash is null or p_poll_hash !~ '^[0-9a-f]{64}$' then
    raise exception using errcode = 'P0001', message = 'invalid_input', detail = '请求无效';
  end if;
  -- requests nobody confirmed are of no further use
  delete from private.console_logins l
  where l.created_at < now() - interval '1 day' and l.confirmed_at is null;
  return query
    insert into private.console_logins as l (code, poll_hash)
    values (private.random_token(), p_poll_hash)
    returning l.id, l.code, l.expires_at;
end;
$$;
comment on function auth_bridge.console_login_start(text) is
  'A new 扫码登录 request: its id (to poll), the code for the QR, and when it expires (2 minutes).';
revoke all on function auth_bridge.console_login_start(text) from public, anon, authenticated;
grant execute on function auth_bridge.console_login_start(text) to auth_bridge;

create or replace function auth_bridge.console_login_poll(p_id uuid, p_poll_hash text)
returns table (status text, user_id uuid, session_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_login private.console_logins;
  v_session uuid;
begin
  select l.* into v_login from private.console_logins l
  where l.id = p_id and l.poll_hash = p_poll_hash
  for update;
  if not found then
    return query select 'not_found'::text, null::uuid, null::uuid;
    return;
  end if;
  if v_login.consumed_at is not null then
    return query select 'used'::text, null::uuid, null::uuid;
    return;
  end if;
  if v_login.confirmed_at is null then
    return query select case when v_login.expires_at <= now() then 'expired' else 'pending' end,
      null::uuid, null::uuid;
    return;
  end if;
  -- the officer may have lost the right since confirming: the session is an officer's or none
  if not exists (select 1 from public.police_officers po where po.user_id = v_login.confirmed_by)
    or v_login.confirmed_at < now() - interval '5 minutes' then
    return query select 'expired'::text, null::uuid, null::uuid;
    return;
  end if;
  insert into auth_bridge.sessions (user_id) values (v_login.confirmed_by)
  returning id into v_session;
  update private.console_logins l set consumed_at = now(), session_id = v_session
  where l.id = v_login.id;
  return query select 'confirmed'::text, v_login.confirmed_by, v_session;
end;
$$;
comment on function auth_bridge.console_login_poll(uuid, text) is
  'The console''s poll: pending, expired, used, not_found, or (once) confirmed with the officer and a new session of theirs, for which the API issues tokens.';
revoke all on function auth_bridge.console_login_poll(uuid, text) from public, anon, authenticated;
grant execute on function auth_bridge.console_login_poll(uuid, text) to auth_bridge;

-- -----------------------------------------------------------------------------
-- The officer (mini-program, signed in): confirm
-- -----------------------------------------------------------------------------
create or replace function public.confirm_console_login(p_code text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid;
  v_login private.console_logins;
begin
  perform private.require_verified_user();
  v_uid := auth.uid();
  if not exists (select 1 from public.police_officers po where po.user_id = v_uid) then
    raise exception using errcode = 'P0001', message = 'not_police',
      detail = '仅民警可以登录民警控制台';
  end if;
  select l.* into v_login from private.console_logins l where l.code = p_code for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'console_login_not_found',
      detail = '二维码无效，请在控制台刷新后重新扫码';
  end if;
  if v_login.confirmed_at is not null then
    raise exception using errcode = 'P0001', message = 'console_login_used',
      detail = '该二维码已使用，请在控制台刷新后重新扫码';
  end if;
  if v_login.expires_at <= now() then
    raise exception using errcode = 'P0001', message = 'console_login_expired',
      detail = '二维码已过期，请在控制台刷新后重新扫码';
  end if;
  update private.console_logins l set confirmed_by = v_uid, confirmed_at = now()
  where l.id = v_login.id;
end;
$$;
comment on function public.confirm_console_login(text) is
  '确认登录: the signed-in officer confirms the console login whose QR they scanned; not_police, console_login_not_found, console_login_used or console_login_expired otherwise.';
revoke all on function public.confirm_console_login(text) from public, anon;
grant execute on function public.confirm_console_login(text) to authenticated;

-- -----------------------------------------------------------------------------
-- Audit: a console sign-in is a police action
-- -----------------------------------------------------------------------------
create or replace function private.audit_console_login()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.confirmed_at is null and new.confirmed_at is not null then
    insert into private.audit_log (actor_id, actor_role, action, table_name, row_id,
      department_ids, before, after)
    values (new.confirmed_by,
      coalesce(nullif(current_setting('role', true), 'none'), session_user),
      'console.login', 'private.console_logins', new.id::text,
      coalesce((select array_agg(po.department_id) from public.police_officers po
                where po.user_id = new.confirmed_by), '{}'),
      null,
      -- never the code or the poll hash: they are credentials
      jsonb_build_object('confirmed_at', new.confirmed_at, 'expires_at', new.expires_at));
  end if;
  return null;
end;
$$;
revoke all on function private.audit_console_login() from public;

create trigger audit_console_logins after update on private.console_logins
  for each row execute function private.audit_console_login();

-- The audit log's view, with the label of console sign-ins
create or replace view police.audit_log with (security_invoker = true) as
  select a.id, a.at, a.actor_id, private.person_label(a.actor_id) as actor, a.actor_role,
         a.action,
         case a.action
           when 'company.declare' then '申报单位'
           when 'company.approve' then '审核通过'
           when 'company.reject' then '驳回申报'
           when 'company.qr_regenerate' then '更新单位码'
           when 'membership.dismiss' then '辞退'
           when 'membership.admin_set' then '设为单位管理员'
           when 'membership.admin_revoke' then '取消单位管理员'
           when 'zone.create' then '新建巡区'
           when 'zone.update' then '编辑巡区'
           when 'zone.delete' then '删除巡区'
           when 'zone.qr_regenerate' then '更新巡区码'
           when 'zone.admin_set' then '设为巡区管理员'
           when 'zone.admin_revoke' then '取消巡区管理员'
           when 'tip.accepted' then '受理线索'
           when 'tip.closed' then '办结线索'
           when 'tip.refused' then '不予受理'
           when 'tip.reassign' then '转派线索'
           when 'tip.blacklist' then '拉黑举报人'
           when 'console.login' then '扫码登录控制台'
           else a.action
         end as action_label,
         a.table_name, a.row_id, a.company_id, a.department_ids, a.before, a.after
  from private.audit_log a
  where (select private.is_police_reader());
revoke all on police.audit_log from public, anon, authenticated;
grant select on police.audit_log to authenticated;
