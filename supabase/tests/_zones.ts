// Committed fixtures of the zones tests (issue 8): a company's zone with its QR token, guards
// who joined the company, and clock calls as a given user.
import {
  type ApprovedCompany,
  asUserCommit,
  departmentId,
  joinAs,
  newVerifiedUser,
  sql,
  type TestUser,
  type VerifiedUser,
} from "./_helpers.ts";

export interface TestZone {
  id: string;
  name: string;
  /** the current QR token */
  token: string;
}

/** The point of the guide's 添加巡区 screenshot: 常州市新北区太湖东路101 (GCJ-02). */
export const POINT = { lat: 31.8107, lng: 119.9741 };

/** A committed zone of `company`, created by its admin; geofence off unless given. */
export async function newZone(
  company: ApprovedCompany,
  opts: { name?: string; geofenceM?: number; departmentCode?: string } = {},
): Promise<TestZone> {
  const name = opts.name ?? `巡区${crypto.randomUUID().slice(0, 6)}`;
  const dept = await departmentId(opts.departmentCode ?? "cz.xb.anjia");
  const [row] = await asUserCommit(company.admin.id, (tx) =>
    tx<{ id: string }[]>`
      select public.create_zone(${name}, ${dept}, ${POINT.lat}, ${POINT.lng},
        '江苏省常州市新北区太湖东路101', '常发广场写字楼', '', ${opts.geofenceM ?? 0}) as id`);
  return { id: row.id, name, token: await currentToken(row.id) };
}

export async function currentToken(zoneId: string): Promise<string> {
  const [c] = await sql<{ token: string }[]>`
    select token from public.zone_codes where zone_id = ${zoneId} and revoked_at is null`;
  return c.token;
}

/** A committed verified guard who joined `company` by its 单位码. */
export async function newGuard(company: ApprovedCompany): Promise<VerifiedUser> {
  const guard = await newVerifiedUser();
  await joinAs(guard, company.code);
  return guard;
}

export interface ClockOptions {
  action?: string;
  lat?: number | null;
  lng?: number | null;
  requestId?: string;
  deviceAt?: Date | null;
}

/** public.clock as `user`, committed; returns its jsonb result. */
export async function clock(
  user: TestUser,
  token: string,
  o: ClockOptions = {},
): Promise<Record<string, unknown>> {
  const [row] = await asUserCommit(user.id, (tx) =>
    tx<{ r: Record<string, unknown> }[]>`
      select public.clock(${token}, ${o.action ?? "auto"}, ${o.lat ?? null}, ${o.lng ?? null},
        ${o.requestId ?? crypto.randomUUID()}, ${o.deviceAt ?? null}) as r`);
  return row.r;
}

/** The user's open shifts and closed shifts, read as the table owner. */
export async function shiftsOf(userId: string) {
  const [o] = await sql<{ n: number }[]>`
    select count(*)::int as n from public.open_shifts where user_id = ${userId}`;
  const [c] = await sql<{ n: number }[]>`
    select count(*)::int as n from public.shifts where user_id = ${userId}`;
  return { open: o.n, closed: c.n };
}
