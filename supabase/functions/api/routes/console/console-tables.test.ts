// GET /api/console/<table>, …/csv and /charts: the console's tables and charts under the
// officer's RLS. A 分局 officer sees what happens in its 派出所, another 分局 sees none of it, a
// guard is refused; search, keyset pages and the CSV (UTF-8 with BOM) follow the same rows.
import assert from "node:assert/strict";
import {
  approvedCompany,
  declared,
  departmentId,
  errorOf,
  get,
  member,
  officer,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { clockOk, createZone } from "../../tests/zones-fixtures.ts";
import { apiTest } from "../../tests/helpers.ts";

type Page = { items: Record<string, unknown>[]; nextCursor: string | null };

async function page(path: string, token: string): Promise<Page> {
  const res = await get(path, token);
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
}

/** Every row of a search, page by page. */
async function all(path: string, token: string, limit = 2): Promise<Page["items"]> {
  const rows: Page["items"] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const p: Page = await page(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
      token,
    );
    rows.push(...p.items);
    cursor = p.nextCursor;
  } while (cursor);
  return rows;
}

apiTest(
  "GET /api/console/reviews lists a pending declaration to its 分局 only, searchable, with its token",
  async () => {
    const d = await declared("cz.xb.anjia");
    const branch = await officer("cz.xb");
    const other = await officer("cz.tn");
    const mine = await page(
      `/api/console/reviews?q=${encodeURIComponent(d.company.name)}`,
      branch.accessToken,
    );
    assert.equal(mine.items.length, 1);
    assert.equal(mine.items[0].companyName, d.company.name);
    assert.equal(mine.items[0].token, d.reviewToken);
    assert.match(String(mine.items[0].declarant), /^测.+\(\d{3}\*{4}\d{4}\)$/);
    const theirs = await page(
      `/api/console/reviews?q=${encodeURIComponent(d.company.name)}`,
      other.accessToken,
    );
    assert.deepEqual(theirs.items, []);
    // the station itself and the city bureau see it too; another station of the 分局 does not
    for (const [code, n] of [["cz.xb.anjia", 1], ["cz", 1], ["cz.xb.sanjing", 0]] as const) {
      const who = await officer(code);
      const rows = await page(
        `/api/console/reviews?q=${encodeURIComponent(d.company.name)}`,
        who.accessToken,
      );
      assert.equal(rows.items.length, n, code);
    }
  },
);

apiTest("GET /api/console/companies pages by keyset without gaps or repeats", async () => {
  const branch = await officer("cz.xb");
  await declared();
  await declared();
  await declared();
  const rows = await all("/api/console/companies?status=pending", branch.accessToken, 2);
  const ids = rows.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, "no row twice");
  const once = await all("/api/console/companies?status=pending", branch.accessToken, 50);
  assert.deepEqual(ids, once.map((r) => r.id));
  assert.ok(rows.length >= 3);
  assert.ok(rows.every((r) => r.status === "pending"));
});

apiTest("GET /api/console/companies/{id}/staff lists the staff, masked", async () => {
  const co = await approvedCompany();
  await member(co.codeToken, "测王小明");
  const station = await officer("cz.xb.anjia");
  const staff = await page(`/api/console/companies/${co.companyId}/staff`, station.accessToken);
  assert.equal(staff.items.length, 2);
  const guard = staff.items.find((r) => r.role === "member")!;
  assert.match(String(guard.person), /^测王小明\(\d{3}\*{4}\d{4}\)$/);
  const other = await officer("cz.tn");
  assert.deepEqual(
    (await page(`/api/console/companies/${co.companyId}/staff`, other.accessToken)).items,
    [],
  );
});

apiTest(
  "GET /api/console/charts counts today's guard on duty and the company's hours; another 分局 sees none",
  async () => {
    const branch = await officer("cz.xb");
    const other = await officer("cz.tn");
    const before = await (await get("/api/console/charts", branch.accessToken)).json();
    const otherBefore = await (await get("/api/console/charts", other.accessToken)).json();
    // A station no other test uses: the chart keeps the ten companies with the most hours, and
    // a company whose guard clocked on a moment ago has almost none, so in 安家派出所 (every
    // other test's station) it would be charted only while fewer than ten others had hours.
    const co = await approvedCompany("cz.xb.benniu");
    const station = await officer("cz.xb.benniu");
    const zone = await createZone(co, { departmentId: await departmentId("cz.xb.benniu") });
    const guard = await member(co.codeToken);
    await clockOk(guard.accessToken, { code: zone.code, action: "join_and_clock_on" });
    const after = await (await get("/api/console/charts", branch.accessToken)).json();
    const atStation = await (await get("/api/console/charts", station.accessToken)).json();
    assert.equal(after.onDutyByHour.length, 24);
    const hour = Number(
      new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit" })
        .format(new Date()),
    );
    assert.equal(after.onDutyByHour[hour] - before.onDutyByHour[hour], 1);
    const company = atStation.attendance.companies.find((c: { companyId: string }) =>
      c.companyId === co.companyId
    );
    assert.ok(company, "the company is charted");
    assert.equal(company.guards[6], 1);
    assert.equal(atStation.attendance.companies.length, 1, "only the station's own company");
    assert.equal(after.attendance.days.at(-1), after.today);
    const otherAfter = await (await get("/api/console/charts", other.accessToken)).json();
    assert.deepEqual(otherAfter, otherBefore);
    const onDuty = await page(
      `/api/console/on-duty?q=${encodeURIComponent(co.company.name)}`,
      branch.accessToken,
    );
    assert.equal(onDuty.items.length, 1);
    assert.equal(onDuty.items[0].zoneName, zone.name);
  },
);

apiTest("GET /api/console/companies/csv exports the search as UTF-8 CSV with a BOM", async () => {
  const d = await declared();
  const branch = await officer("cz.xb");
  const res = await get(
    `/api/console/companies/csv?q=${encodeURIComponent(d.company.name)}`,
    branch.accessToken,
  );
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get("content-disposition")!, /attachment; .*filename\*=UTF-8''/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^编号,单位名称,统一社会信用代码,状态,管理部门/);
  assert.ok(lines[1].includes(d.company.name));
  assert.ok(lines[1].includes(",待审核,"));
  assert.match(lines[1], /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
});

apiTest("GET /api/console/audit shows the approval in its 分局, not elsewhere", async () => {
  const co = await approvedCompany();
  const branch = await officer("cz.xb");
  const rows = await page(`/api/console/audit?q=${co.companyId}`, branch.accessToken);
  assert.ok(rows.items.some((r) => r.action === "company.approve" && r.actionLabel === "审核通过"));
  const other = await officer("cz.tn");
  assert.deepEqual(
    (await page(`/api/console/audit?q=${co.companyId}`, other.accessToken)).items,
    [],
  );
});

apiTest(
  "GET /api/console/<table> refuses a guard (403 not_police) and bad input (400)",
  async () => {
    const guard = await verifiedUser();
    for (const path of ["/api/console/tips", "/api/console/zones/csv", "/api/console/charts"]) {
      assert.deepEqual(await errorOf(await get(path, guard.accessToken)), [403, "not_police"]);
    }
    const police = await officer("cz");
    assert.deepEqual(
      await errorOf(await get("/api/console/tips?cursor=bm9wZQ", police.accessToken)),
      [400, "cursor_invalid"],
    );
    assert.deepEqual(
      await errorOf(await get("/api/console/tips?status=nope", police.accessToken)),
      [400, "invalid_input"],
    );
    const res = await get("/api/console/tips");
    assert.equal(res.status, 401);
    await res.body?.cancel();
  },
);
