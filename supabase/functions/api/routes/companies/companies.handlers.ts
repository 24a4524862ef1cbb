import { withUser } from "../../../_shared/db.ts";
import { AppError } from "../../../_shared/errors.ts";
import { parseQr, qrPng, qrUrl } from "../../../_shared/qr.ts";
import { CN_MOBILE, isRealText } from "../../../_shared/validation.ts";
import { asIs } from "../../lib/as-is.ts";
import { decodeCursor, TIMESTAMP, UUID } from "../../lib/cursor.ts";
import { pngResponse } from "../../lib/png.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { companyCode } from "../../read-models/company-code.ts";
import { declaration, mineAs } from "../../read-models/declarations.ts";
import { loadMe } from "../../read-models/me.ts";
import { staffPageText } from "../../read-models/staff.ts";
import type * as routes from "./companies.routes.ts";

export const declare: AppRouteHandler<typeof routes.declare> = async (c) => {
  const body = c.req.valid("json");
  const address = body.address.trim();
  const phone = body.contactPhone.trim();
  if (!CN_MOBILE.test(phone)) {
    throw new AppError(400, "phone_invalid", "联系电话须为 11 位中国大陆手机号码");
  }
  if ([...address].length < 2 || [...address].length > 100) {
    throw new AppError(400, "address_invalid", "经营地址须为 2–100 个字");
  }
  if (!isRealText(address)) {
    throw new AppError(400, "address_invalid", "经营地址须填写文字，不能只有表情或符号");
  }
  const made = await withUser(c.get("claims"), async (tx) => {
    const [{ id }] = await tx<{ id: string }[]>`
      select public.declare_company(${body.registryCompanyId}::uuid, ${body.departmentId}::uuid,
                                    ${address}, ${phone}) as id`;
    return await declaration(tx, { id });
  });
  return c.json(made!, 200);
};

export const mine: AppRouteHandler<typeof routes.mine> = async (c) => {
  return c.json(await mineAs(c.get("claims")), 200);
};

export const reviewQr: AppRouteHandler<typeof routes.reviewQr> = async (c) => {
  const d = (await mineAs(c.get("claims"))).declaration;
  if (!d?.reviewQr) {
    throw new AppError(404, "declaration_not_pending", "没有待审核的申报");
  }
  return pngResponse(c, await qrPng(d.reviewQr));
};

export const codePng: AppRouteHandler<typeof routes.codePng> = async (c) => {
  const { id } = c.req.valid("param");
  const row = await companyCode(c.get("claims"), id);
  if (!row) throw new AppError(403, "not_company_admin", "仅本单位管理员可操作");
  return pngResponse(c, await qrPng(qrUrl("company", row.token)), `${row.name}单位码.png`);
};

export const regenerateCode: AppRouteHandler<typeof routes.regenerateCode> = async (c) => {
  const { id } = c.req.valid("param");
  await withUser(c.get("claims"), (tx) => tx`select public.regenerate_company_code(${id}::uuid)`);
  return c.json({ ok: true as const }, 200);
};

export const join: AppRouteHandler<typeof routes.join> = async (c) => {
  const { token, hasGuardCertificate } = c.req.valid("json");
  // The client may hand over the scanned link as is; a review code is not a company code.
  const scanned = parseQr(token);
  if (scanned && scanned.kind !== "company") {
    throw new AppError(404, "code_unknown", "单位码无效或已失效，请向单位管理员索取新码");
  }
  const me = await withUser(c.get("claims"), async (tx) => {
    await tx`select public.join_company(${scanned?.token ?? token.trim()}, ${hasGuardCertificate})`;
    return await loadMe(tx);
  });
  return c.json(me, 200);
};

// Full phones (SPEC §1.4: the staff list is one of the two places that show them); never ID
// numbers or photos. list_staff refuses anyone but the company's active admin.
export const staff: AppRouteHandler<typeof routes.staff> = async (c) => {
  const { id } = c.req.valid("param");
  const { q, cursor, limit } = c.req.valid("query");
  const [joined, beforeId] = cursor ? decodeCursor(cursor, [TIMESTAMP, UUID]) : [null, null];
  return asIs(
    c,
    await staffPageText(c.get("claims"), id, q, { joined, id: beforeId }, limit),
  );
};
