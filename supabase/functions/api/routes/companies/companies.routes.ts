// A company from its declarant's and its admin's side: declaring it (申报保安单位), the caller's
// own company state and 审核二维码, the 单位码 and joining by it (入职扫码), and 人员名单.
import { z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, pngContent, signedInRoute } from "../../../_shared/openapi.ts";
import { NAME_MAX, plainText } from "../../../_shared/validation.ts";
import { pageQuery } from "../../lib/cursor.ts";
import {
  DeclarationSchema,
  MembershipSchema,
  MeSchema,
  OkSchema,
  pageOf,
  StaffSchema,
} from "../../schemas.ts";

const tags = ["companies"];

const companyIdParam = z.object({
  id: z.string().uuid({ error: "单位编号格式不正确" }).openapi({
    param: { name: "id", in: "path" },
  }),
});

export const declare = signedInRoute({
  method: "post",
  path: "/",
  summary: "申报保安单位（提交后待审核，并生成审核二维码）",
  tags,
  request: {
    body: jsonBody(z.object({
      registryCompanyId: z.string({ error: "请选择单位" }).uuid({ error: "请选择单位" }),
      departmentId: z.string({ error: "请选择管理部门" }).uuid({ error: "请选择管理部门" }),
      address: plainText("经营地址", { missing: "请填写经营地址" }).max(500),
      contactPhone: plainText("联系电话", { missing: "请填写联系电话" }).max(50),
    })),
  },
  responses: { 200: jsonResponse(DeclarationSchema, "申报") },
  errors: [400, 403, 404, 409],
});

export const mine = signedInRoute({
  method: "get",
  path: "/mine",
  summary: "我的单位：最近一次申报（待审核时含审核二维码）与在职单位",
  tags,
  responses: {
    200: jsonResponse(
      z.object({
        // a union, not .nullable(): zod-openapi renders a nullable $ref as allOf [$ref,
        // {type: [object, null]}] (declaration) or drops the null (membership), and the
        // document would promise an object where the API sends null (found by the fuzzer)
        declaration: z.union([DeclarationSchema, z.null()]),
        membership: z.union([MembershipSchema, z.null()]),
      }),
      "申报与在职单位",
    ),
  },
});

export const reviewQr = signedInRoute({
  method: "get",
  path: "/mine/review-qr.png",
  summary: "审核二维码（PNG，仅申报人、待审核时）",
  tags,
  responses: { 200: pngContent("二维码图片，内容为 ${QR_BASE_URL}/q/review/<token>") },
  errors: [404],
});

export const codePng = signedInRoute({
  method: "get",
  path: "/{id}/code.png",
  summary: "单位码（PNG，仅本单位管理员）",
  tags,
  request: { params: companyIdParam },
  responses: {
    200: pngContent(
      "二维码图片，内容为 ${QR_BASE_URL}/q/company/<token>；单位名称由小程序绘制在图下",
    ),
  },
  errors: [400, 403],
});

export const regenerateCode = signedInRoute({
  method: "post",
  path: "/{id}/code",
  summary: "重新生成单位码（旧码立即失效）",
  tags,
  request: { params: companyIdParam },
  responses: { 200: jsonResponse(OkSchema, "已重新生成") },
  errors: [400, 403],
});

export const join = signedInRoute({
  method: "post",
  path: "/join",
  summary: "扫单位码入职（是否有保安证）",
  tags,
  request: {
    body: jsonBody(z.object({
      token: plainText("单位码", { missing: "缺少单位码" }).min(1, { error: "缺少单位码" }).max(500)
        .openapi({ description: "单位码的 token（或扫到的完整链接）" }),
      hasGuardCertificate: z.boolean({ error: "请选择是否有保安证" }),
    })),
  },
  responses: { 200: jsonResponse(MeSchema, "入职后的当前用户") },
  errors: [400, 403, 404, 409],
});

export const staff = signedInRoute({
  method: "get",
  path: "/{id}/staff",
  summary: "人员名单（在职，最新入职在前；按姓名或手机号搜索）",
  tags,
  request: {
    params: companyIdParam,
    query: z.object({
      q: plainText("搜索词").trim().max(NAME_MAX, { error: `搜索词不能超过 ${NAME_MAX} 个字` })
        .default("")
        .openapi({ description: "姓名或手机号中的字词" }),
      ...pageQuery,
    }),
  },
  responses: { 200: jsonResponse(pageOf(StaffSchema), "一页人员") },
  errors: [400, 403],
});
