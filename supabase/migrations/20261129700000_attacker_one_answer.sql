-- =============================================================================
-- What an attacker with other companies' accounts learned or did (the red-team round;
-- supabase/functions/api/tests/two-companies*.test.ts, revoked-session-everywhere.test.ts).
--
-- 1. One answer for "exists but not yours" and "does not exist". An id of another company or
--    of a tip outside an officer's departments answered differently from a random id:
--    - 离职 of another company's membership: 403 not_company_admin, a random id 404
--      membership_not_found (and the row was locked FOR UPDATE before the check);
--    - an officer acting on a tip outside their departments (受理 / 办结 / 不予受理 / 转办):
--      403 out_of_scope, a random id 404 tip_not_found (the row locked first here too), while
--      GET /api/tips/{id} of the same tip already answered 404 tip_not_found (RLS);
--    - 留言 on a tip one neither sent nor covers: 403 out_of_scope against 404.
--    Now each answers as for an id that does not exist, and locks nothing it may not touch.
--    A colleague's membership (same company, caller not its admin) still answers
--    not_company_admin: the caller knows their colleagues.
-- 2. A revoked session (logout, refresh-token reuse) could still copy the 微警务 identity into
--    the profile: POST /api/identity/sync wrote through auth_bridge.sync_identity, which takes a
--    user id and checks no session. sync_identity_for_session takes the session too and refuses
--    a revoked or foreign one (session_revoked), in the same statement that writes.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Helpers
-- -----------------------------------------------------------------------------
create or replace function private.officer_tip_for_update(p_tip_id uuid)
returns public.tips
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_department uuid := private.require_officer();
  v_tip public.tips;
begin
  -- The filter runs before the lock (and again on a row changed meanwhile, e.g. reassigned):
  -- a tip outside the officer's departments is neither locked nor told apart from none.
  select t.* into v_tip
  from public.tips t
  where t.id = p_tip_id and private.department_covers(v_department, t.department_id)
  for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'tip_not_found',
      detail = '线索不存在';
  end if;
  return v_tip;
end;
$$;
comment on function private.officer_tip_for_update(uuid) is
  'Locks a tip the calling officer''s department covers; tip_not_found for a tip that does not exist and for one outside their departments alike (one answer, no lock).';
revoke all on function private.officer_tip_for_update(uuid) from public;

-- -----------------------------------------------------------------------------
-- RPCs
-- -----------------------------------------------------------------------------
create or replace function public.add_tip_message(p_tip_id uuid, p_body text)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_verified_user();
  v_body text := btrim(coalesce(p_body, ''));
  v_tip public.tips;
  v_department uuid;
  v_id bigint;
begin
  if v_body = '' then
    raise exception using errcode = 'P0001', message = 'message_empty', detail = '请输入留言内容';
  end if;
  if char_length(v_body) > 500 then
    raise exception using errcode = 'P0001', message = 'message_too_long',
      detail = '留言不能超过500字';
  end if;
  select t.* into v_tip from public.tips t where t.id = p_tip_id;
  if found and exists (
    select 1 from private.tip_reporters r where r.tip_id = p_tip_id and r.reporter_id = v_uid
  ) then
    insert into public.tip_messages (tip_id, from_police, body)
    values (p_tip_id, false, v_body) returning id into v_id;
    return v_id;
  end if;
  select po.department_id into v_department from public.police_officers po where po.user_id = v_uid;
  -- neither its reporter nor a covering officer: as if there were no such tip
  if v_tip.id is null or v_department is null
    or not private.department_covers(v_department, v_tip.department_id) then
    raise exception using errcode = 'P0001', message = 'tip_not_found', detail = '线索不存在';
  end if;
  insert into public.tip_messages (tip_id, from_police, officer_id, department_id, body)
  values (p_tip_id, true, v_uid, v_department, v_body) returning id into v_id;
  return v_id;
end;
$$;
comment on function public.add_tip_message(uuid, text) is
  'Adds a message to a tip''s thread: its reporter (shown as 匿名 or by name per the tip) or an officer covering it. Anyone else: tip_not_found, as for a tip that does not exist.';
revoke all on function public.add_tip_message(uuid, text) from public, anon;
grant execute on function public.add_tip_message(uuid, text) to authenticated;

create or replace function public.dismiss_member(p_membership_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_member public.memberships;
begin
  -- Only an active membership of the caller's own company is found (and locked): another
  -- company's, an ended one and a random id are all membership_not_found.
  select m.* into v_member
  from public.memberships m
  where m.id = p_membership_id and m.left_at is null
    and m.company_id = private.my_company_id()
  for update;
  if not found then
    raise exception using errcode = 'P0001', message = 'membership_not_found',
      detail = '该人员不存在或已离职';
  end if;
  if v_member.company_id is distinct from private.my_company_id('admin') then
    raise exception using errcode = 'P0001', message = 'not_company_admin',
      detail = '仅本单位管理员可以操作';
  end if;
  if v_member.user_id = v_uid then
    raise exception using errcode = 'P0001', message = 'cannot_dismiss_self',
      detail = '不能将自己离职';
  end if;
  -- zones and shifts end with the membership through their own triggers
  update public.memberships m
  set left_at = now(), left_reason = 'dismissed'
  where m.id = v_member.id;
end;
$$;
comment on function public.dismiss_member(uuid) is
  '离职 by the company admin: ends another active member of the admin''s own company. Another company''s membership answers membership_not_found, as a random id does.';
revoke all on function public.dismiss_member(uuid) from public, anon;
grant execute on function public.dismiss_member(uuid) to authenticated;

create or replace function auth_bridge.sync_identity_for_session(
  p_session_id uuid,
  p_user_id uuid,
  p_name text,
  p_id_number text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- the same check as private.act_as: a logged-out or reused-token session writes nothing
  if not exists (
    select 1 from auth_bridge.sessions s
    where s.id = p_session_id and s.user_id = p_user_id and s.revoked_at is null
  ) then
    raise exception using errcode = 'P0001', message = 'session_revoked',
      detail = '登录已失效，请重新登录';
  end if;
  perform private.apply_identity(p_user_id, p_name, p_id_number, null, 'registry');
end;
$$;
comment on function auth_bridge.sync_identity_for_session(uuid, uuid, text, text) is
  'POST /api/identity/sync: copies the 微警务 identity into the profile of the user of a live session (session_revoked otherwise).';
revoke all on function auth_bridge.sync_identity_for_session(uuid, uuid, text, text) from public;
grant execute on function auth_bridge.sync_identity_for_session(uuid, uuid, text, text)
  to auth_bridge;
