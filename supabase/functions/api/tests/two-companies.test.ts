// Company A's admin, zone admin and guard (and a plain verified user, B's own station officer
// and an officer of another 分局) against company B's ids, over HTTP through the real app: every
// attempt answers the status and stable code of the table and writes no row anywhere (every
// table an operation could touch, fingerprinted as the table owner before and after). An id of
// B answers exactly as a random id does, so nobody can tell B's ids from ids that do not exist.
import assert from "node:assert/strict";
import { apiTest } from "./helpers.ts";
import { admin } from "./companies-fixtures.ts";
import {
  assertRefused,
  attempt,
  type Fixture,
  once,
  request,
  writesNothing,
} from "./two-companies-fixtures.ts";

const fixture = once();

type Who = "aAdmin" | "aZoneAdmin" | "aGuard" | "citizen" | "bOfficer" | "farOfficer";
const EVERYONE: Who[] = ["aAdmin", "aZoneAdmin", "aGuard", "citizen", "bOfficer", "farOfficer"];
const A_SIDE: Who[] = ["aAdmin", "aZoneAdmin", "aGuard"];

function userOf(f: Fixture, who: Who) {
  return {
    aAdmin: f.a.admin,
    aZoneAdmin: f.a.zoneAdmin,
    aGuard: f.a.guard,
    citizen: f.citizen,
    bOfficer: f.stationOfficer,
    farOfficer: f.farOfficer,
  }[who];
}
const tokenOf = (f: Fixture, who: Who): string => userOf(f, who).accessToken;

type Row = {
  method: string;
  path: string; // {B} B's company, {bZone} B's zone, {bGuard}/{bZoneAdmin} user ids, {bGuardM} membership
  body?: (f: Fixture) => unknown;
  who: Who[];
  answer: [number, string];
  /** what the body tries, when the path alone does not say */
  label?: string;
};

