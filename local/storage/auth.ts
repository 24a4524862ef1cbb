// Who is calling: the bearer JWT verified with the project's HS256 secret, as Storage's jwt
// plugin does. Storage answers a bad token with AccessDenied carrying jsonwebtoken's message;
// jose's errors are translated to those same messages so clients see familiar texts.
import { errors, jwtVerify, SignJWT } from "jose";
import { ERRORS, StorageError } from "./errors.ts";

/** The roles Postgres may be switched to; anything else would let a token pick any role. */
const ROLES = new Set(["anon", "authenticated", "service_role"]);

export type Caller = {
  role: "anon" | "authenticated" | "service_role";
  claims: Record<string, unknown>;
  /** The `sub` claim: becomes `owner_id` (and `owner` when it is a uuid) of uploaded objects. */
  owner: string | null;
};

const key = (secret: string) => new TextEncoder().encode(secret);

/** Verifies an HS256 token; throws the error Storage gives for that failure. */
export async function verifyToken(
  token: string,
  secret: string,
  toError: (message: string) => StorageError,
): Promise<Record<string, unknown>> {
  if (!token) throw toError("jwt must be provided");
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ["HS256"] });
    return payload as Record<string, unknown>;
  } catch (e) {
    throw toError(joseMessage(e));
  }
}

function joseMessage(e: unknown): string {
  if (e instanceof errors.JWTExpired) return "jwt expired";
  if (e instanceof errors.JWSSignatureVerificationFailed) return "invalid signature";
  if (e instanceof errors.JOSEAlgNotAllowed) return "invalid algorithm";
  if (e instanceof errors.JWTClaimValidationFailed) return `jwt ${e.claim} invalid`;
  return "jwt malformed";
}

/**
 * The caller of an authenticated route. Like the API gateway in front of hosted Storage, the
 * `apikey` header stands in for a missing Authorization header.
 */
export async function callerOf(headers: Headers, secret: string): Promise<Caller> {
  const bearer = headers.get("authorization")?.replace(/^Bearer\s+/i, "").trim();
  const token = bearer || headers.get("apikey")?.trim() || "";
  const claims = await verifyToken(token, secret, ERRORS.accessDenied);
  const role = claims.role;
  if (typeof role !== "string" || !ROLES.has(role)) {
    throw ERRORS.accessDenied(`role ${String(role)} is not allowed`);
  }
  const sub = typeof claims.sub === "string" && claims.sub ? claims.sub : null;
  return { role: role as Caller["role"], claims, owner: sub };
}

/** A signed-URL token: only the object path, never a role (it must not double as a login). */
export function signUrlToken(url: string, expiresIn: number, secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ url })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .sign(key(secret));
}
