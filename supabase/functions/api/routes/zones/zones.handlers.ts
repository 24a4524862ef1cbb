import { type Claims, type Tx, withUser } from "../../../_shared/db.ts";
import { qrPng, qrUrl } from "../../../_shared/qr.ts";
import { pngResponse } from "../../lib/png.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { asIs } from "../../lib/as-is.ts";
import {
  recordsPageText,
  zoneCode,
  zoneDetail,
  zoneDetailText,
  zoneMembersPageText,
  zonesPageText,
} from "../../read-models/zones.ts";
import { AppError } from "../../../_shared/errors.ts";
import type { Zone } from "../../zones.schemas.ts";
import type * as routes from "./zones.routes.ts";

// The SQL read functions answer in the documented shape already (docs/zones.md).
// deno-lint-ignore no-explicit-any
type AsIs = any;

const OK = { ok: true as const };

/** One RPC as the caller (it checks the right and the rules itself); the routes answering ok. */
const act = (claims: Claims, rpc: (tx: Tx) => Promise<unknown>) =>
  withUser(claims, rpc).then(() => OK);

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { q, cursor, limit } = c.req.valid("query");
  return asIs(c, await zonesPageText(c.get("claims"), q, cursor, limit));
};

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const b = c.req.valid("json");
  const zone = await withUser(c.get("claims"), async (tx) => {
    const [{ id }] = await tx<{ id: string }[]>`
      select public.create_zone(${b.name}, ${b.departmentId}::uuid, ${b.lat}, ${b.lng},
        ${b.address}, ${b.addressDetail}, ${b.remark}, ${b.geofenceM}) as id`;
    return await zoneDetail(tx, id);
  });
  return c.json(zone as AsIs, 201);
};

export const detail: AppRouteHandler<typeof routes.detail> = async (c) => {
  const { id } = c.req.valid("param");
  return asIs(c, await zoneDetailText(c.get("claims"), id));
};

export const update: AppRouteHandler<typeof routes.update> = async (c) => {
  const { id } = c.req.valid("param");
  const patch = c.req.valid("json");
  const zone = await withUser(c.get("claims"), async (tx) => {
    // the fields not given keep their value; update_zone checks the right and the rules again
    const z = { ...(await zoneDetail(tx, id) as Zone), ...patch };
    await tx`
      select public.update_zone(${id}::uuid, ${z.name}, ${z.departmentId}::uuid, ${z.lat},
        ${z.lng}, ${z.address}, ${z.addressDetail}, ${z.remark}, ${z.geofenceM})`;
    return await zoneDetail(tx, id);
  });
  return c.json(zone as AsIs, 200);
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  const { id } = c.req.valid("param");
  const done = await act(c.get("claims"), (tx) => tx`select public.delete_zone(${id}::uuid)`);
  return c.json(done, 200);
};

export const codePng: AppRouteHandler<typeof routes.codePng> = async (c) => {
  const { id } = c.req.valid("param");
  const row = await zoneCode(c.get("claims"), id);
  // a live zone always has a live code (regenerating swaps it in one transaction)
  if (!row) throw new AppError(404, "zone_not_found", "巡区不存在或已删除");
  return pngResponse(c, await qrPng(qrUrl("zone", row.token)), `${row.name}二维码.png`);
};

export const regenerateCode: AppRouteHandler<typeof routes.regenerateCode> = async (c) => {
  const { id } = c.req.valid("param");
  const done = await act(
    c.get("claims"),
    (tx) => tx`select public.regenerate_zone_code(${id}::uuid)`,
  );
  return c.json(done, 200);
};

export const members: AppRouteHandler<typeof routes.members> = async (c) => {
  const { id } = c.req.valid("param");
  const { q, cursor, limit } = c.req.valid("query");
  return asIs(c, await zoneMembersPageText(c.get("claims"), id, q, cursor, limit));
};

const setAdmin = (admin: boolean): AppRouteHandler<typeof routes.grantAdmin> => async (c) => {
  const { id, userId } = c.req.valid("param");
  const done = await act(
    c.get("claims"),
    (tx) => tx`select public.set_zone_admin(${id}::uuid, ${userId}::uuid, ${admin})`,
  );
  return c.json(done, 200);
};
export const grantAdmin = setAdmin(true);
export const revokeAdmin = setAdmin(false);

export const handOver: AppRouteHandler<typeof routes.handOver> = async (c) => {
  const { id } = c.req.valid("param");
  const { userId } = c.req.valid("json");
  const done = await act(
    c.get("claims"),
    (tx) => tx`select public.hand_over_zone(${id}::uuid, ${userId}::uuid)`,
  );
  return c.json(done, 200);
};

export const records: AppRouteHandler<typeof routes.records> = async (c) => {
  const { id } = c.req.valid("param");
  const { status, cursor, limit } = c.req.valid("query");
  return asIs(c, await recordsPageText(c.get("claims"), id, status, cursor, limit));
};
