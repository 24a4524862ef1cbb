// POST /api/scan { code }: what a scanned QR is for the caller. Any string comes back 200 with
// the kind, a preview, the actions the caller may take, or the reason why none (an officer of
// another branch, a regenerated 单位码, a QR that is not ours). The actions themselves are the
// routes of companies/reviews, which check everything again.
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { withUser } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { parseQr } from "../../_shared/qr.ts";
import { ReviewPreviewSchema } from "../schemas.ts";
import { activeMembership } from "./companies.ts";
import { previewDeclaration } from "./reviews.ts";

const CompanyPreviewSchema = z.object({
  companyId: z.string().uuid(),
  companyName: z.string(),
}).openapi("CompanyPreview");

const ScanResultSchema = z.object({
  kind: z.enum(["company", "review", "unknown"]),
  preview: z.union([CompanyPreviewSchema, ReviewPreviewSchema]).optional(),
  actions: z.array(z.enum(["join", "approve", "reject"])),
  reason: z.string().optional().openapi({ description: "不能操作的原因（中文）" }),
  reasonCode: z.string().optional().openapi({ example: "out_of_scope" }),
}).openapi("ScanResult");

type ScanResult = z.infer<typeof ScanResultSchema>;

const scan = createRoute({
  method: "post",
  path: "/",
  summary: "扫一扫：识别本平台的二维码（单位码、审核二维码）及可执行的操作",
  tags: ["scan"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            code: z.string({ error: "缺少二维码内容" }).max(2000, { error: "二维码内容过长" }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: "识别结果", content: { "application/json": { schema: ScanResultSchema } } },
    ...errorResponses(400, 401),
  },
});

/** A refusal of the preview functions becomes the reason of the answer; the rest is thrown. */
async function orReason<T>(
  kind: ScanResult["kind"],
  fn: () => Promise<T>,
): Promise<T | ScanResult> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.status >= 400 && e.status < 500) {
      return { kind, actions: [], reason: e.message, reasonCode: e.code };
    }
    throw e;
  }
}

const isResult = (x: unknown): x is ScanResult =>
  typeof x === "object" && x !== null && "actions" in x;

export const scanApp = newApp().openapi(scan, async (c) => {
  const claims = c.get("claims");
  const qr = parseQr(c.req.valid("json").code);
  if (!qr) {
    return c.json({
      kind: "unknown" as const,
      actions: [],
      reason: "不是本平台的二维码",
      reasonCode: "not_ours",
    }, 200);
  }
  if (qr.kind === "review") {
    const preview = await orReason(
      "review",
      () => withUser(claims, (tx) => previewDeclaration(tx, qr.token)),
    );
    if (isResult(preview)) return c.json(preview, 200);
    const result: ScanResult = preview.status === "pending"
      ? { kind: "review", preview, actions: ["approve", "reject"] }
      : {
        kind: "review",
        preview,
        actions: [],
        reason: "该申报已审核",
        reasonCode: "already_reviewed",
      };
    return c.json(result, 200);
  }
  const found = await orReason("company", () =>
    withUser(claims, async (tx) => {
      const [row] = await tx<{ companyId: string; companyName: string }[]>`
        select company_id as "companyId", company_name as "companyName"
          from public.preview_company_code(${qr.token})`;
      if (!row) throw new AppError(404, "code_unknown", "单位码无效或已失效");
      return { preview: { ...row }, membership: await activeMembership(tx) };
    }));
  if (isResult(found)) return c.json(found, 200);
  const { preview, membership } = found;
  const result: ScanResult = membership
    ? {
      kind: "company",
      preview,
      actions: [],
      reason: membership.companyId === preview.companyId
        ? "您已是该单位人员"
        : `您已加入${membership.companyName}，请先离职`,
      reasonCode: "already_in_company",
    }
    : { kind: "company", preview, actions: ["join"] };
  return c.json(result, 200);
});
