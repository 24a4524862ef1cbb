import { callAs } from "../../../_shared/db.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { dutyPreview, zoneTokenOf } from "../../read-models/duty.ts";
import { asIs } from "../../lib/as-is.ts";
import { dutyStateText } from "../../read-models/zones.ts";
import type { DutyResult } from "../../zones.schemas.ts";
import type * as routes from "./duty.routes.ts";

export const state: AppRouteHandler<typeof routes.state> = async (c) => {
  return asIs(c, await dutyStateText(c.get("claims")));
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
// first result (replayed: true) and writes nothing. One statement, its own transaction
// (private.clock_as; docs/request-path.md): an answer lost in flight may hide a commit, which the
// client's retry with the same requestId finds.
export const clock: AppRouteHandler<typeof routes.clock> = async (c) => {
  const b = c.req.valid("json");
  const token = zoneTokenOf(b.code);
  const result: Omit<DutyResult, "message"> = JSON.parse(
    await callAs(
      c.get("claims"),
      "private.clock_as",
      token,
      b.action,
      b.location?.lat ?? null,
      b.location?.lng ?? null,
      b.requestId,
      b.deviceTime ?? null,
    ),
  );
  return c.json({ ...result, message: DONE[result.action] }, 200);
};
