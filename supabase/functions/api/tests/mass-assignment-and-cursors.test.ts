// Extra fields in bodies (role, company_id, status, user_id, …) and keyset cursors or ids taken
// from another company's pages, over HTTP through the real app: the extra fields are ignored
// (the database takes the company, the creator, the reporter and the status from the caller and
// its own rules), and a cursor only says where to start in the caller's own rows.
import assert from "node:assert/strict";
import { apiTest, get } from "./helpers.ts";
import { admin, departmentId, registryCompany, verifiedUser } from "./companies-fixtures.ts";
import { attempt, once } from "./two-companies-fixtures.ts";
import { zoneForm } from "./zones-fixtures.ts";

const fixture = once();

apiTest("POST /api/zones takes the company and creator from the caller, not the body", async () => {
  const f = await fixture();
  const forged = crypto.randomUUID();
  const got = await attempt("POST", "/api/zones", f.a.admin.accessToken, {
    ...(await zoneForm()),
    id: forged,
    companyId: f.b.company.companyId,
    company_id: f.b.company.companyId,
    createdBy: f.b.admin.user.id,
    created_by: f.b.admin.user.id,
    deletedAt: "2026-01-01T00:00:00Z",
  });
  assert.equal(got.status, 201, got.body);
  const id = JSON.parse(got.body).id;
  assert.notEqual(id, forged);
  const [z] = await admin()<{ company_id: string; created_by: string; deleted_at: Date | null }[]>`
    select company_id, created_by, deleted_at from public.zones where id = ${id}`;
  assert.deepEqual({ ...z }, {
    company_id: f.a.company.companyId,
    created_by: f.a.admin.user.id,
    deleted_at: null,
  });
});

apiTest("PATCH /api/zones/:id ignores companyId and deletedAt in the body", async () => {
  const f = await fixture();
  const got = await attempt("PATCH", `/api/zones/${f.a.otherZone.id}`, f.a.admin.accessToken, {
    remark: "东门",
    companyId: f.b.company.companyId,
    company_id: f.b.company.companyId,
    deletedAt: "2026-01-01T00:00:00Z",
    deleted_at: "2026-01-01T00:00:00Z",
  });
  assert.equal(got.status, 200, got.body);
  const [z] = await admin()<{ company_id: string; deleted_at: Date | null; remark: string }[]>`
    select company_id, deleted_at, remark from public.zones where id = ${f.a.otherZone.id}`;
  assert.deepEqual({ ...z }, {
    company_id: f.a.company.companyId,
    deleted_at: null,
    remark: "东门",
  });
});

apiTest("POST /api/tips takes the reporter and status from the caller and the rules", async () => {
  const f = await fixture();
  const got = await attempt("POST", "/api/tips", f.a.guard.accessToken, {
    anonymous: true,
    categoryId: 2,
    content: "东门有人翻墙",
    photos: [],
    status: "closed",
    receiptCode: "AAAAAAAA",
    reporterId: f.b.admin.user.id,
    reporter_id: f.b.admin.user.id,
    userId: f.b.admin.user.id,
  });
  assert.equal(got.status, 201, got.body);
  const tip = JSON.parse(got.body);
  assert.equal(tip.status, "pending");
  assert.notEqual(tip.receiptCode, "AAAAAAAA");
  const [r] = await admin()<{ reporter_id: string }[]>`
    select reporter_id from private.tip_reporters where tip_id = ${tip.id}`;
  assert.equal(r.reporter_id, f.a.guard.user.id);
});

apiTest(
  "POST /api/companies declares pending, whatever status or reviewer the body names",
  async () => {
    const f = await fixture();
    const user = await verifiedUser();
    const free = await registryCompany();
    const got = await attempt("POST", "/api/companies", user.accessToken, {
      registryCompanyId: free.id,
      departmentId: await departmentId("cz.xb.benniu"),
      address: "常州市新北区通江中路 88 号",
      contactPhone: user.phone,
      status: "approved",
      reviewedBy: f.stationOfficer.user.id,
      reviewed_by: f.stationOfficer.user.id,
      declarantId: f.a.admin.user.id,
    });
    assert.equal(got.status, 200, got.body);
    const [c] = await admin()<
      { status: string; reviewed_by: string | null; declarant_id: string }[]
    >`
    select status::text as status, reviewed_by, declarant_id from public.companies
     where id = ${JSON.parse(got.body).id}`;
    assert.deepEqual({ ...c }, {
      status: "pending",
      reviewed_by: null,
      declarant_id: user.user.id,
    });
  },
);

