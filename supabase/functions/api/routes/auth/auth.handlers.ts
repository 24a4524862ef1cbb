// These run before (or outside) a user session, so their writes go through the auth_bridge
// role, never a service role.
import { ACCESS_TOKEN_TTL, signAccessToken } from "../../../_shared/auth.ts";
import { type Claims, withAuthBridge, withUser } from "../../../_shared/db.ts";
import { AppError } from "../../../_shared/errors.ts";
import { clientAddress, hit, LIMITS, throttle, throttleIn } from "../../../_shared/throttle.ts";
import { code2Session, userPhoneNumber } from "../../../_shared/wechat.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { loadProfile } from "../../read-models/me.ts";
import type { Session } from "../../schemas.ts";
import type * as routes from "./auth.routes.ts";

/** 32 random bytes, base64url: the refresh token the client keeps. */
function newRefreshToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The database only ever sees the sha-256 (hex) of a refresh token. */
async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A Session for a user: Me and the phone of the token are read under RLS as that user. */
async function session(
  o: { userId: string; sessionId: string; refreshToken: string },
): Promise<Session> {
  const claims: Claims = {
    sub: o.userId,
    role: "authenticated",
    aud: "authenticated",
    session_id: o.sessionId,
  };
  const { me, phone } = await withUser(claims, loadProfile);
  return {
    accessToken: await signAccessToken({ ...o, phone }),
    refreshToken: o.refreshToken,
    expiresIn: ACCESS_TOKEN_TTL,
    user: me,
  };
}

export const signIn: AppRouteHandler<typeof routes.signIn> = async (c) => {
  const { loginCode, phoneCode } = c.req.valid("json");
  // Before WeChat is asked: every code exchange spends a call of our WeChat quota.
  const address = clientAddress(c);
  await throttle([hit(address && `signin:addr:${address}`, LIMITS.signInPerAddress)]);
  // Sequential on purpose: the openid first, so a bad login code costs no phone lookup.
  const { openid } = await code2Session(loginCode);
  const phone = await userPhoneNumber(phoneCode);
  const refreshToken = newRefreshToken();
  const hash = await hashToken(refreshToken);
  const ids = await withAuthBridge(async (tx) => {
    await throttleIn(tx, [hit(`signin:phone:${phone}`, LIMITS.signInPerPhone)]);
    const [row] = await tx<{ user_id: string; session_id: string }[]>`
      select user_id, session_id from auth_bridge.sign_in(${phone}, ${openid})`;
    await tx`select auth_bridge.issue_refresh_token(${row.session_id}::uuid, ${hash}, null)`;
    return row;
  });
  return c.json(
    await session({ userId: ids.user_id, sessionId: ids.session_id, refreshToken }),
    200,
  );
};

export const refresh: AppRouteHandler<typeof routes.refresh> = async (c) => {
  const oldHash = await hashToken(c.req.valid("json").refreshToken);
  const refreshToken = newRefreshToken();
  const newHash = await hashToken(refreshToken);
  const address = clientAddress(c);
  await throttle([hit(address && `refresh:addr:${address}`, LIMITS.refreshPerAddress)]);
  let row: { user_id: string; session_id: string } | undefined;
  try {
    row = await withAuthBridge(async (tx) => {
      const [r] = await tx<{ user_id: string; session_id: string }[]>`
        select user_id, session_id from auth_bridge.rotate_refresh_token(${oldHash}, ${newHash})`;
      // Over the limit, the rotation rolls back with the 429: the client's token stays valid.
      if (r) await throttleIn(tx, [hit(`refresh:user:${r.user_id}`, LIMITS.refreshPerUser)]);
      return r;
    });
  } catch (e) {
    if (e instanceof AppError && e.code === "refresh_token_reused") await revokeFamily(oldHash);
    throw e;
  }
  if (!row) throw new AppError(401, "refresh_token_invalid", "登录已失效，请重新登录");
  return c.json(
    await session({ userId: row.user_id, sessionId: row.session_id, refreshToken }),
    200,
  );
};

export const logout: AppRouteHandler<typeof routes.logout> = async (c) => {
  const { session_id: sessionId, sub } = c.get("claims");
  // the session only if it is the token's user's (a token naming another's ends nothing)
  await withAuthBridge((tx) =>
    tx`select auth_bridge.revoke_session(${sessionId}::uuid, ${sub}::uuid)`
  );
  return c.json({ ok: true as const }, 200);
};

// A reused refresh token means it leaked: the whole session (every token descended from the
// same sign-in) is revoked. Done in its own transaction because the failed rotation's
// transaction was rolled back together with the revocation it wrote.
async function revokeFamily(tokenHash: string): Promise<void> {
  await withAuthBridge((tx) => tx`select auth_bridge.revoke_session_of_token(${tokenHash})`);
}
