// Fixtures of the zones and duty tests: zones made through the real API by a company's admin,
// guards who joined it, and the calls the pages make (PATCH, PUT, DELETE, clock).
import assert from "node:assert/strict";
import { app } from "../app.ts";
import { admin, type Approved, departmentId, post } from "./companies-fixtures.ts";

export const POINT = { lat: 31.8107, lng: 119.9741 };

export function send(method: string, path: string, token: string, body?: unknown) {
  return Promise.resolve(app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

export async function zoneForm(over: Record<string, unknown> = {}) {
  return {
    name: `巡区${crypto.randomUUID().slice(0, 6)}`,
    departmentId: await departmentId("cz.xb.anjia"),
    lat: POINT.lat,
    lng: POINT.lng,
    address: "江苏省常州市新北区太湖东路101",
    addressDetail: "常发广场写字楼",
    remark: "",
    ...over,
  };
}

export type ApiZone = { id: string; name: string; token: string; code: string };

/** A zone of `company` created by its admin through POST /api/zones, with its QR content. */
export async function createZone(
  company: Approved,
  over: Record<string, unknown> = {},
): Promise<ApiZone> {
  const res = await post("/api/zones", await zoneForm(over), company.admin.accessToken);
  assert.equal(res.status, 201, await res.clone().text());
  const zone = await res.json();
  const token = await zoneToken(zone.id);
  return { id: zone.id, name: zone.name, token, code: qrOf(token) };
}

export const qrOf = (token: string) =>
  `${Deno.env.get("QR_BASE_URL") || "https://qunfang.example.cn"}/q/zone/${token}`;

export async function zoneToken(zoneId: string): Promise<string> {
  const [c] = await admin()<{ token: string }[]>`
    select token from public.zone_codes where zone_id = ${zoneId} and revoked_at is null`;
  return c.token;
}

export function clock(token: string, body: Record<string, unknown>) {
  return post("/api/duty", { action: "auto", requestId: crypto.randomUUID(), ...body }, token);
}

/** Clocks and expects success; returns the result. */
export async function clockOk(token: string, body: Record<string, unknown>) {
  const res = await clock(token, body);
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

export async function shiftCounts(userId: string) {
  const [r] = await admin()<{ open: number; closed: number }[]>`
    select (select count(*)::int from public.open_shifts where user_id = ${userId}) as open,
           (select count(*)::int from public.shifts where user_id = ${userId}) as closed`;
  return { open: r.open, closed: r.closed };
}
