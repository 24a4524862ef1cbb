// GET /api/reviews: the officer's 单位审核 list. Only the declarations of the departments the
// officer's own covers, one status at a time (待审核 by default), newest first, page by page;
// a non-officer is refused, a bad cursor or status is a 400.
import assert from "node:assert/strict";
import {
  admin,
  declared,
  errorOf,
  get,
  officer,
  post,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { apiTest } from "../../tests/helpers.ts";

type Item = {
  token: string;
  id: string;
  companyName: string;
  creditCode: string;
  departmentName: string;
  address: string;
  contactPhone: string;
  declarantName: string | null;
  status: string;
  createdAt: string;
};
type Page = { items: Item[]; nextCursor: string | null };

async function listPage(accessToken: string, query = ""): Promise<Page> {
  const res = await get(`/api/reviews${query}`, accessToken);
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

/** Every item of the list, following nextCursor to the end. */
async function everything(accessToken: string, status?: string, limit = 50): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ limit: String(limit) });
    if (status) q.set("status", status);
    if (cursor) q.set("cursor", cursor);
    const page = await listPage(accessToken, `?${q}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const ids = (items: Item[]) => items.map((i) => i.id);

apiTest(
  "GET /api/reviews lists a station's declarations to it, its 分局 and the city",
  async () => {
    const d = await declared("cz.xb.anjia");
    for (const dept of ["cz.xb.anjia", "cz.xb", "cz"]) {
      const police = await officer(dept);
      const items = await everything(police.accessToken);
      const [item] = items.filter((i) => i.id === d.declarationId);
      assert.ok(item, dept);
      assert.deepEqual(
        { ...item, createdAt: typeof item.createdAt, declarantName: typeof item.declarantName },
        {
          token: d.reviewToken,
          id: d.declarationId,
          companyName: d.company.name,
          creditCode: d.company.code,
          departmentName: "新北分局 安家派出所",
          address: "常州市新北区通江中路 88 号",
          contactPhone: d.declarant.phone,
          declarantName: "string",
          status: "pending",
          createdAt: "string",
        },
      );
      // the token in the list opens the same review as the scan
      const preview = await (await get(`/api/reviews/${item.token}`, police.accessToken)).json();
      assert.equal(preview.id, d.declarationId);
      assert.equal(preview.createdAt, item.createdAt);
    }
  },
);

apiTest("GET /api/reviews hides another station's and another 分局's declarations", async () => {
  const d = await declared("cz.xb.anjia");
  for (const dept of ["cz.xb.sanjing", "cz.tn", "cz.tn.lanling"]) {
    const police = await officer(dept);
    const items = await everything(police.accessToken);
    assert.equal(ids(items).includes(d.declarationId), false, dept);
    assert.ok(items.every((i) => i.departmentName !== "新北分局 安家派出所"), dept);
  }
});

apiTest("GET /api/reviews by a non-officer answers 403 not_police", async () => {
  const d = await declared();
  for (const who of [d.declarant, await verifiedUser()]) {
    assert.deepEqual(await errorOf(await get("/api/reviews", who.accessToken)), [
      403,
      "not_police",
    ]);
  }
  assert.equal((await get("/api/reviews")).status, 401);
});

apiTest("GET /api/reviews?status= lists each status; a decided one leaves 待审核", async () => {
  const approved = await declared();
  const rejected = await declared();
  const police = await officer("cz.xb.anjia");
  for (
    const [d, body] of [[approved, { approve: true }], [rejected, {
      approve: false,
      reason: "材料不全",
    }]] as const
  ) {
    const res = await post(`/api/reviews/${d.reviewToken}`, body, police.accessToken);
    assert.equal(res.status, 200);
  }
  const pending = ids(await everything(police.accessToken));
  const byStatus = async (s: string) => {
    const items = await everything(police.accessToken, s);
    assert.ok(items.every((i) => i.status === s), s);
    return ids(items);
  };
  assert.deepEqual(pending, await byStatus("pending")); // pending is the default
  assert.equal(pending.includes(approved.declarationId), false);
  assert.equal(pending.includes(rejected.declarationId), false);
  assert.ok((await byStatus("approved")).includes(approved.declarationId));
  assert.ok((await byStatus("rejected")).includes(rejected.declarationId));
  assert.equal((await byStatus("rejected")).includes(approved.declarationId), false);
});

apiTest("GET /api/reviews pages newest first with nextCursor, each row once", async () => {
  const mine = [];
  for (let i = 0; i < 3; i++) mine.push(await declared("cz.xb.sanjing"));
  const police = await officer("cz.xb.sanjing");
  const byOne = await everything(police.accessToken, "pending", 1);
  const byFifty = await everything(police.accessToken, "pending", 50);
  assert.deepEqual(ids(byOne), ids(byFifty));
  assert.equal(new Set(ids(byOne)).size, byOne.length);
  assert.deepEqual(ids(byOne).slice(0, 3), mine.map((d) => d.declarationId).reverse());
  const times = byOne.map((i) => Date.parse(i.createdAt));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  // the last page says so: no cursor when nothing follows, even on a full page
  const first = await listPage(police.accessToken, "?limit=2");
  assert.equal(first.items.length, 2);
  assert.ok(first.nextCursor);
  const exact = await listPage(police.accessToken, `?limit=${byFifty.length}`);
  assert.equal(exact.items.length, byFifty.length);
  assert.equal(exact.nextCursor, null);
});

apiTest("GET /api/reviews with a bad cursor, limit or status answers 400", async () => {
  const police = await officer("cz");
  const bad = [
    ["?cursor=not-a-cursor", "cursor_invalid"],
    [`?cursor=${btoa(JSON.stringify(["yesterday", "x"]))}`, "cursor_invalid"],
    ["?limit=0", "invalid_input"],
    ["?limit=51", "invalid_input"],
    ["?status=all", "invalid_input"],
  ];
  for (const [query, code] of bad) {
    assert.deepEqual(
      await errorOf(await get(`/api/reviews${query}`, police.accessToken)),
      [400, code],
      query,
    );
  }
  // nothing was written by any of it
  const [{ n }] = await admin()`select count(*)::int as n from public.companies
                                where reviewed_by = ${police.user.id}`;
  assert.equal(n, 0);
});
