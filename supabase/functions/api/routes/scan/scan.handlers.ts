// Any string comes back 200 with the kind, a preview, the actions the caller may take, or the
// reason why none (an officer of another branch, a regenerated 单位码, a QR that is not ours).
// The actions themselves are the routes of companies/reviews, which check everything again.
import { withUser } from "../../../_shared/db.ts";
import { AppError } from "../../../_shared/errors.ts";
import { parseQr } from "../../../_shared/qr.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { companyOfCode } from "../../read-models/company-code.ts";
import { previewDeclaration } from "../../read-models/declarations.ts";
import { dutyPreview } from "../../read-models/duty.ts";
import { activeMembership } from "../../read-models/memberships.ts";
import type { ScanResult } from "../../schemas.ts";
import type * as routes from "./scan.routes.ts";

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

export const scan: AppRouteHandler<typeof routes.scan> = async (c) => {
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
  if (qr.kind === "zone") {
    const duty = await dutyPreview(claims, qr.token);
    const result: ScanResult = duty.action
      ? { kind: "zone", duty, actions: ["clock"] }
      : { kind: "zone", duty, actions: [], reason: duty.reason, reasonCode: duty.reasonCode };
    return c.json(result, 200);
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
      const preview = await companyOfCode(tx, qr.token);
      if (!preview) throw new AppError(404, "code_unknown", "单位码无效或已失效");
      return { preview, membership: await activeMembership(tx) };
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
};
