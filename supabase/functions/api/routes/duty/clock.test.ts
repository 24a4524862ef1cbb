// 打卡 through the API: preview and its dialogs, clocking once per requestId, the geofence,
// offline scans (window, regenerated code, 补录), and every refusal writing nothing.
import assert from "node:assert/strict";
import {
  approvedCompany,
  errorOf,
  member,
  post,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { apiTest } from "../../tests/helpers.ts";
import {
  clock,
  clockOk,
  createZone,
  POINT,
  send,
  shiftCounts,
} from "../../tests/zones-fixtures.ts";

const preview = async (token: string, body: Record<string, unknown>) => {
  const res = await post("/api/duty/preview", body, token);
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
};
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

apiTest(
  "POST /api/duty/preview asks the guide's questions for join, clock off, switch",
  async () => {
    const a = await approvedCompany();
    const [z1, z2] = [
      await createZone(a, { name: "办公室5" }),
      await createZone(a, { name: "办公室6" }),
    ];
    const guard = await member(a.codeToken);
    let p = await preview(guard.accessToken, { code: z1.code });
    assert.deepEqual([p.action, p.dialog, p.company.id], [
      "join_and_clock_on",
      "是否上岗打卡，加入办公室5?",
      a.companyId,
    ]);
    await clockOk(guard.accessToken, { code: z1.code, action: p.action });
    p = await preview(guard.accessToken, { code: z1.code });
    assert.deepEqual([p.action, p.dialog], ["clock_off", "是否离岗打卡（办公室5）?"]);
    await send("PUT", `/api/zones/${z1.id}/admins/${guard.user.id}`, a.admin.accessToken);
    p = await preview(guard.accessToken, { code: z2.code });
    assert.deepEqual([p.action, p.dialog], [
      "switch_and_clock_on",
      "您已加入办公室5，是否上岗打卡，加入办公室6?（加入后将不再是办公室5的巡区管理员）",
    ]);
    assert.deepEqual(await shiftCounts(guard.user.id), { open: 1, closed: 0 });
  },
);

apiTest(
  "POST /api/duty/preview gives the reason for a stranger's, unknown or foreign code",
  async () => {
    const [a, b] = [await approvedCompany(), await approvedCompany()];
    const zb = await createZone(b);
    const nobody = await verifiedUser();
    const guard = await member(a.codeToken);
    assert.equal(
      (await preview(nobody.accessToken, { code: zb.code })).reasonCode,
      "not_in_company",
    );
    assert.equal(
      (await preview(guard.accessToken, { code: zb.code })).reasonCode,
      "zone_other_company",
    );
    assert.equal((await preview(guard.accessToken, { code: "hello" })).reasonCode, "code_unknown");
    assert.equal(
      (await preview(guard.accessToken, {
        code: `https://qunfang.example.cn/q/company/${a.codeToken}`,
      })).reasonCode,
      "code_unknown",
    );
    assert.deepEqual(
      await errorOf(
        await post(
          "/api/duty/preview",
          { code: zb.code, location: { lat: 200, lng: 0 } },
          guard.accessToken,
        ),
      ),
      [400, "invalid_input"],
    );
  },
);

apiTest(
  "POST /api/duty with the same requestId acts once and answers the first result",
  async () => {
    const a = await approvedCompany();
    const zone = await createZone(a);
    const guard = await member(a.codeToken);
    const requestId = crypto.randomUUID();
    const first = await clockOk(guard.accessToken, {
      code: zone.code,
      action: "join_and_clock_on",
      requestId,
    });
    assert.deepEqual([first.replayed, first.message, first.shift.open], [
      false,
      "已加入巡区，上岗打卡成功",
      true,
    ]);
    const [again, twice] = await Promise.all(
      [1, 2].map(() =>
        clockOk(guard.accessToken, { code: zone.code, action: "join_and_clock_on", requestId })
      ),
    );
    for (const r of [again, twice]) {
      assert.deepEqual([r.replayed, r.shift.id], [true, first.shift.id]);
    }
    assert.deepEqual(await shiftCounts(guard.user.id), { open: 1, closed: 0 });
  },
);

apiTest(
  "POST /api/duty refuses a stale action, a foreign zone, no company, bad bodies; nothing written",
  async () => {
    const [a, b] = [await approvedCompany(), await approvedCompany()];
    const [zone, zb] = [await createZone(a), await createZone(b)];
    const guard = await member(a.codeToken);
    const nobody = await verifiedUser();
    const cases: [string, Record<string, unknown>, number, string][] = [
      [guard.accessToken, { code: zone.code, action: "clock_off" }, 409, "action_stale"],
      [guard.accessToken, { code: zb.code }, 403, "zone_other_company"],
      [nobody.accessToken, { code: zone.code }, 409, "not_in_company"],
      [guard.accessToken, { code: "not ours" }, 404, "code_unknown"],
      [guard.accessToken, { code: zone.code, action: "dance" }, 400, "invalid_input"],
      [guard.accessToken, { code: zone.code, requestId: "abc" }, 400, "invalid_input"],
      [guard.accessToken, { code: zone.code, deviceTime: "yesterday" }, 400, "invalid_input"],
      [
        guard.accessToken,
        { code: zone.code, deviceTime: minutesAgo(13 * 60) },
        400,
        "device_time_too_old",
      ],
      [
        guard.accessToken,
        { code: zone.code, deviceTime: minutesAgo(-5) },
        400,
        "device_time_in_future",
      ],
      [guard.accessToken, { code: zone.code, location: { lat: 31 } }, 400, "invalid_input"],
    ];
    for (const [token, body, status, code] of cases) {
      assert.deepEqual(
        await errorOf(await clock(token, body)),
        [status, code],
        JSON.stringify(body),
      );
    }
    assert.deepEqual(await shiftCounts(guard.user.id), { open: 0, closed: 0 });
    assert.deepEqual(
      await errorOf(
        await post("/api/duty", { code: zone.code, action: "auto" }, guard.accessToken),
      ),
      [400, "invalid_input"],
    );
  },
);

apiTest(
  "POST /api/duty with the geofence on: inside clocks, outside or no location is refused with the distance",
  async () => {
    const a = await approvedCompany();
    const zone = await createZone(a, { geofenceM: 200 });
    const guard = await member(a.codeToken);
    // about 1.1 km north of the zone point
    const far = await clock(guard.accessToken, {
      code: zone.code,
      location: { lat: POINT.lat + 0.01, lng: POINT.lng },
    });
    const body = await far.json();
    assert.deepEqual([far.status, body.error.code], [403, "out_of_range"]);
    assert.match(body.error.message, /约11\d\d米，超出打卡范围（200米）/);
    assert.deepEqual(await errorOf(await clock(guard.accessToken, { code: zone.code })), [
      403,
      "location_required",
    ]);
    assert.deepEqual(await shiftCounts(guard.user.id), { open: 0, closed: 0 });
    const near = await clockOk(guard.accessToken, {
      code: zone.code,
      location: { lat: POINT.lat + 0.001, lng: POINT.lng },
    });
    assert.ok(
      near.shift.onDistanceM >= 100 && near.shift.onDistanceM <= 120,
      String(near.shift.onDistanceM),
    );
    const p = await preview(guard.accessToken, {
      code: zone.code,
      location: { lat: POINT.lat + 0.01, lng: POINT.lng },
    });
    assert.equal(p.reasonCode, "out_of_range");
  },
);

apiTest(
  "POST /api/duty offline: a code regenerated after the scan still counts, marked 补录",
  async () => {
    const a = await approvedCompany();
    const zone = await createZone(a);
    const guard = await member(a.codeToken);
    await send("POST", `/api/zones/${zone.id}/code`, a.admin.accessToken);
    assert.deepEqual(await errorOf(await clock(guard.accessToken, { code: zone.code })), [
      410,
      "code_expired",
    ]);
    const late = await clockOk(guard.accessToken, { code: zone.code, deviceTime: minutesAgo(45) });
    assert.deepEqual([late.action, late.shift.onLate], ["join_and_clock_on", true]);
    assert.ok(Date.parse(late.shift.onReceivedAt) - Date.parse(late.shift.onAt) > 44 * 60_000);
    const off = await clockOk(guard.accessToken, { code: zone.code, deviceTime: minutesAgo(5) });
    assert.deepEqual([off.action, off.shift.offLate, off.shift.open], ["clock_off", true, false]);
    assert.deepEqual(await shiftCounts(guard.user.id), { open: 0, closed: 1 });
  },
);

apiTest("POST /api/duty auto never switches zones unasked", async () => {
  const a = await approvedCompany();
  const [z1, z2] = [await createZone(a), await createZone(a)];
  const guard = await member(a.codeToken);
  await clockOk(guard.accessToken, { code: z1.code });
  assert.deepEqual(await errorOf(await clock(guard.accessToken, { code: z2.code })), [
    409,
    "confirm_required",
  ]);
  const r = await clockOk(guard.accessToken, { code: z2.code, action: "switch_and_clock_on" });
  assert.equal(r.zone.id, z2.id);
  assert.deepEqual(await shiftCounts(guard.user.id), { open: 1, closed: 1 });
});

apiTest("POST /api/scan of a zone code answers the duty preview", async () => {
  const a = await approvedCompany();
  const zone = await createZone(a, { name: "扫一扫巡区" });
  const guard = await member(a.codeToken);
  const res = await post("/api/scan", { code: zone.code }, guard.accessToken);
  const r = await res.json();
  assert.deepEqual([r.kind, r.actions, r.duty.action, r.duty.dialog], [
    "zone",
    ["clock"],
    "join_and_clock_on",
    "是否上岗打卡，加入扫一扫巡区?",
  ]);
});