/** The nextCursor of a first page of one row. */
async function cursorOf(path: string, token: string): Promise<string> {
  const res = await get(`${path}${path.includes("?") ? "&" : "?"}limit=1`, token);
  assert.equal(res.status, 200, path);
  const page = await res.json();
  assert.ok(page.nextCursor, `${path} has a second page`);
  return page.nextCursor;
}

apiTest(
  "a cursor of B's pages on A's lists starts in A's own rows and shows none of B's",
  async () => {
    const f = await fixture();
    const bIds = [
      f.b.company.companyId,
      f.b.zone.id,
      f.b.otherZone.id,
      f.b.guard.user.id,
      f.b.zoneAdmin.user.id,
      f.b.admin.user.id,
      f.b.shiftId,
    ];
    const pairs: [string, string, string][] = [
      [
        `/api/companies/${f.b.company.companyId}/staff`,
        `/api/companies/${f.a.company.companyId}/staff`,
        f.a.admin.accessToken,
      ],
      ["/api/zones", "/api/zones", f.a.admin.accessToken],
      [
        `/api/zones/${f.b.zone.id}/members`,
        `/api/zones/${f.a.zone.id}/members`,
        f.a.admin.accessToken,
      ],
      [
        `/api/zones/${f.b.zone.id}/records`,
        `/api/zones/${f.a.zone.id}/records`,
        f.a.admin.accessToken,
      ],
      ["/api/me/records", "/api/me/records", f.a.guard.accessToken],
    ];
    for (const [bPath, aPath, aToken] of pairs) {
      const bToken = bPath.startsWith("/api/me/") ? f.b.guard.accessToken : f.b.admin.accessToken;
      const cursor = await cursorOf(bPath, bToken);
      const got = await attempt(
        "GET",
        `${aPath}?cursor=${encodeURIComponent(cursor)}&limit=50`,
        aToken,
      );
      assert.equal(got.status, 200, `${aPath}: ${got.body.slice(0, 200)}`);
      assert.deepEqual(got.wrote, []);
      for (const id of bIds) {
        assert.ok(
          !got.body.includes(id),
          `${aPath} with B's cursor shows ${id}`,
        );
      }
    }
    // a query parameter naming B is no filter the API knows: A's list stays A's
    const zones = await attempt(
      "GET",
      `/api/zones?companyId=${f.b.company.companyId}&company_id=${f.b.company.companyId}`,
      f.a.admin.accessToken,
    );
    for (const id of bIds) assert.ok(!zones.body.includes(id), `/api/zones?companyId= shows ${id}`);
  },
);

apiTest("a cursor that is not one of ours answers 400, whoever sends it", async () => {
  const f = await fixture();
  const forged = [
    "not-a-cursor",
    btoa(JSON.stringify(["2026-11-29 00:00:00+00", "x'); drop table public.zones; --"])),
    btoa(JSON.stringify(["9999-99-99 99:99:99+99", f.b.zone.id])),
    btoa(JSON.stringify([f.b.zone.id])),
  ];
  for (const cursor of forged) {
    for (
      const path of [
        "/api/zones",
        `/api/zones/${f.a.zone.id}/records`,
        `/api/companies/${f.a.company.companyId}/staff`,
      ]
    ) {
      const got = await attempt(
        "GET",
        `${path}?cursor=${encodeURIComponent(cursor)}`,
        f.a.admin.accessToken,
      );
      assert.deepEqual([got.status, got.wrote], [400, []], `${path} ${cursor}: ${got.body}`);
      assert.match(got.code ?? "", /^(cursor_invalid|invalid_input)$/, `${path} ${cursor}`);
    }
  }
});
