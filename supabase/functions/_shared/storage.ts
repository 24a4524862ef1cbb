// Supabase Storage as the signed-in user: the client carries the user's own access token, so
// Storage runs the storage.objects statement under that user's role and claims and the bucket
// policies decide (an object outside <uid>/ is refused). Never a service role key.
import { createClient } from "@supabase/supabase-js";
import { AppError } from "./errors.ts";
import { env } from "./env.ts";

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
  const { error } = await bucket(userAccessToken, bucketName).upload(path, bytes, {
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
