import { withUser } from "../../../_shared/db.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { dutyPreview, zoneTokenOf } from "../../read-models/duty.ts";
import { dutyState } from "../../read-models/zones.ts";
import type { DutyResult } from "../../zones.schemas.ts";
import type * as routes from "./duty.routes.ts";

export const state: AppRouteHandler<typeof routes.state> = async (c) => {
  // deno-lint-ignore no-explicit-any
  const s = await withUser(c.get("claims"), (tx) => dutyState(tx)) as any;
  return c.json(s, 200);
};

export const preview: AppRouteHandler<typeof routes.preview> = async (c) => {
  const { code, location } = c.req.valid("json");
  return c.json(await dutyPreview(c.get("claims"), code, location), 200);
};

const DONE: Record<DutyResult["action"], string> = {
  clock_on: "上岗打卡成功",
  join_and_clock_on: "已加入巡区，上岗打卡成功",
  switch_and_clock_on: "已切换巡区，上岗打卡成功",
  clock_off: "离岗打卡成功",
};

// public.clock decides and acts with the user's row locked; a replayed requestId answers the
// first result (replayed: true) and writes nothing.
export const clock: AppRouteHandler<typeof routes.clock> = async (c) => {
  const b = c.req.valid("json");
  const token = zoneTokenOf(b.code);
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
