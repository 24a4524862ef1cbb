// 线索监督: a platform supervisor lists every tip and learns, on its detail, whether its reporter
// is blacklisted; an officer and a reporter get 403 on the list and null on the detail, and the
// blacklist itself tells the officer nothing.
import assert from "node:assert/strict";
import { apiTest, get, post } from "../../tests/helpers.ts";
import {
  departmentIdOf,
  namedUser,
  officer,
  sendTip,
  supervisor,
  verifiedUser,
} from "./tips-fixtures.ts";

const ids = async (path: string, token: string) => {
  const res = await get(path, token);
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()).items as { id: string }[]).map((t) => t.id);
};

apiTest(
  "GET /api/tip-supervision lists every department's tips for a supervisor, by status, keyset",
  async () => {
    const a = await verifiedUser();
    const b = await verifiedUser();
    const anjia = await sendTip(a, { departmentId: await departmentIdOf("cz.xb.anjia") });
    const city = await sendTip(b); // the city bureau's intake
    const cop = await officer("cz.xb.anjia");
    await post(`/api/tips/${anjia.id}/accept`, {}, cop.accessToken);
    const sup = await supervisor();

    // the two newest tips of all, one page each: keyset pages in order, across departments
    const first = await (await get("/api/tip-supervision?limit=1", sup.accessToken)).json();
    assert.deepEqual(first.items.map((t: { id: string }) => t.id), [city.id]);
    const second = await (await get(
      `/api/tip-supervision?limit=1&cursor=${first.nextCursor}`,
      sup.accessToken,
    )).json();
    assert.deepEqual(second.items.map((t: { id: string }) => t.id), [anjia.id]);

    // by status: the newest accepted tip is the one just accepted, the newest pending the other
    assert.deepEqual(await ids("/api/tip-supervision?status=accepted&limit=1", sup.accessToken), [
      anjia.id,
    ]);
    assert.deepEqual(await ids("/api/tip-supervision?status=pending&limit=1", sup.accessToken), [
      city.id,
    ]);
  },
);

apiTest(
  "GET /api/tip-supervision answers 403 not_supervisor to an officer and a reporter",
  async () => {
    const reporter = await verifiedUser();
    await sendTip(reporter);
    for (const who of [await officer("cz"), reporter]) {
      const res = await get("/api/tip-supervision", who.accessToken);
      assert.equal(res.status, 403);
      const body = await res.json();
      assert.equal(body.error.code, "not_supervisor");
      assert.match(body.error.message, /平台监督员/);
    }
  },
);

apiTest(
  "GET /api/tips/{id}: only a supervisor learns that the reporter was blacklisted",
  async () => {
    const reporter = await namedUser();
    const tip = await sendTip(reporter, { departmentId: await departmentIdOf("cz.xb.anjia") });
    const cop = await officer("cz.xb.anjia");
    const sup = await supervisor();
    const detail = async (token: string) => await (await get(`/api/tips/${tip.id}`, token)).json();

    const before = await detail(sup.accessToken);
    assert.equal(before.viewer, "supervisor");
    assert.equal(before.reporterBlacklisted, false);
    assert.ok(before.actions.includes("blacklist"));
    // a supervisor may see who sent even an anonymous tip
    assert.equal(before.reporter.name, reporter.name);

    const res = await post(
      `/api/tips/${tip.id}/blacklist`,
      { reason: "多次恶意举报" },
      sup.accessToken,
    );
    assert.deepEqual(await res.json(), { ok: true });

    assert.equal((await detail(sup.accessToken)).reporterBlacklisted, true);
    const seenByCop = await detail(cop.accessToken);
    assert.equal(seenByCop.reporterBlacklisted, null);
    assert.equal(seenByCop.reporter, null);
    assert.ok(!seenByCop.actions.includes("blacklist"));
    assert.equal((await detail(reporter.accessToken)).reporterBlacklisted, null);

    // the reporter then cannot send, with the Chinese message the form shows
    const refused = await post("/api/tips", {
      anonymous: true,
      categoryId: 2,
      content: "再次举报",
      photos: [],
    }, reporter.accessToken);
    assert.equal(refused.status, 403);
    const body = await refused.json();
    assert.equal(body.error.code, "reporter_blacklisted");
    assert.equal(body.error.message, "您已被列入黑名单，不能举报线索");
  },
);

apiTest("GET /api/me of a platform supervisor ends with 线索监督; nobody else has it", async () => {
  const sup = await supervisor();
  const me = await (await get("/api/me", sup.accessToken)).json();
  assert.equal(me.role, "verified");
  assert.deepEqual(me.tiles.map((t: { title: string }) => t.title), [
    "扫一扫",
    "单位申报",
    "入职扫码",
    "线索举报",
    "线索监督",
  ]);
  for (const who of [await verifiedUser(), await officer("cz")]) {
    const other = await (await get("/api/me", who.accessToken)).json();
    assert.ok(!other.tiles.some((t: { key: string }) => t.key === "tipSupervise"));
  }
});
