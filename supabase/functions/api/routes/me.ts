// GET /api/me: who the caller is, their identity state, and the home tiles of their role.
import { createRoute } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { type Claims, type Tx, withUser } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { maskPhone } from "../../_shared/validation.ts";
import { type Me, MeSchema } from "../schemas.ts";

// Home tiles per role, in display order (SPEC §1.4, §2.1). An unverified user has none: the
// home page shows 去授权 instead.
const TILES: Record<Me["role"], Me["tiles"]> = {
  unverified: [],
  verified: [
    { key: "scan", title: "扫一扫" },
    { key: "declare", title: "单位申报" },
    { key: "join", title: "入职扫码" },
    { key: "tips", title: "线索举报" },
  ],
};

type ProfileRow = {
  user_id: string;
  phone: string;
  name: string | null;
  verified_at: Date | null;
  source: "registry" | "self" | null;
};

/** The caller's Me (and bare phone), read under RLS inside the caller's transaction. */
export async function loadProfile(tx: Tx): Promise<{ me: Me; phone: string }> {
  const [p] = await tx<ProfileRow[]>`
    select user_id, phone, name, verified_at, source::text as source
      from public.profiles where user_id = (select auth.uid())`;
  if (!p) throw new AppError(404, "profile_not_found", "未找到您的用户资料，请重新登录");
  const role = p.verified_at ? "verified" : "unverified";
  const me: Me = {
    id: p.user_id,
    phoneMasked: maskPhone(p.phone),
    identity: { status: role, name: p.name, source: p.source },
    role,
    tiles: TILES[role],
  };
  return { me, phone: p.phone };
}

export const loadMe = async (tx: Tx): Promise<Me> => (await loadProfile(tx)).me;

export const meForClaims = (claims: Claims) => withUser(claims, loadMe);

const getMe = createRoute({
  method: "get",
  path: "/",
  summary: "当前用户、认证状态与首页功能",
  tags: ["me"],
  security: bearer,
  middleware: [requireAuth] as const,
  responses: {
    200: { description: "当前用户", content: { "application/json": { schema: MeSchema } } },
    ...errorResponses(401, 404),
  },
});

export const meApp = newApp().openapi(getMe, async (c) => {
  return c.json(await meForClaims(c.get("claims")), 200);
});
