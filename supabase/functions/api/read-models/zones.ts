// Zones, their members and 到岗记录 as the API answers them. The SQL functions (migration
// 20261128300000_zones.sql) build the whole JSON page, cursor included, under the caller's RLS.
import { callAs, type Claims, type Tx } from "../../_shared/db.ts";
import { decodeCursor, TIMESTAMP, UUID } from "../lib/cursor.ts";

/** The two values of a keyset cursor ([timestamp, uuid]) or nulls for the first page. */
export function keyset(cursor: string | undefined): [string | null, string | null] {
  if (!cursor) return [null, null];
  const [at, id] = decodeCursor(cursor, [TIMESTAMP, UUID]);
  return [at, id];
}

type Json = { j: unknown };

/** 巡区管理: the JSON text of a page, in one statement (private.zones_page_as). */
export function zonesPageText(
  claims: Claims,
  q: string,
  cursor: string | undefined,
  limit: number,
): Promise<string> {
  const [at, id] = keyset(cursor);
  return callAs(claims, "private.zones_page_as", q || null, at, id, limit);
}

/** One zone its caller manages (zone_not_found / not_zone_admin otherwise). */
export async function zoneDetail(tx: Tx, zoneId: string) {
  const [row] = await tx<Json[]>`select private.zone_detail(${zoneId}::uuid) as j`;
  return row.j;
}

/** 巡区人员: the JSON text of a page, in one statement (private.zone_members_page_as). */
export function zoneMembersPageText(
  claims: Claims,
  zoneId: string,
  q: string,
  cursor: string | undefined,
  limit: number,
): Promise<string> {
  const [at, id] = keyset(cursor);
  return callAs(claims, "private.zone_members_page_as", zoneId, q || null, at, id, limit);
}

export type RecordStatus = "all" | "on" | "off";

/**
 * 到岗记录 of a zone (zoneId) or the caller's own (null): the JSON text of a page, in one
 * statement (private.records_as).
 */
export function recordsPageText(
  claims: Claims,
  zoneId: string | null,
  status: RecordStatus,
  cursor: string | undefined,
  limit: number,
): Promise<string> {
  const [at, id] = keyset(cursor);
  return callAs(claims, "private.records_as", zoneId, status, at, id, limit);
}

/** GET /api/zones/{id}: the JSON text of one zone its caller manages (private.zone_detail_as). */
export function zoneDetailText(claims: Claims, zoneId: string): Promise<string> {
  return callAs(claims, "private.zone_detail_as", zoneId);
}

/** The live QR token and name of a zone its caller manages (zone_not_found / not_zone_admin
 * otherwise), in one statement. */
export async function zoneCode(
  claims: Claims,
  zoneId: string,
): Promise<{ token: string; name: string } | null> {
  return JSON.parse(await callAs(claims, "private.zone_code_as", zoneId));
}

/** GET /api/duty: the JSON text of the caller's duty state (private.duty_state_as). */
export function dutyStateText(claims: Claims): Promise<string> {
  return callAs(claims, "private.duty_state_as");
}
