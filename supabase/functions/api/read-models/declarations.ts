// Declarations (申报) as their declarant sees them, and as an officer previews and lists them
// for review. The SQL functions decide what an officer may see; these only shape the rows.
import { callAs, type Claims, type Tx } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { qrUrl } from "../../_shared/qr.ts";
import type { Declaration, Membership, ReviewListItem, ReviewPreview } from "../schemas.ts";

type DeclarationRow = Omit<Declaration, "reviewQr" | "reviewedAt" | "createdAt"> & {
  reviewToken: string;
  reviewedAt: Date | null;
  createdAt: Date;
};

/** A declaration under the caller's RLS: the caller's latest, or one by id. */
export async function declaration(
  tx: Tx,
  where: { id: string } | { mine: true },
): Promise<Declaration | null> {
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
     where ${"id" in where ? tx`c.id = ${where.id}` : tx`c.declarant_id = (select auth.uid())`}
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

const REVIEW_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
export const codeUnknown = () => new AppError(404, "code_unknown", "二维码无效或已失效");

/** A review token of the right shape, or 404 code_unknown before any query. */
export function reviewToken(token: string): string {
  if (!REVIEW_TOKEN.test(token)) throw codeUnknown();
  return token;
}

type PreviewRow = Omit<ReviewPreview, "createdAt"> & { createdAt: Date };

/** The declaration behind a review token, as preview_declaration lets the caller see it. */
export async function previewDeclaration(tx: Tx, token: string): Promise<ReviewPreview> {
  const [row] = await tx<PreviewRow[]>`
    select id, company_name as "companyName", credit_code as "creditCode",
           department_name as "departmentName", address, contact_phone as "contactPhone",
           declarant_name as "declarantName", status::text as status, created_at as "createdAt"
      from public.preview_declaration(${reviewToken(token)})`;
  if (!row) throw codeUnknown();
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/**
 * The JSON text of one page of the officer's 单位审核 list with its nextCursor, in one statement
 * (private.reviews_page_as; list_declarations decides the scope), answered as is.
 */
export function reviewsPageText(
  claims: Claims,
  status: ReviewListItem["status"],
  before: { created: string | null; id: string | null },
  limit: number,
): Promise<string> {
  return callAs(claims, "private.reviews_page_as", status, before.created, before.id, limit);
}

/** previewDeclaration in one statement of its own (private.review_preview_as). */
export async function previewDeclarationAs(claims: Claims, token: string): Promise<string> {
  const text = await callAs(claims, "private.review_preview_as", reviewToken(token));
  if (text === "null") throw codeUnknown();
  return text;
}

type MineJson = {
  declaration: (Omit<Declaration, "reviewQr"> & { reviewToken: string }) | null;
  membership: Membership | null;
};

/**
 * 单位申报 status page: the caller's latest declaration and active membership in one statement
 * (private.companies_mine_as); the review QR is a link under QR_BASE_URL, made here.
 */
export async function mineAs(
  claims: Claims,
): Promise<{ declaration: Declaration | null; membership: Membership | null }> {
  const { declaration, membership }: MineJson = JSON.parse(
    await callAs(claims, "private.companies_mine_as"),
  );
  if (!declaration) return { declaration: null, membership };
  const { reviewToken, ...d } = declaration;
  return {
    declaration: {
      ...d,
      // The review QR exists for the declarant only while the police have not decided.
      reviewQr: d.status === "pending" ? qrUrl("review", reviewToken) : null,
    },
    membership,
  };
}
