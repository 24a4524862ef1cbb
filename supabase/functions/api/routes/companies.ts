// Declaring a company (申报保安单位) and the caller's own company state: POST /api/companies,
// GET /api/companies/mine, and the 审核二维码 PNG that the declarant shows to the police while
// the declaration is pending.
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { type Tx, withUser } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { qrPng, qrUrl } from "../../_shared/qr.ts";
import { CN_MOBILE } from "../../_shared/validation.ts";
import {
  type Declaration,
  DeclarationSchema,
  type Membership,
  MembershipSchema,
} from "../schemas.ts";
import { pngResponse } from "./png.ts";

type DeclarationRow = Omit<Declaration, "reviewQr" | "reviewedAt" | "createdAt"> & {
  reviewToken: string;
  reviewedAt: Date | null;
  createdAt: Date;
};

/** Declarations under the caller's RLS: `where` picks which (the caller's own, or one by id). */
async function declarations(tx: Tx, where: { id?: string; mine?: true }) {
  const rows = await tx<DeclarationRow[]>`
    select c.id, c.registry_company_id as "registryCompanyId", rc.name as "companyName",
           rc.credit_code as "creditCode", c.department_id as "departmentId",
           -- as preview_declaration names it: 新北分局 安家派出所
           coalesce(p.name || ' ', '') || d.name as "departmentName",
           c.address, c.contact_phone as "contactPhone", c.industry, c.status::text as status,
           c.reject_reason as "rejectReason", c.reviewed_at as "reviewedAt",
           c.created_at as "createdAt", c.review_token as "reviewToken"
      from public.companies c
      join public.registry_companies rc on rc.id = c.registry_company_id
      join public.departments d on d.id = c.department_id
      left join public.departments p on p.id = d.parent_id
     where ${where.id ? tx`c.id = ${where.id}` : tx`c.declarant_id = (select auth.uid())`}
     order by c.created_at desc, c.id desc
     limit 1`;
  return rows.map(({ reviewToken, reviewedAt, createdAt, ...r }): Declaration => ({
    ...r,
    reviewedAt: reviewedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    // The review QR exists for the declarant only while the police have not decided.
    reviewQr: r.status === "pending" ? qrUrl("review", reviewToken) : null,
  }))[0] ?? null;
}

type MembershipRow = Omit<Membership, "joinedAt"> & { joinedAt: Date };

export async function activeMembership(tx: Tx): Promise<Membership | null> {
  const [m] = await tx<MembershipRow[]>`
    select m.id, m.company_id as "companyId", rc.name as "companyName", m.role::text as role,
           m.has_guard_certificate as "hasGuardCertificate", m.joined_at as "joinedAt",
           m.entry_date::text as "entryDate"
      from public.memberships m
      join public.companies c on c.id = m.company_id
      join public.registry_companies rc on rc.id = c.registry_company_id
     where m.user_id = (select auth.uid()) and m.left_at is null`;
  return m ? { ...m, joinedAt: m.joinedAt.toISOString() } : null;
}

const declarationResponse = {
  description: "申报",
  content: { "application/json": { schema: DeclarationSchema } },
};

const declare = createRoute({
  method: "post",
  path: "/",
  summary: "申报保安单位（提交后待审核，并生成审核二维码）",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            registryCompanyId: z.string({ error: "请选择单位" }).uuid({ error: "请选择单位" }),
            departmentId: z.string({ error: "请选择管理部门" }).uuid({ error: "请选择管理部门" }),
            address: z.string({ error: "请填写经营地址" }).max(500),
            contactPhone: z.string({ error: "请填写联系电话" }).max(50),
          }),
        },
      },
    },
  },
  responses: { 200: declarationResponse, ...errorResponses(400, 401, 403, 404, 409) },
});

const mine = createRoute({
  method: "get",
  path: "/mine",
  summary: "我的单位：最近一次申报（待审核时含审核二维码）与在职单位",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  responses: {
    200: {
      description: "申报与在职单位",
      content: {
        "application/json": {
          schema: z.object({
            declaration: DeclarationSchema.nullable(),
            membership: MembershipSchema.nullable(),
          }),
        },
      },
    },
    ...errorResponses(401),
  },
});

const reviewQr = createRoute({
  method: "get",
  path: "/mine/review-qr.png",
  summary: "审核二维码（PNG，仅申报人、待审核时）",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  responses: {
    200: {
      description: "二维码图片，内容为 ${QR_BASE_URL}/q/review/<token>",
      content: { "image/png": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(401, 404),
  },
});

export const companiesApp = newApp()
  .openapi(declare, async (c) => {
    const body = c.req.valid("json");
    const address = body.address.trim();
    const phone = body.contactPhone.trim();
    if (!CN_MOBILE.test(phone)) {
      throw new AppError(400, "phone_invalid", "联系电话须为 11 位中国大陆手机号码");
    }
    if ([...address].length < 2 || [...address].length > 100) {
      throw new AppError(400, "address_invalid", "经营地址须为 2–100 个字");
    }
    const declaration = await withUser(c.get("claims"), async (tx) => {
      const [{ id }] = await tx<{ id: string }[]>`
        select public.declare_company(${body.registryCompanyId}::uuid, ${body.departmentId}::uuid,
                                      ${address}, ${phone}) as id`;
      return await declarations(tx, { id });
    });
    return c.json(declaration!, 200);
  })
  .openapi(mine, async (c) => {
    const out = await withUser(c.get("claims"), async (tx) => ({
      declaration: await declarations(tx, { mine: true }),
      membership: await activeMembership(tx),
    }));
    return c.json(out, 200);
  })
  .openapi(reviewQr, async (c) => {
    const d = await withUser(c.get("claims"), (tx) => declarations(tx, { mine: true }));
    if (!d?.reviewQr) {
      throw new AppError(404, "declaration_not_pending", "没有待审核的申报");
    }
    return pngResponse(c, await qrPng(d.reviewQr));
  });
