import { withUser } from "../../../_shared/db.ts";
import { AppError } from "../../../_shared/errors.ts";
import { parseQr } from "../../../_shared/qr.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { dutyState } from "../../read-models/zones.ts";
import type { DutyPreview, DutyResult } from "../../zones.schemas.ts";
import type * as routes from "./duty.routes.ts";

/** The token of a scanned zone QR (the link or the bare token), or 404 code_unknown. */
function zoneToken(code: string): string {
  const qr = parseQr(code);
  if (qr?.kind === "zone") return qr.token;
  const bare = code.trim();
  if (!qr && /^[A-Za-z0-9_-]{22,64}$/.test(bare)) return bare;
  throw new AppError(404, "code_unknown", "不是巡区二维码");
}

type Plan = {
  action: DutyPreview["action"] & string;
  zone: { id: string; name: string };
  company: { id: string; name: string };
  currentZone: { id: string; name: string } | null;
  isZoneAdmin: boolean;
  distanceM: number | null;
  geofenceM: number;
};

/** The confirmation dialogs of docs/zones.md (the guide's 是否上岗打卡，加入办公室5?). */
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

export const state: AppRouteHandler<typeof routes.state> = async (c) => {
  // deno-lint-ignore no-explicit-any
  const s = await withUser(c.get("claims"), (tx) => dutyState(tx)) as any;
  return c.json(s, 200);
};

export const preview: AppRouteHandler<typeof routes.preview> = async (c) => {
  const { code, location } = c.req.valid("json");
  const empty = {
    action: null,
    dialog: null,
    zone: null,
    company: null,
    currentZone: null,
    distanceM: null,
    geofenceM: null,
  };
  try {
    const token = zoneToken(code);
    const plan = await withUser(c.get("claims"), async (tx) => {
      const [row] = await tx<{ p: Plan }[]>`
        select public.preview_duty(${token}, ${location?.lat ?? null}, ${
        location?.lng ?? null
      }) as p`;
      return row.p;
    });
    const answer: DutyPreview = {
      action: plan.action,
      dialog: dialogOf(plan),
      zone: plan.zone,
      company: plan.company,
      currentZone: plan.currentZone,
      distanceM: plan.distanceM,
      geofenceM: plan.geofenceM,
    };
    return c.json(answer, 200);
  } catch (e) {
    // a refusal is an answer of the preview: the page shows the reason
    if (e instanceof AppError && e.status >= 403 && e.status < 500) {
      return c.json({ ...empty, reason: e.message, reasonCode: e.code }, 200);
    }
    throw e;
  }
};

const DONE: Record<DutyResult["action"], string> = {
  clock_on: "上岗打卡成功",
  join_and_clock_on: "已加入巡区，上岗打卡成功",
  switch_and_clock_on: "已切换巡区，上岗打卡成功",
  clock_off: "离岗打卡成功",
};

export const clock: AppRouteHandler<typeof routes.clock> = async (c) => {
  const b = c.req.valid("json");
  const token = zoneToken(b.code);
  const result = await withUser(c.get("claims"), async (tx) => {
    const [row] = await tx<{ r: Omit<DutyResult, "message"> }[]>`
      select public.clock(${token}, ${b.action}, ${b.location?.lat ?? null},
        ${b.location?.lng ?? null}, ${b.requestId}::uuid, ${
      b.deviceTime ?? null
    }::timestamptz) as r`;
    return row.r;
  });
  return c.json({ ...result, message: DONE[result.action] }, 200);
};