const ROWS: Row[] = [
  {
    method: "GET",
    path: "/api/companies/{B}/code.png",
    who: EVERYONE,
    answer: [403, "not_company_admin"],
  },
  {
    method: "POST",
    path: "/api/companies/{B}/code",
    body: () => ({}),
    who: EVERYONE,
    answer: [403, "not_company_admin"],
  },
  {
    method: "GET",
    path: "/api/companies/{B}/staff",
    who: EVERYONE,
    answer: [403, "not_company_admin"],
  },
  {
    method: "GET",
    path: "/api/companies/{B}/staff?q=测&limit=50",
    who: EVERYONE,
    answer: [403, "not_company_admin"],
  },
  {
    method: "POST",
    path: "/api/memberships/{bGuardM}/dismiss",
    body: () => ({}),
    who: EVERYONE,
    answer: [404, "membership_not_found"],
  },
  {
    method: "POST",
    path: "/api/memberships/{bAdminM}/dismiss",
    body: () => ({}),
    who: EVERYONE,
    answer: [404, "membership_not_found"],
  },
  { method: "GET", path: "/api/zones/{bZone}", who: EVERYONE, answer: [404, "zone_not_found"] },
  {
    method: "PATCH",
    path: "/api/zones/{bZone}",
    body: () => ({ name: "改名" }),
    who: EVERYONE,
    answer: [404, "zone_not_found"],
  },
  { method: "DELETE", path: "/api/zones/{bZone}", who: EVERYONE, answer: [404, "zone_not_found"] },
  {
    method: "GET",
    path: "/api/zones/{bZone}/code.png",
    who: EVERYONE,
    answer: [404, "zone_not_found"],
  },
  {
    method: "POST",
    path: "/api/zones/{bZone}/code",
    body: () => ({}),
    who: EVERYONE,
    answer: [404, "zone_not_found"],
  },
  {
    method: "GET",
    path: "/api/zones/{bZone}/members",
    who: EVERYONE,
    answer: [404, "zone_not_found"],
  },
  {
    method: "GET",
    path: "/api/zones/{bZone}/records?status=on",
    who: EVERYONE,
    answer: [404, "zone_not_found"],
  },
  {
    method: "PUT",
    path: "/api/zones/{bZone}/admins/{bGuard}",
    who: EVERYONE,
    answer: [404, "zone_not_found"],
  },
  {
    method: "DELETE",
    path: "/api/zones/{bZone}/admins/{bZoneAdmin}",
    who: EVERYONE,
    answer: [404, "zone_not_found"],
  },
  {
    method: "POST",
    path: "/api/zones/{bZone}/hand-over",
    body: (f) => ({ userId: f.a.guard.user.id }),
    who: EVERYONE,
    answer: [403, "not_zone_admin"],
  },
  // B's people in A's own zone: not its members, whoever of A asks
  {
    method: "PUT",
    path: "/api/zones/{aZone}/admins/{bGuard}",
    who: ["aAdmin"],
    answer: [404, "not_zone_member"],
  },
  {
    method: "DELETE",
    path: "/api/zones/{aZone}/admins/{bZoneAdmin}",
    who: ["aAdmin"],
    answer: [404, "not_zone_member"],
  },
  {
    method: "POST",
    path: "/api/zones/{aZone}/hand-over",
    body: (f) => ({ userId: f.b.guard.user.id }),
    who: ["aZoneAdmin"],
    answer: [404, "not_zone_member"],
  },
  // clocking with B's zone QR: A's people are told it is another company's, the rest that they
  // are in none; no shift, no zone membership, no request id is stored
  {
    method: "POST",
    path: "/api/duty",
    body: (f) => ({ action: "auto", requestId: crypto.randomUUID(), code: f.b.zone.code }),
    label: "auto with B's zone QR",
    who: A_SIDE,
    answer: [403, "zone_other_company"],
  },
  {
    method: "POST",
    path: "/api/duty",
    body: (f) => ({
      action: "join_and_clock_on",
      requestId: crypto.randomUUID(),
      code: f.b.zone.code,
    }),
    label: "join_and_clock_on with B's zone QR",
    who: A_SIDE,
    answer: [403, "zone_other_company"],
  },
  {
    method: "POST",
    path: "/api/duty",
    body: (f) => ({ action: "auto", requestId: crypto.randomUUID(), code: f.b.zone.code }),
    label: "auto with B's zone QR",
    who: ["citizen", "bOfficer", "farOfficer"],
    answer: [409, "not_in_company"],
  },
  // joining B by its 单位码 while in A; a zone QR or A's code is no company code of B
  {
    method: "POST",
    path: "/api/companies/join",
    body: (f) => ({ token: f.b.company.codeToken, hasGuardCertificate: true }),
    label: "B's 单位码",
    who: A_SIDE,
    answer: [409, "already_in_company"],
  },
  {
    method: "POST",
    path: "/api/companies/join",
    body: (f) => ({ token: f.b.zone.code, hasGuardCertificate: true }),
    label: "B's zone QR",
    who: ["citizen"],
    answer: [404, "code_unknown"],
  },
];

function pathOf(f: Fixture, template: string): string {
  return template
    .replace("{B}", f.b.company.companyId)
    .replace("{bZone}", f.b.zone.id)
    .replace("{aZone}", f.a.zone.id)
    .replace("{bGuardM}", f.b.guardMembershipId)
    .replace("{bAdminM}", f.b.adminMembershipId)
    .replace("{bGuard}", f.b.guard.user.id)
    .replace("{bZoneAdmin}", f.b.zoneAdmin.user.id);
}

/** The same template with a random id wherever B's (or B's people's) ids were. */
function randomPathOf(template: string): string {
  return template.replace(/\{b[A-Za-z]*\}|\{B\}/g, () => crypto.randomUUID());
}

for (const row of ROWS) {
  const [status, code] = row.answer;
  apiTest(
    `${row.method} ${row.path}${row.label ? ` (${row.label})` : ""} by ${
      row.who.join(", ")
    } answers ${status} ${code}, writes nothing`,
    async () => {
      const f = await fixture();
      await writesNothing(`${row.method} ${row.path}`, async () => {
        for (const who of row.who) {
          const got = await request(
            row.method,
            pathOf(f, row.path),
            tokenOf(f, who),
            row.body?.(f),
          );
          assertRefused(got, status, code, who);
        }
        // the same operation on ids that do not exist answers the same, so B's ids cannot be
        // told apart from random ones (only where the template has an id of B)
        if (/\{b[A-Za-z]*\}|\{B\}/.test(row.path) && !row.path.includes("{aZone}")) {
          for (const who of row.who) {
            const path = randomPathOf(row.path);
            const got = await request(row.method, path, tokenOf(f, who), row.body?.(f));
            assertRefused(got, status, code, `${who} (random id)`);
          }
        }
        // and without a token, nothing at all
        const got = await request(row.method, pathOf(f, row.path), undefined, row.body?.(f));
        assertRefused(got, 401, "token_missing", "no token");
      });
    },
  );
}

