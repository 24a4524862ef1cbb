// Tip photos in Storage. A photo is stored by the API after the image pipeline, with a token
// minted for that one object whose SUBJECT IS THE TIP (not the reporter): Storage records the
// token's subject as the object's owner, and the object lives under <tip id>/, so neither the
// owner columns nor the path of a tip photo can tell an officer who sent it (migration
// 20261128400000_tips). Reading is by signed URLs made with the reader's own token, so the
// select policies (reporter, covering officers, supervisors) decide; they live minutes.
import { createClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import { env } from "../../_shared/env.ts";
import { AppError } from "../../_shared/errors.ts";

export const TIP_BUCKET = "tip-photos";
export const PHOTO_URL_SECONDS = 300;
const UPLOAD_TOKEN_SECONDS = 60;

function bucket(token: string) {
  const client = createClient(env.supabaseUrl(), env.anonKey(), {
    global: { headers: { Authorization: `Bearer ${token}` } },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return client.storage.from(TIP_BUCKET);
}

/** A one-minute token that may create (and, while no tip holds it, remove) this one object. */
function objectToken(tipId: string, path: string): Promise<string> {
  return new SignJWT({ role: "authenticated", upload: `${TIP_BUCKET}/${path}` })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(tipId)
    .setAudience("storage-upload")
    .setIssuedAt()
    .setExpirationTime(`${UPLOAD_TOKEN_SECONDS}s`)
    .sign(new TextEncoder().encode(env.jwtSecret()));
}

export type StoredTipPhoto = { path: string; width: number; height: number; token: string };

/** Stores one checked JPEG as `<tipId>/<random>.jpg`. */
export async function storeTipPhoto(
  tipId: string,
  photo: { bytes: Uint8Array; width: number; height: number },
): Promise<StoredTipPhoto> {
  const path = `${tipId}/${crypto.randomUUID()}.jpg`;
  const token = await objectToken(tipId, path);
  const { error } = await bucket(token).upload(path, photo.bytes, {
    contentType: "image/jpeg",
    upsert: false,
  });
  if (error) {
    console.error(`storage upload ${TIP_BUCKET}/${path}: ${error.message}`);
    throw new AppError(502, "storage_failed", "图片保存失败，请稍后再试");
  }
  return { path, width: photo.width, height: photo.height, token };
}

/** Removes photos of a tip that was not sent; true when every one is gone. */
export async function removeTipPhotos(photos: StoredTipPhoto[]): Promise<boolean> {
  let ok = true;
  for (const p of photos) {
    const { data, error } = await bucket(p.token).remove([p.path]);
    if (error || !data?.length) {
      ok = false;
      console.error(`storage remove ${TIP_BUCKET}/${p.path}: ${error?.message ?? "not removed"}`);
    }
  }
  return ok;
}

/** Signed URLs, made with the reader's own token (null where the reader may not see it). */
export async function signTipPhotos(
  readerToken: string,
  paths: string[],
): Promise<(string | null)[]> {
  if (paths.length === 0) return [];
  const { data, error } = await bucket(readerToken).createSignedUrls(paths, PHOTO_URL_SECONDS);
  if (error || !data) return paths.map(() => null);
  return paths.map((p) => {
    const hit = data.find((d) => d.path === p);
    return hit && !hit.error ? hit.signedUrl : null;
  });
}
