// The officers' side: inbox by department and status (keyset), detail with photo URLs and
// without the reporter of an anonymous tip, accept / close / refuse, reply, reassign; the
// reporter's side: my tips, the new status and the reply.
import assert from "node:assert/strict";
import { apiTest, get, post } from "../../tests/helpers.ts";
import {
  departmentIdOf,
  namedUser,
  officer,
  photo,
  sendTip,
  supervisor,
  verifiedUser,
} from "./tips-fixtures.ts";

apiTest(
  "anonymous tip: the station's officer handles it without learning the reporter",
  async () => {
    const reporter = await namedUser();
    const anjia = await departmentIdOf("cz.xb.anjia");
    const tip = await sendTip(reporter, {
      departmentId: anjia,
      photos: [await photo(), await photo()],
    });
    const cop = await officer("cz.xb.anjia");

    const inbox = await (await get(
      `/api/tip-inbox?status=pending&departmentId=${anjia}`,
      cop.accessToken,
    ))
      .json();
    assert.ok(inbox.items.some((t: { id: string }) => t.id === tip.id));

    const res = await get(`/api/tips/${tip.id}`, cop.accessToken);
    assert.equal(res.status, 200);
    const text = await res.clone().text();
    for (const secret of [reporter.user.id, reporter.name, reporter.phone]) {
      assert.ok(!text.includes(secret), `detail reveals ${secret}`);
    }
    const detail = await res.json();
    assert.equal(detail.viewer, "police");
    assert.equal(detail.reporter, null);
    assert.deepEqual(detail.actions, ["accept", "refuse", "reassign", "reply"]);
    assert.equal(detail.photos.length, 2);
    for (const p of detail.photos) {
      assert.match(p.url, /token=/);
      assert.equal((await fetch(p.url)).status, 200);
    }

    assert.equal(
      (await post(
        `/api/tips/${tip.id}/close`,
        { note: "办结" },
        cop.accessToken,
      )).status,
      409,
    );
    const acc = await post(`/api/tips/${tip.id}/accept`, {}, cop.accessToken);
    assert.deepEqual(await acc.json(), { status: "accepted" });
    await post(
      `/api/tips/${tip.id}/messages`,
      { body: "补充一下时间？" },
      reporter.accessToken,
    );
    const r = await post(
      `/api/tips/${tip.id}/messages`,
      { body: "已安排民警核查，谢谢" },
      cop.accessToken,
    );
    assert.equal(r.status, 201);

    const after = await (await get(`/api/tips/${tip.id}`, cop.accessToken))
      .json();
    assert.deepEqual(after.messages.map((m: { author: string }) => m.author), [
      "匿名",
      "安家派出所",
    ]);

    const mine = await (await get("/api/tips/mine", reporter.accessToken))
      .json();
    assert.equal(mine.items[0].id, tip.id);
    assert.equal(mine.items[0].statusText, "已受理");
    const seen = await (await get(`/api/tips/${tip.id}`, reporter.accessToken))
      .json();
    assert.equal(seen.viewer, "reporter");
    assert.equal(seen.status, "accepted");
    assert.deepEqual(
      seen.messages.map((
        m: { author: string; body: string },
      ) => [m.author, m.body]),
      [["我", "补充一下时间？"], ["安家派出所", "已安排民警核查，谢谢"]],
    );
    assert.deepEqual(seen.history.map((h: { text: string }) => h.text), [
      "已提交",
      "已受理",
    ]);
  },
);

apiTest(
  "named tip: the officer sees the reporter's name and masked phone",
  async () => {
    const reporter = await namedUser();
    const tip = await sendTip(reporter, {
      anonymous: false,
      departmentId: await departmentIdOf("cz.xb.anjia"),
    });
    const cop = await officer("cz.xb");
    const detail = await (await get(`/api/tips/${tip.id}`, cop.accessToken))
      .json();
    assert.deepEqual(detail.reporter, {
      name: reporter.name,
      phoneMasked: `${reporter.phone.slice(0, 3)}****${reporter.phone.slice(7)}`,
    });
    await post(
      `/api/tips/${tip.id}/messages`,
      { body: "我是实名举报" },
      reporter.accessToken,
    );
    const again = await (await get(`/api/tips/${tip.id}`, cop.accessToken))
      .json();
    assert.equal(again.messages[0].author, reporter.name);
  },
);

