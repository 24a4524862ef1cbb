-- =============================================================================
-- private.act_as also checks that the token's session is the token's user's (the red-team
-- round's note): a token naming another user's live session was accepted. Only our server signs
-- tokens, so this is defence in depth: a signing bug or a leaked secret combining one user's
-- sub with another's session_id is refused as session_revoked, like a logged-out session.
-- The lookup stays the primary key's; the added column is read from the same row.
-- =============================================================================

create or replace function private.act_as(p_claims jsonb)
returns void
language plpgsql
as $$
begin
  -- Tokens of the API always carry session_id (verifyAccessToken requires it); claims made
  -- in-process without one (tests acting as a user) have no session to check.
  if p_claims ? 'session_id' and not exists (
    select 1 from auth_bridge.sessions s
    where s.id = (p_claims ->> 'session_id')::uuid
      and s.user_id = (p_claims ->> 'sub')::uuid
      and s.revoked_at is null
  ) then
    raise exception using errcode = 'P0001', message = 'session_revoked',
      detail = '登录已失效，请重新登录';
  end if;
  perform pg_catalog.set_config('request.jwt.claims', p_claims::text, true),
          pg_catalog.set_config('request.jwt.claim.sub', p_claims ->> 'sub', true),
          pg_catalog.set_config('request.jwt.claim.role', 'authenticated', true),
          pg_catalog.set_config('role', 'authenticated', true);
end
$$;
comment on function private.act_as(jsonb) is
  'The API''s switch into a user request: refuses a revoked session or one that is not the token''s user''s (session_revoked), then sets role authenticated and the JWT claims for the rest of the transaction.';
revoke all on function private.act_as(jsonb) from public, anon, authenticated;

-- Logout ends the token's session only if it is the token's user's: the API passes both, so a
-- token naming someone else's session cannot log that person out.
drop function auth_bridge.revoke_session(uuid);
create or replace function auth_bridge.revoke_session(p_session_id uuid, p_user_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  update auth_bridge.sessions s
  set revoked_at = now(), revoked_reason = 'logout'
  where s.id = p_session_id and s.user_id = p_user_id and s.revoked_at is null;
$$;
comment on function auth_bridge.revoke_session(uuid, uuid) is
  'Logout: ends the session of that user, so none of its refresh tokens works any more.';
revoke all on function auth_bridge.revoke_session(uuid, uuid) from public;
grant execute on function auth_bridge.revoke_session(uuid, uuid) to auth_bridge;