apiTest(
  "POST /api/duty/preview and /api/scan of B's zone QR tell A's people no name of B's",
  async () => {
    const f = await fixture();
    for (const who of EVERYONE) {
      for (
        const [path, body] of [
          ["/api/duty/preview", { code: f.b.zone.code }],
          ["/api/scan", { code: f.b.zone.code }],
        ] as const
      ) {
        const got = await attempt("POST", path, tokenOf(f, who), body);
        assert.equal(got.status, 200, `${who} ${path}`);
        assert.deepEqual(got.wrote, [], `${who} ${path}`);
        const duty = path === "/api/scan" ? JSON.parse(got.body).duty : JSON.parse(got.body);
        if (A_SIDE.includes(who)) {
          assert.equal(duty.reasonCode, "zone_other_company", `${who} ${path}`);
          assert.equal(duty.action, null);
          assert.equal(duty.zone, null);
          assert.equal(duty.company, null);
          assert.ok(!got.body.includes(f.b.zone.name), `${who} learns B's zone name`);
          assert.ok(!got.body.includes(f.b.company.company.name), `${who} learns B's name`);
        }
      }
    }
  },
);

apiTest(
  "POST /api/companies/join by B's code ignores role and companyId in the body: a member of B",
  async () => {
    const f = await fixture();
    const { verifiedUser } = await import("./companies-fixtures.ts");
    const fresh = await verifiedUser();
    const got = await attempt("POST", "/api/companies/join", fresh.accessToken, {
      token: f.b.company.codeToken,
      hasGuardCertificate: true,
      role: "admin",
      companyId: f.a.company.companyId,
      company_id: f.a.company.companyId,
      status: "approved",
      userId: f.a.admin.user.id,
      user_id: f.a.admin.user.id,
    });
    assert.equal(got.status, 200, got.body);
    assert.deepEqual(got.wrote, ["public.memberships"]);
    const rows = await admin()<{ user_id: string; company_id: string; role: string }[]>`
      select user_id, company_id, role::text as role from public.memberships
       where user_id in (${fresh.user.id}, ${f.a.admin.user.id}) and left_at is null
       order by joined_at`;
    assert.deepEqual([...rows], [
      { user_id: f.a.admin.user.id, company_id: f.a.company.companyId, role: "admin" },
      { user_id: fresh.user.id, company_id: f.b.company.companyId, role: "member" },
    ]);
  },
);

apiTest(
  "POST /api/me/notices/:id/seen of B's dismissed guard by anyone else answers ok and writes nothing",
  async () => {
    const f = await fixture();
    const { member, post } = await import("./companies-fixtures.ts");
    const gone = await member(f.b.company.codeToken);
    const [m] = await admin()<{ id: string }[]>`
      select id from public.memberships where user_id = ${gone.user.id} and left_at is null`;
    const dismissed = await post(`/api/memberships/${m.id}/dismiss`, {}, f.b.admin.accessToken);
    assert.equal(dismissed.status, 200, await dismissed.clone().text());
    // the same answer as for one's own notice and for a random id: nothing to learn, nothing done
    for (const who of EVERYONE) {
      for (const id of [m.id, crypto.randomUUID()]) {
        const got = await attempt("POST", `/api/me/notices/${id}/seen`, tokenOf(f, who), {});
        assert.deepEqual([got.status, got.wrote], [200, []], `${who}: ${got.body}`);
      }
    }
    // the guard is still told, once
    const me = await (await import("./helpers.ts")).get("/api/me", gone.accessToken);
    const { notice } = await me.json();
    assert.deepEqual([notice?.id, notice?.kind], [m.id, "dismissed"]);
  },
);

