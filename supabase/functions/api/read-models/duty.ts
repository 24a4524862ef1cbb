// What a scanned zone QR would do for the caller (POST /api/duty/preview, and POST /api/scan for a
// zone code): public.preview_duty's decision with the confirmation dialog of docs/zones.md, or
// the reason it would be refused.
import { callAs, type Claims } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { parseQr } from "../../_shared/qr.ts";
import type { DutyPreview } from "../zones.schemas.ts";

/** The token of a scanned zone QR (the link or the bare token), or 404 code_unknown. */
export function zoneTokenOf(code: string): string {
  const qr = parseQr(code);
  if (qr?.kind === "zone") return qr.token;
  const bare = code.trim();
  if (!qr && /^[A-Za-z0-9_-]{22,64}$/.test(bare)) return bare;
  throw new AppError(404, "code_unknown", "不是巡区二维码");
}

type Plan = {
  action: NonNullable<DutyPreview["action"]>;
  zone: { id: string; name: string };
  company: { id: string; name: string };
  currentZone: { id: string; name: string } | null;
  isZoneAdmin: boolean;
  distanceM: number | null;
  geofenceM: number;
};

/** The confirmation dialogs (the guide's 是否上岗打卡，加入办公室5?). */
export function dialogOf(p: Plan): string {
  switch (p.action) {
    case "join_and_clock_on":
      return `是否上岗打卡，加入${p.zone.name}?`;
    case "switch_and_clock_on":
      return `您已加入${p.currentZone?.name}，是否上岗打卡，加入${p.zone.name}?` +
        (p.isZoneAdmin ? `（加入后将不再是${p.currentZone?.name}的巡区管理员）` : "");
    case "clock_on":
      return `是否上岗打卡（${p.zone.name}）?`;
    case "clock_off":
      return `是否离岗打卡（${p.zone.name}）?`;
  }
}

const EMPTY = {
  action: null,
  dialog: null,
  zone: null,
  company: null,
  currentZone: null,
  distanceM: null,
  geofenceM: null,
};

export async function dutyPreview(
  claims: Claims,
  code: string,
  location?: { lat: number; lng: number },
): Promise<DutyPreview> {
  try {
    const token = zoneTokenOf(code);
    // One statement (docs/request-path.md): act_as, then public.preview_duty (was a withUser
    // transaction: begin; act_as; the select; commit).
    const plan: Plan = JSON.parse(
      await callAs(
        claims,
        "private.duty_preview_as",
        token,
        location?.lat ?? null,
        location?.lng ?? null,
      ),
    );
    return {
      action: plan.action,
      dialog: dialogOf(plan),
      zone: plan.zone,
      company: plan.company,
      currentZone: plan.currentZone,
      distanceM: plan.distanceM,
      geofenceM: plan.geofenceM,
    };
  } catch (e) {
    // a refusal is an answer of the preview: the page shows the reason
    if (e instanceof AppError && e.status >= 403 && e.status < 500) {
      return { ...EMPTY, reason: e.message, reasonCode: e.code };
    }
    throw e;
  }
}
