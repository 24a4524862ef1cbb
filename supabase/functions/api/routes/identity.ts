// Real-name identity: look the phone up in the 微警务 registry and copy it (sync), or register
// oneself with name, ID number and a face photo.
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requireAuth } from "../../_shared/auth.ts";
import { withAuthBridge, withUser } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { MAX_IMAGE_BYTES, processImage } from "../../_shared/image.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { findPersonByPhone } from "../../_shared/registry.ts";
import { removeObject, uploadObject } from "../../_shared/storage.ts";
import { idNumberSchema, maskName, nameSchema } from "../../_shared/validation.ts";
import { MeSchema } from "../schemas.ts";
import { loadMe, meForClaims } from "./me.ts";

const FACE_BUCKET = "face-photos";
const meResponse = {
  description: "当前用户",
  content: { "application/json": { schema: MeSchema } },
};

const registry = createRoute({
  method: "get",
  path: "/registry",
  summary: "查询本人手机号是否已在微警务平台实名",
  tags: ["identity"],
  security: bearer,
  middleware: [requireAuth] as const,
  responses: {
    200: {
      description: "查询结果（姓名打码）",
      content: {
        "application/json": {
          schema: z.object({
            found: z.boolean(),
            nameMasked: z.string().optional().openapi({ example: "张*" }),
          }),
        },
      },
    },
    ...errorResponses(401, 502, 503),
  },
});

const sync = createRoute({
  method: "post",
  path: "/sync",
  summary: "授权关联用户信息：从微警务平台复制姓名与身份证号",
  tags: ["identity"],
  security: bearer,
  middleware: [requireAuth] as const,
  responses: { 200: meResponse, ...errorResponses(401, 404, 409, 502, 503) },
});

const register = createRoute({
  method: "post",
  path: "/",
  summary: "自行认证：姓名、身份证号码与正面人像照片",
  tags: ["identity"],
  security: bearer,
  // The photo may be 5 MB; the rest of the form is small.
  middleware: [
    requireAuth,
    bodyLimit({
      maxSize: MAX_IMAGE_BYTES + 64 * 1024,
      onError: () => {
        throw new AppError(413, "photo_too_large", "头像不能超过 5 MB");
      },
    }),
  ] as const,
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            name: nameSchema,
            idNumber: idNumberSchema,
            photo: z.instanceof(File, { error: "请上传头像照片（JPEG 或 PNG）" })
              .openapi({ type: "string", format: "binary", description: "正面人像，≤ 5 MB" }),
          }),
        },
      },
    },
  },
  responses: { 200: meResponse, ...errorResponses(400, 401, 409, 413, 502) },
});

export const identityApp = newApp()
  .openapi(registry, async (c) => {
    const person = await findPersonByPhone(c.get("claims").phone);
    return c.json(
      person ? { found: true, nameMasked: maskName(person.name) } : { found: false },
      200,
    );
  })
  .openapi(sync, async (c) => {
    const claims = c.get("claims");
    const person = await findPersonByPhone(claims.phone);
    if (!person) {
      throw new AppError(404, "registry_not_found", "微警务平台未查到您的实名信息，请自行认证");
    }
    await withAuthBridge((tx) =>
      tx`select auth_bridge.sync_identity(${claims.sub}::uuid, ${person.name}, ${person.idNumber})`
    );
    return c.json(await meForClaims(claims), 200);
  })
  .openapi(register, async (c) => {
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
      throw e;
    }
  });
