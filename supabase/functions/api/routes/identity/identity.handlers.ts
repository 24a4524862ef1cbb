import { callAs, withAuthBridge, withUser } from "../../../_shared/db.ts";
import { AppError } from "../../../_shared/errors.ts";
import { processImage } from "../../../_shared/image.ts";
import { registrationHits, throttle } from "../../../_shared/throttle.ts";
import { findPersonByPhone } from "../../../_shared/registry.ts";
import { removeObject, uploadObject } from "../../../_shared/storage.ts";
import { maskName } from "../../../_shared/validation.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { loadMe, meForClaims } from "../../read-models/me.ts";
import type * as routes from "./identity.routes.ts";

const FACE_BUCKET = "face-photos";

// A revoked session (logout, refresh-token reuse) asks the registry nothing: act_as refuses it
// with session_revoked, as every other route's first statement does.
export const registry: AppRouteHandler<typeof routes.registry> = async (c) => {
  await callAs(c.get("claims"), "private.act_as");
  const person = await findPersonByPhone(c.get("claims").phone);
  return c.json(
    person ? { found: true, nameMasked: maskName(person.name) } : { found: false },
    200,
  );
};

export const sync: AppRouteHandler<typeof routes.sync> = async (c) => {
  const claims = c.get("claims");
  const person = await findPersonByPhone(claims.phone);
  if (!person) {
    throw new AppError(404, "registry_not_found", "微警务平台未查到您的实名信息，请自行认证");
  }
  // The session is checked in the statement that writes (a revoked one: session_revoked).
  await withAuthBridge((tx) =>
    tx`select auth_bridge.sync_identity_for_session(${claims.session_id}::uuid,
      ${claims.sub}::uuid, ${person.name}, ${person.idNumber})`
  );
  return c.json(await meForClaims(claims), 200);
};

export const register: AppRouteHandler<typeof routes.register> = async (c) => {
  const claims = c.get("claims");
  const { name, idNumber, photo } = c.req.valid("form");
  const image = await processImage(new Uint8Array(await photo.arrayBuffer()), "头像");
  // A verified identity is locked: refuse before storing a photo that would be removed again.
  const before = await withUser(claims, loadMe);
  if (before.identity.status === "verified") {
    throw new AppError(409, "identity_locked", "您已完成实名认证，身份信息不可修改");
  }
  const path = `${claims.sub}/${crypto.randomUUID()}.${image.ext}`;
  const token = c.get("accessToken");
  await uploadObject(token, FACE_BUCKET, path, image.bytes, image.contentType);
  try {
    const me = await withUser(claims, async (tx) => {
      await tx`select public.register_identity(${name}, ${idNumber}, ${path})`;
      return await loadMe(tx);
    });
    return c.json(me, 200);
  } catch (e) {
    await removeObject(token, FACE_BUCKET, path);
    // The answer tells whether a number is registered: each one spends the budget that the
    // route's throttle checks before the next attempt.
    if (e instanceof AppError && e.code === "id_number_taken") {
      await throttle(registrationHits(c, 1));
    }
    throw e;
  }
};