apiTest(
  "POST /api/duty with B's guard's own requestId acts for the caller, never replays B's result",
  async () => {
    const f = await fixture();
    const taken = await admin()<{ request_id: string }[]>`
      select request_id from private.duty_requests where user_id = ${f.b.guard.user.id}`;
    assert.ok(taken.length >= 3, "B's guard clocked three times");
    await writesNothing("replays of B's request ids", async () => {
      for (const { request_id } of taken) {
        for (const who of A_SIDE) {
          const got = await request("POST", "/api/duty", tokenOf(f, who), {
            action: "auto",
            requestId: request_id,
            code: f.b.zone.code,
          });
          // B's answer would be 200 with B's zone: the caller's own refusal instead
          assertRefused(got, 403, "zone_other_company", `${who} ${request_id}`);
        }
      }
    });
  },
);

apiTest(
  "POST /api/duty offline: a scan made while in B, or of B's old QR, counts for nobody outside B",
  async () => {
    const f = await fixture();
    const { member, post } = await import("./companies-fixtures.ts");
    const { clockOk } = await import("./zones-fixtures.ts");
    const left = await member(f.b.company.codeToken);
    await clockOk(left.accessToken, { code: f.b.zone.code });
    const scannedAt = new Date(Date.now() - 30_000).toISOString();
    assert.equal((await post("/api/me/resign", {}, left.accessToken)).status, 200);
    // B's other zone gets a new QR: the old one still counts offline, for B's own guards only
    const old = f.b.otherZone.code;
    const regenerated = await request(
      "POST",
      `/api/zones/${f.b.otherZone.id}/code`,
      f.b.admin.accessToken,
      {},
    );
    assert.equal(regenerated.status, 200);
    await writesNothing("offline scans from outside B", async () => {
      const offline = (code: string) => ({
        action: "auto",
        requestId: crypto.randomUUID(),
        code,
        deviceTime: scannedAt,
      });
      const former = await request("POST", "/api/duty", left.accessToken, offline(f.b.zone.code));
      assertRefused(former, 409, "not_in_company", "B's former guard");
      for (const who of A_SIDE) {
        const got = await request("POST", "/api/duty", tokenOf(f, who), offline(old));
        assertRefused(got, 403, "zone_other_company", `${who} with B's old QR`);
      }
    });
  },
);

apiTest(
  "read directly (as PostgREST would), no table or police view shows A's side a row of B's",
  async () => {
    const f = await fixture();
    const tables = await admin()<{ t: string }[]>`
      select format('%I.%I', table_schema, table_name) as t from information_schema.tables
       where table_schema in ('public', 'police', 'storage') order by 1`;
    assert.ok(tables.length >= 25, `${tables.length} tables and views`);
    const [p] = await admin()<{ name: string; phone: string }[]>`
      select name, phone from public.profiles where user_id = ${f.citizen.user.id}`;
    const bMarks = [
      f.b.company.companyId,
      f.b.zone.id,
      f.b.otherZone.id,
      f.b.admin.user.id,
      f.b.zoneAdmin.user.id,
      f.b.guard.user.id,
    ];
    // the anonymous tip's reporter: her id, her (unique) name and her phone
    const reporterMarks = [f.citizen.user.id, p.name, p.phone];
    const seen = (userId: string, t: string, marks: string[]) =>
      admin().begin(async (tx) => {
        await tx`select private.act_as(${
          JSON.stringify({ sub: userId, role: "authenticated" })
        }::jsonb)`;
        const [{ n }] = await tx.unsafe<{ n: number }[]>(
          `select count(*)::int as n from ${t} x
            where exists (select 1 from unnest($1::text[]) m where strpos(x::text, m) > 0)`,
          [marks],
        );
        return n;
      });
    const wrong: string[] = [];
    for (const { t } of tables) {
      for (const who of [...A_SIDE, "citizen", "farOfficer"] as Who[]) {
        const n = await seen(userOf(f, who).user.id, t, bMarks);
        if (n) wrong.push(`${who} sees ${n} rows of B in ${t}`);
      }
      for (const who of [...A_SIDE, "bOfficer", "farOfficer"] as Who[]) {
        const n = await seen(userOf(f, who).user.id, t, reporterMarks);
        if (n) wrong.push(`${who} sees the reporter in ${n} rows of ${t}`);
      }
    }
    assert.deepEqual(wrong, []);
  },
);
