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

export async function zonesPage(tx: Tx, q: string, cursor: string | undefined, limit: number) {
  const [at, id] = keyset(cursor);
  const [row] = await tx<Json[]>`
    select private.zones_page(${q || null}, ${at}::timestamptz, ${id}::uuid, ${limit}) as j`;
  return row.j;
}

/** One zone its caller manages (zone_not_found / not_zone_admin otherwise). */
export async function zoneDetail(tx: Tx, zoneId: string) {
  const [row] = await tx<Json[]>`select private.zone_detail(${zoneId}::uuid) as j`;
  return row.j;
}

export async function zoneMembersPage(
  tx: Tx,
  zoneId: string,
  q: string,
  cursor: string | undefined,
  limit: number,
) {
  const [at, id] = keyset(cursor);
  const [row] = await tx<Json[]>`
    select private.zone_members_page(${zoneId}::uuid, ${q || null}, ${at}::timestamptz,
                                     ${id}::uuid, ${limit}) as j`;
  return row.j;
}

export type RecordStatus = "all" | "on" | "off";

/** 到岗记录 of a zone (zoneId) or the caller's own (null): one statement (private.records_as). */
export async function recordsPage(
  claims: Claims,
  zoneId: string | null,
  status: RecordStatus,
  cursor: string | undefined,
  limit: number,
) {
  const [at, id] = keyset(cursor);
  return JSON.parse(await callAs(claims, "private.records_as", zoneId, status, at, id, limit));
}

/** The current token of a zone's QR, for its managers; null when not theirs. */
export async function zoneToken(tx: Tx, zoneId: string) {
  await tx`select private.zone_for_manager(${zoneId}::uuid, false)`;
  const [row] = await tx<{ token: string; name: string }[]>`
    select c.token, z.name from public.zone_codes c join public.zones z on z.id = c.zone_id
     where c.zone_id = ${zoneId} and c.revoked_at is null`;
  return row ?? null;
}

export async function dutyState(claims: Claims) {
  return JSON.parse(await callAs(claims, "private.duty_state_as"));
}
