// Access tokens: HS256 JWTs signed with SUPABASE_JWT_SECRET, shaped like Supabase Auth's
// (sub, role, aud "authenticated"), so Storage and RLS read them the same way. The middleware
// answers 401 with a code that tells the client why (expired → refresh, others → sign in).
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { MiddlewareHandler } from "hono";
import type { Claims } from "./db.ts";
import { AppError } from "./errors.ts";
import { env } from "./env.ts";

export const ACCESS_TOKEN_TTL = 3600;

export type AccessClaims = Claims & {
  sub: string;
  role: "authenticated";
  aud: "authenticated";
  iat: number;
  exp: number;
  session_id: string;
  phone: string;
};

export type AuthEnv = { Variables: { claims: AccessClaims; accessToken: string } };

// The HMAC key, imported once per secret (jose re-imports a raw secret on every call).
let cachedKey: { secret: string; key: Promise<CryptoKey> } | null = null;
function key(): Promise<CryptoKey> {
  const secret = env.jwtSecret();
  if (cachedKey?.secret !== secret) {
    cachedKey = {
      secret,
      key: crypto.subtle.importKey(
        "raw",
        new TextEncoder().encode(secret),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign", "verify"],
      ),
    };
    verified.clear();
  }
  return cachedKey.key;
}

// Tokens already verified, with their claims: a client sends the same access token for up to an
// hour, so its signature is checked once, not per request (87 µs each). A hit is still refused
// once expired (jose then says token_expired); revocation is the database's check (act_as).
// Bounded; dropped whole when the secret changes. A pure memo of a deterministic check, so it is
// no state that other instances would need to share.
const verified = new Map<string, AccessClaims>();
const VERIFIED_MAX = 10_000;

export async function signAccessToken(
  o: { userId: string; sessionId: string; phone: string },
): Promise<string> {
  return await new SignJWT({ role: "authenticated", session_id: o.sessionId, phone: o.phone })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(o.userId)
    .setAudience("authenticated")
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_TTL}s`)
    .sign(await key());
}

const deny = (code: string, message: string) => new AppError(401, code, message);

export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    throw deny("token_malformed", "登录凭证格式错误，请重新登录");
  }
  const k = await key();
  const hit = verified.get(token);
  if (hit && hit.exp > Date.now() / 1000) return hit;
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, k, { algorithms: ["HS256"] }));
  } catch (e) {
    throw verifyError(e);
  }
  const aud = payload.aud;
  if (!(aud === "authenticated" || (Array.isArray(aud) && aud.includes("authenticated")))) {
    throw deny("token_audience", "登录凭证不适用于本服务，请重新登录");
  }
  if (payload.role !== "authenticated") {
    throw deny("token_role", "登录凭证的角色无权访问，请重新登录");
  }
  if (
    typeof payload.sub !== "string" || typeof payload.session_id !== "string" ||
    typeof payload.phone !== "string" || typeof payload.exp !== "number"
  ) {
    throw deny("token_malformed", "登录凭证内容不完整，请重新登录");
  }
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(token, payload as AccessClaims);
  return payload as AccessClaims;
}

function verifyError(e: unknown): AppError {
  if (e instanceof joseErrors.JWTExpired) return deny("token_expired", "登录已过期，请刷新登录");
  if (
    e instanceof joseErrors.JWSSignatureVerificationFailed ||
    e instanceof joseErrors.JOSEAlgNotAllowed ||
    e instanceof joseErrors.JOSENotSupported
  ) {
    return deny("token_invalid", "登录凭证无效，请重新登录");
  }
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    return deny("token_invalid", "登录凭证无效，请重新登录");
  }
  return deny("token_malformed", "登录凭证格式错误，请重新登录");
}

/** Requires `Authorization: Bearer <accessToken>`; puts the claims on the context. */
export const requireAuth: MiddlewareHandler<AuthEnv> = async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  // Headers are trimmed, so "Bearer " arrives as "Bearer": both mean no token.
  const match = /^Bearer(?:\s+(\S*))?\s*$/i.exec(header);
  if (!header || (match && !match[1])) {
    throw deny("token_missing", "请先登录");
  }
  if (!match) throw deny("token_malformed", "登录凭证格式错误，请重新登录");
  const token = match[1]!;
  c.set("claims", await verifyAccessToken(token));
  c.set("accessToken", token);
  await next();
};