apiTest("an officer of another branch cannot see or act on a tip", async () => {
  const reporter = await verifiedUser();
  const tip = await sendTip(reporter, {
    departmentId: await departmentIdOf("cz.xb.anjia"),
  });
  const other = await officer("cz.tn");
  const show = await get(`/api/tips/${tip.id}`, other.accessToken);
  assert.equal(show.status, 404);
  assert.equal((await show.json()).error.code, "tip_not_found");
  for (
    const [path, body] of [["accept", {}], ["refuse", { note: "不属实" }], [
      "messages",
      {
        body: "你好",
      },
    ]] as const
  ) {
    const res = await post(
      `/api/tips/${tip.id}/${path}`,
      body,
      other.accessToken,
    );
    // as for a tip that does not exist: the officer cannot tell it apart from none
    assert.equal(res.status, 404, path);
    assert.equal((await res.json()).error.code, "tip_not_found");
  }
  const mine = await (await get(`/api/tips/${tip.id}`, reporter.accessToken))
    .json();
  assert.equal(mine.status, "pending");
  assert.equal(mine.messages.length, 0);
});

apiTest("refuse needs a note; a refused tip takes no more steps", async () => {
  const reporter = await verifiedUser();
  const tip = await sendTip(reporter, {
    departmentId: await departmentIdOf("cz.xb.anjia"),
  });
  const cop = await officer("cz.xb.anjia");
  const noNote = await post(`/api/tips/${tip.id}/refuse`, {}, cop.accessToken);
  assert.equal(noNote.status, 400);
  assert.equal((await noNote.json()).error.code, "note_required");
  const ok = await post(
    `/api/tips/${tip.id}/refuse`,
    { note: "不属于本平台受理范围" },
    cop.accessToken,
  );
  assert.deepEqual(await ok.json(), { status: "refused" });
  const again = await post(`/api/tips/${tip.id}/accept`, {}, cop.accessToken);
  assert.equal(again.status, 409);
  assert.equal((await again.json()).error.code, "tip_status_invalid");
});

apiTest(
  "reassign: the city bureau's intake hands a tip to a station",
  async () => {
    const reporter = await verifiedUser();
    const tip = await sendTip(reporter);
    const city = await officer("cz");
    const station = await officer("cz.xb.sanjing");
    assert.equal(
      (await get(`/api/tips/${tip.id}`, station.accessToken)).status,
      404,
    );
    const res = await post(
      `/api/tips/${tip.id}/reassign`,
      { departmentId: await departmentIdOf("cz.xb.sanjing"), note: "请核查" },
      city.accessToken,
    );
    assert.equal(res.status, 200);
    const detail = await (await get(`/api/tips/${tip.id}`, station.accessToken))
      .json();
    assert.equal(detail.department.name, "三井派出所");
    assert.equal(detail.history.at(-1).text, "已转办");
  },
);

apiTest(
  "GET /api/tip-inbox pages by keyset without gaps or repeats; non-officers are refused",
  async () => {
    const reporter = await verifiedUser();
    const dept = await departmentIdOf("cz.wj");
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      sent.push((await sendTip(reporter, { departmentId: dept })).id);
    }
    const cop = await officer("cz.wj");
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await (await get(
        `/api/tip-inbox?status=all&limit=2${q}`,
        cop.accessToken,
      ))
        .json();
      ids.push(...page.items.map((t: { id: string }) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(
      ids.filter((id) => sent.includes(id)),
      [...sent].reverse(),
    );
    const bad = await get("/api/tip-inbox?cursor=xyz", cop.accessToken);
    assert.equal(bad.status, 400);
    const user = await verifiedUser();
    const denied = await get("/api/tip-inbox", user.accessToken);
    assert.equal(denied.status, 403);
    assert.equal((await denied.json()).error.code, "not_police");
  },
);

apiTest(
  "POST /api/tips/{id}/blacklist is for supervisors only and answers no identity",
  async () => {
    const reporter = await verifiedUser();
    const tip = await sendTip(reporter, {
      departmentId: await departmentIdOf("cz.xb.anjia"),
    });
    const cop = await officer("cz.xb.anjia");
    const denied = await post(`/api/tips/${tip.id}/blacklist`, {
      reason: "恶意",
    }, cop.accessToken);
    assert.equal(denied.status, 403);
    assert.equal((await denied.json()).error.code, "not_supervisor");
    const sup = await supervisor();
    const res = await post(
      `/api/tips/${tip.id}/blacklist`,
      { reason: "恶意举报" },
      sup.accessToken,
    );
    assert.deepEqual(await res.json(), { ok: true });
    const blocked = await post(
      "/api/tips",
      { anonymous: true, categoryId: 2, content: "再来" },
      reporter.accessToken,
    );
    assert.equal(blocked.status, 403);
  },
);
