// The 单位码 (company code): its PNG and its regeneration for the company's admin, and joining a
// company with it (入职扫码).
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { withUser } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { parseQr, qrPng, qrUrl } from "../../_shared/qr.ts";
import { MeSchema, OkSchema } from "../schemas.ts";
import { loadMe } from "./me.ts";
import { pngResponse } from "./png.ts";

export const companyIdParam = z.object({
  id: z.string().uuid({ error: "单位编号格式不正确" }).openapi({
    param: { name: "id", in: "path" },
  }),
});

const notAdmin = () => new AppError(403, "not_company_admin", "仅本单位管理员可操作");

const codePng = createRoute({
  method: "get",
  path: "/{id}/code.png",
  summary: "单位码（PNG，仅本单位管理员）",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: { params: companyIdParam },
  responses: {
    200: {
      description:
        "二维码图片，内容为 ${QR_BASE_URL}/q/company/<token>；单位名称由小程序绘制在图下",
      content: { "image/png": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(400, 401, 403),
  },
});

const regenerate = createRoute({
  method: "post",
  path: "/{id}/code",
  summary: "重新生成单位码（旧码立即失效）",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: { params: companyIdParam },
  responses: {
    200: { description: "已重新生成", content: { "application/json": { schema: OkSchema } } },
    ...errorResponses(400, 401, 403),
  },
});

const join = createRoute({
  method: "post",
  path: "/join",
  summary: "扫单位码入职（是否有保安证）",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            token: z.string({ error: "缺少单位码" }).min(1, { error: "缺少单位码" }).max(500)
              .openapi({ description: "单位码的 token（或扫到的完整链接）" }),
            hasGuardCertificate: z.boolean({ error: "请选择是否有保安证" }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: "入职后的当前用户", content: { "application/json": { schema: MeSchema } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const companyCodeApp = newApp()
  .openapi(codePng, async (c) => {
    const { id } = c.req.valid("param");
    // RLS shows a company's code row to its active admin only: no row means not theirs.
    const [row] = await withUser(c.get("claims"), (tx) =>
      tx<{ token: string; name: string }[]>`
        select k.token, rc.name
          from public.company_codes k
          join public.companies c on c.id = k.company_id
          join public.registry_companies rc on rc.id = c.registry_company_id
         where k.company_id = ${id}`);
    if (!row) throw notAdmin();
    return pngResponse(c, await qrPng(qrUrl("company", row.token)), `${row.name}单位码.png`);
  })
  .openapi(regenerate, async (c) => {
    const { id } = c.req.valid("param");
    await withUser(c.get("claims"), (tx) => tx`select public.regenerate_company_code(${id}::uuid)`);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(join, async (c) => {
    const { token, hasGuardCertificate } = c.req.valid("json");
    // The client may hand over the scanned link as is; a review code is not a company code.
    const scanned = parseQr(token);
    if (scanned && scanned.kind !== "company") {
      throw new AppError(404, "code_unknown", "单位码无效或已失效，请向单位管理员索取新码");
    }
    const me = await withUser(c.get("claims"), async (tx) => {
      await tx`select public.join_company(${
        scanned?.token ?? token.trim()
      }, ${hasGuardCertificate})`;
      return await loadMe(tx);
    });
    return c.json(me, 200);
  });
