// Supabase Storage as the signed-in user: the client carries the user's own access token, so
// Storage runs the storage.objects statement under that user's role and claims and the bucket
// policies decide (an object outside <uid>/ is refused). Never a service role key.
//
// Uploads are the exception that proves it: the photo buckets accept an object only from a
// token whose `upload` claim names it (migration 20261128200000_hardening). The user's own token
// has no such claim, so bytes sent straight to Storage never skip the image pipeline; the API
// mints one for the object it checked, for that user, valid for a minute. Its audience is not
// "authenticated", so our API refuses it as a login.
import { createClient } from "@supabase/supabase-js";
import { decodeJwt, SignJWT } from "jose";
import { AppError } from "./errors.ts";
import { env } from "./env.ts";

/** Lifetime of a signed URL the API hands out: long enough to show a photo, not to share it. */
export const SIGNED_URL_SECONDS = 300;
const UPLOAD_TOKEN_SECONDS = 60;

/** A one-object upload token for the (already verified) user of `userAccessToken`. */
export async function uploadToken(
  userAccessToken: string,
  bucketName: string,
  path: string,
): Promise<string> {
  const sub = decodeJwt(userAccessToken).sub;
  if (!sub) throw new AppError(401, "token_malformed", "登录凭证内容不完整，请重新登录");
  return await new SignJWT({ role: "authenticated", upload: `${bucketName}/${path}` })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(sub)
    .setAudience("storage-upload")
    .setIssuedAt()
    .setExpirationTime(`${UPLOAD_TOKEN_SECONDS}s`)
    .sign(new TextEncoder().encode(env.jwtSecret()));
}

function bucket(userAccessToken: string, name: string) {
  const client = createClient(env.supabaseUrl(), env.anonKey(), {
    global: { headers: { Authorization: `Bearer ${userAccessToken}` } },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return client.storage.from(name);
}

export async function uploadObject(
  userAccessToken: string,
  bucketName: string,
  path: string,
  bytes: Uint8Array,
  contentType: string,
): Promise<void> {
  const token = await uploadToken(userAccessToken, bucketName, path);
  const { error } = await bucket(token, bucketName).upload(path, bytes, {
    contentType,
    upsert: false,
  });
  if (error) {
    console.error(`storage upload ${bucketName}/${path}: ${error.message}`);
    throw new AppError(502, "storage_failed", "照片保存失败，请稍后再试");
  }
}

/** Best effort: a leftover object is harmless (only its owner can read it). */
export async function removeObject(
  userAccessToken: string,
  bucketName: string,
  path: string,
): Promise<boolean> {
  const { error } = await bucket(userAccessToken, bucketName).remove([path]);
  if (error) console.error(`storage remove ${bucketName}/${path}: ${error.message}`);
  return !error;
}

export async function downloadObject(
  userAccessToken: string,
  bucketName: string,
  path: string,
): Promise<Uint8Array | null> {
  const { data, error } = await bucket(userAccessToken, bucketName).download(path);
  if (error || !data) return null;
  return new Uint8Array(await data.arrayBuffer());
}

/** A signed URL of an object the user may read, valid for SIGNED_URL_SECONDS; null if none. */
export async function signedUrl(
  userAccessToken: string,
  bucketName: string,
  path: string,
): Promise<string | null> {
  const { data, error } = await bucket(userAccessToken, bucketName).createSignedUrl(
    path,
    SIGNED_URL_SECONDS,
  );
  return error || !data ? null : data.signedUrl;
}
