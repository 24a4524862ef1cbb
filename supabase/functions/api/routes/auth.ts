// Sign-in with WeChat, refresh-token rotation, logout. These run before (or outside) a user
// session, so their writes go through the auth_bridge role, never a service role.
import { createRoute, z } from "@hono/zod-openapi";
import { ACCESS_TOKEN_TTL, requireAuth, signAccessToken } from "../../_shared/auth.ts";
import { type Claims, withAuthBridge, withUser } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { code2Session, userPhoneNumber } from "../../_shared/wechat.ts";
import { type Session, SessionSchema } from "../schemas.ts";
import { loadProfile } from "./me.ts";

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

const code = (label: string) =>
  z.string({ error: `缺少${label}` }).min(1, { error: `${label}不能为空` }).max(256, {
    error: `${label}过长`,
  });

const signIn = createRoute({
  method: "post",
  path: "/wechat",
  summary: "微信登录：wx.login 的 code 与手机号授权 code 换取会话",
  tags: ["auth"],
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            loginCode: code("登录凭证 loginCode"),
            phoneCode: code("手机号凭证 phoneCode"),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: "会话", content: { "application/json": { schema: SessionSchema } } },
    ...errorResponses(400, 403, 429, 502, 503),
  },
});

const refresh = createRoute({
  method: "post",
  path: "/refresh",
  summary: "用刷新令牌换新会话（轮换；旧令牌再次使用将吊销整个会话）",
  tags: ["auth"],
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({ refreshToken: code("刷新令牌 refreshToken") }),
        },
      },
    },
  },
  responses: {
    200: { description: "新会话", content: { "application/json": { schema: SessionSchema } } },
    ...errorResponses(400, 401),
  },
});

const logout = createRoute({
  method: "post",
  path: "/logout",
  summary: "退出登录：吊销当前会话的所有刷新令牌",
  tags: ["auth"],
  security: bearer,
  middleware: [requireAuth] as const,
  responses: {
    200: {
      description: "已退出",
      content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } },
    },
    ...errorResponses(401),
  },
});

export const authApp = newApp()
  .openapi(signIn, async (c) => {
    const { loginCode, phoneCode } = c.req.valid("json");
    // Sequential on purpose: the openid first, so a bad login code costs no phone lookup.
    const { openid } = await code2Session(loginCode);
    const phone = await userPhoneNumber(phoneCode);
    const refreshToken = newRefreshToken();
    const hash = await hashToken(refreshToken);
    const ids = await withAuthBridge(async (tx) => {
      const [row] = await tx<{ user_id: string; session_id: string }[]>`
        select user_id, session_id from auth_bridge.sign_in(${phone}, ${openid})`;
      await tx`select auth_bridge.issue_refresh_token(${row.session_id}::uuid, ${hash}, null)`;
      return row;
    });
    return c.json(
      await session({ userId: ids.user_id, sessionId: ids.session_id, refreshToken }),
      200,
    );
  })
  .openapi(refresh, async (c) => {
    const oldHash = await hashToken(c.req.valid("json").refreshToken);
    const refreshToken = newRefreshToken();
    const newHash = await hashToken(refreshToken);
    let row: { user_id: string; session_id: string } | undefined;
    try {
      row = await withAuthBridge(async (tx) => {
        const [r] = await tx<{ user_id: string; session_id: string }[]>`
          select user_id, session_id from auth_bridge.rotate_refresh_token(${oldHash}, ${newHash})`;
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
  })
  .openapi(logout, async (c) => {
    const sessionId = c.get("claims").session_id;
    await withAuthBridge((tx) => tx`select auth_bridge.revoke_session(${sessionId}::uuid)`);
    return c.json({ ok: true as const }, 200);
  });

// A reused refresh token means it leaked: the whole session (every token descended from the
// same sign-in) is revoked. Done in its own transaction because the failed rotation's
// transaction was rolled back together with the revocation it wrote.
async function revokeFamily(tokenHash: string): Promise<void> {
  await withAuthBridge((tx) => tx`select auth_bridge.revoke_session_of_token(${tokenHash})`);
}
