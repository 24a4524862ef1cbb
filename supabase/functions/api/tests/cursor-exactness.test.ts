// Cursors are opaque, validated and exact (issue 13): rows that share a millisecond (or even a
// microsecond) are neither skipped nor repeated between pages, and a cursor holding an
// impossible instant is a 400, never a 500. Both keyset lists of the API are walked.
import assert from "node:assert/strict";
import { encodeCursor } from "../lib/cursor.ts";
import {
  admin,
  approvedCompany,
  declared,
  errorOf,
  get,
  member,
  officer,
} from "./companies-fixtures.ts";
import { apiTest } from "./helpers.ts";

// Seven instants inside one millisecond; three of them identical to the microsecond, so only
// the id breaks the tie. A cursor that went through a JS Date would keep only ".123".
const INSTANTS = [
  "2026-11-28 10:00:00.123456+00",
  "2026-11-28 10:00:00.123456+00",
  "2026-11-28 10:00:00.123456+00",
  "2026-11-28 10:00:00.123457+00",
  "2026-11-28 10:00:00.123457+00",
  "2026-11-28 10:00:00.1239+00",
  "2026-11-28 10:00:00.123+00",
];

/** Follows nextCursor with `limit` rows a page; returns the ids in the order served. */
async function walk(path: string, token: string, idOf: (item: never) => string, limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const q = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await get(`${path}?${q}`, token);
    assert.equal(res.status, 200, await res.clone().text());
    const page = await res.json() as { items: never[]; nextCursor: string | null };
    seen.push(...page.items.map(idOf));
    cursor = page.nextCursor;
    assert.ok(++pages < 100, "the walk ends");
  } while (cursor);
  return seen;
}

apiTest("GET /api/companies/:id/staff pages exactly through rows of one millisecond", async () => {
  const a = await approvedCompany();
  const members = [];
  for (let i = 0; i < INSTANTS.length - 1; i++) members.push(await member(a.codeToken));
  const rows = await admin()<{ id: string }[]>`
    select id from public.memberships where company_id = ${a.companyId} order by id`;
  for (const [i, row] of rows.entries()) {
    await admin()`update public.memberships set joined_at = ${INSTANTS[i]}::timestamptz
                  where id = ${row.id}`;
  }
  const expected = (await admin()<{ id: string }[]>`
    select id from public.memberships where company_id = ${a.companyId}
    order by joined_at desc, id desc`).map((r) => r.id);
  for (const limit of [1, 2, 3]) {
    const seen = await walk(
      `/api/companies/${a.companyId}/staff`,
      a.admin.accessToken,
      (s: { membershipId: string }) => s.membershipId,
      limit,
    );
    assert.deepEqual(seen, expected, `limit ${limit}`);
  }
});

apiTest("GET /api/reviews pages exactly through declarations of one millisecond", async () => {
  // a station no other test declares to, so the officer's list is exactly these rows
  const station = "cz.jk.dingyan";
  const ids = [];
  for (let i = 0; i < INSTANTS.length; i++) ids.push((await declared(station)).declarationId);
  for (const [i, id] of ids.entries()) {
    await admin()`update public.companies set created_at = ${INSTANTS[i]}::timestamptz
                  where id = ${id}`;
  }
  const expected = (await admin()<{ id: string }[]>`
    select id from public.companies where department_id =
      (select id from public.departments where code = ${station}) and status = 'pending'
    order by created_at desc, id desc`).map((r) => r.id);
  const police = await officer(station);
  for (const limit of [1, 2, 3]) {
    const seen = await walk("/api/reviews", police.accessToken, (d: { id: string }) => d.id, limit);
    assert.deepEqual(seen, expected, `limit ${limit}`);
  }
});

apiTest("a cursor holding an impossible instant answers 400 cursor_invalid, not 500", async () => {
  const a = await approvedCompany();
  const police = await officer("cz.xb");
  const id = "00000000-0000-4000-8000-000000000000";
  for (
    const instant of [
      "2026-13-01 00:00:00+00", // month 13
      "2026-02-30 00:00:00+00", // 30 February
      "2026-11-28 24:00:00+00",
      "2026-11-28 10:61:00+00",
      "0000-01-01 00:00:00+00",
      "2026-11-28 10:00:00+99",
    ]
  ) {
    const cursor = encodeCursor([instant, id]);
    for (
      const [path, token] of [
        [`/api/companies/${a.companyId}/staff?cursor=${cursor}`, a.admin.accessToken],
        [`/api/reviews?cursor=${cursor}`, police.accessToken],
      ]
    ) {
      assert.deepEqual(await errorOf(await get(path, token)), [400, "cursor_invalid"], instant);
    }
  }
});
