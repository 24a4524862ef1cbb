// Fixtures of the attacker tests: two approved companies (A in 安家派出所, B in 奔牛派出所, both
// 新北分局), each with its admin, a zone admin and a guard on duty in a zone; a plain verified
// user who sent an anonymous tip (with a photo) and a named one; an officer of 奔牛派出所 (B's
// station: A and 安家's tips are outside their scope) and one of 天宁分局's 翠竹派出所 (outside
// everything). Made once per file through the real API; the writes an attack must not make are
// checked by fingerprinting every table an operation could touch, as the table owner.
import assert from "node:assert/strict";
import { app } from "../app.ts";
import {
  admin,
  type Approved,
  approvedCompany,
  departmentId,
  member,
  officer,
  post,
  type User,
  verifiedUser,
} from "./companies-fixtures.ts";
import { type ApiZone, clockOk, createZone, send } from "./zones-fixtures.ts";

export type Side = {
  company: Approved;
  admin: User;
  zoneAdmin: User;
  guard: User;
  zone: ApiZone;
  otherZone: ApiZone;
  guardMembershipId: string;
  adminMembershipId: string;
  shiftId: string;
};

async function side(station: string): Promise<Side> {
  const company = await approvedCompany(station);
  const zone = await createZone(company, { departmentId: await departmentId(station) });
  const otherZone = await createZone(company, { departmentId: await departmentId(station) });
  const zoneAdmin = await member(company.codeToken);
  const guard = await member(company.codeToken);
  await clockOk(zoneAdmin.accessToken, { code: zone.code });
  await clockOk(guard.accessToken, { code: zone.code });
  await clockOk(guard.accessToken, { code: zone.code, action: "clock_off" });
  await clockOk(guard.accessToken, { code: zone.code });
  const granted = await send(
    "PUT",
    `/api/zones/${zone.id}/admins/${zoneAdmin.user.id}`,
    company.admin.accessToken,
  );
  assert.equal(granted.status, 200, await granted.clone().text());
  const [m] = await admin()<{ id: string }[]>`
    select id from public.memberships where user_id = ${guard.user.id} and left_at is null`;
  const [am] = await admin()<{ id: string }[]>`
    select id from public.memberships where user_id = ${company.admin.user.id} and left_at is null`;
  const [s] = await admin()<{ id: string }[]>`
    select id from public.shifts where user_id = ${guard.user.id}`;
  return {
    company,
    admin: company.admin,
    zoneAdmin,
    guard,
    zone,
    otherZone,
    guardMembershipId: m.id,
    adminMembershipId: am.id,
    shiftId: s.id,
  };
}

const RARE = "鹤鸥鹭鸿鹏鹰鸾凤麟麒貔貅饕餮梼杌";
const uniqueHan = (n: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => RARE[b % RARE.length]).join("");

/** A small real JPEG as base64. */
async function jpeg(): Promise<string> {
  const { Image } = await import("imagescript");
  const { Buffer } = await import("node:buffer");
  const img = new Image(8, 6);
  img.fill(0x3366ccff);
  return Buffer.from(await img.encodeJPEG(80)).toString("base64");
}

async function tip(user: User, o: Record<string, unknown>): Promise<string> {
  const res = await post("/api/tips", {
    anonymous: true,
    categoryId: 2,
    content: "小区东门有人撬电动车锁",
    photos: [],
    ...o,
  }, user.accessToken);
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).id;
}

export async function twoCompanies() {
  const a = await side("cz.xb.anjia");
  const b = await side("cz.xb.benniu");
  // a name no other fixture gives (theirs start with 测 or come from a dozen characters), so
  // that finding it in an answer means the reporter, not a namesake
  const citizen = await verifiedUser(`鲍${uniqueHan(4)}`);
  const benniu = await departmentId("cz.xb.benniu");
  const anjia = await departmentId("cz.xb.anjia");
  // The anonymous tip goes to B's station, whose officer handles it without learning who sent it.
  const anonymousTip = await tip(citizen, {
    anonymous: true,
    departmentId: benniu,
    photos: [await jpeg()],
  });
  const namedTip = await tip(citizen, { anonymous: false, departmentId: anjia });
  const [photo] = await admin()<{ path: string }[]>`
    select object_path as path from public.tip_photos where tip_id = ${anonymousTip}`;
  const stationOfficer = await officer("cz.xb.benniu");
  const farOfficer = await officer("cz.tn.cuizhu");
  return {
    a,
    b,
    citizen,
    anonymousTip,
    namedTip,
    photoPath: photo.path,
    stationOfficer,
    farOfficer,
  };
}

/** Every table an operation of the API could write, fingerprinted as the table owner: its row
 * count and the newest transaction that wrote a row of it. */
const WATCHED = [
  "public.companies",
  "public.memberships",
  "public.company_codes",
  "public.police_officers",
  "public.profiles",
  "public.zones",
  "public.zone_codes",
  "public.zone_members",
  "public.open_shifts",
  "public.shifts",
  "private.duty_requests",
  "public.tips",
  "private.tip_reporters",
  "public.tip_photos",
  "public.tip_events",
  "public.tip_messages",
  "public.platform_supervisors",
  "private.tip_blacklist",
  "private.audit_log",
  "private.console_logins",
  "auth_bridge.sessions",
  "auth_bridge.refresh_tokens",
  "storage.objects",
];

export async function fingerprint(): Promise<Record<string, string>> {
  const parts = WATCHED.map((t) =>
    // rows, and the newest row version: an insert or update moves it, a delete the count
    `select '${t}' as t, count(*) || ':' || coalesce(max(x.xmin::text::bigint), 0) as f from ${t} x`
  );
  const rows = await admin().unsafe<{ t: string; f: string }[]>(parts.join(" union all "));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

/** The tables whose fingerprint changed between two snapshots. */
export function changed(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys(before).filter((t) => before[t] !== after[t]);
}

export type Fixture = Awaited<ReturnType<typeof twoCompanies>>;

/** The fixture of a file, made once on first use (tests of a file run in order, one at a time). */
export function once(): () => Promise<Fixture> {
  let made: Promise<Fixture> | null = null;
  return () => (made ??= twoCompanies());
}

export type Attempt = { status: number; code: string | null; body: string; wrote: string[] };

/** One request as `token` (none: no Authorization), with the tables it wrote (none expected). */
export async function attempt(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<Attempt> {
  const before = await fingerprint();
  const got = await request(method, path, token, body);
  return { ...got, wrote: changed(before, await fingerprint()) };
}

/** The same without the fingerprints (a caller that takes them around several requests). */
export async function request(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<Attempt> {
  const res = await app.request(path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let code: string | null = null;
  try {
    code = JSON.parse(text)?.error?.code ?? null;
  } catch {
    code = null;
  }
  return { status: res.status, code, body: text, wrote: [] };
}

/** Runs `fn` and asserts that it wrote no row in any watched table. */
export async function writesNothing(what: string, fn: () => Promise<void>): Promise<void> {
  const before = await fingerprint();
  await fn();
  assert.deepEqual(changed(before, await fingerprint()), [], `${what} wrote`);
}

/** Asserts the refusal: this status and code, and not one row written anywhere. */
export function assertRefused(got: Attempt, status: number, code: string, who: string) {
  assert.deepEqual(
    { status: got.status, code: got.code, wrote: got.wrote },
    { status, code, wrote: [] },
    `${who}: ${got.body.slice(0, 200)}`,
  );
}
