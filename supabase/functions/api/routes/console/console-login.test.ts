// POST /api/console/logins…: 扫码登录 of the police console end to end through the API. The
// console starts a request and polls; an officer signed in on the mini-program confirms the
// scanned QR; the poll then answers, once, a session that acts as that officer.
import assert from "node:assert/strict";
import {
  admin,
  approvedCompany,
  declared,
  errorOf,
  get,
  officer,
  post,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { apiTest } from "../../tests/helpers.ts";

type Login = {
  id: string;
  pollSecret: string;
  qrText: string;
  qrImage: string;
  expiresAt: string;
};
type Poll = {
  status: string;
  session: { accessToken: string; user: { id: string } } | null;
};

async function start(): Promise<Login> {
  const res = await post("/api/console/logins", {});
  assert.equal(res.status, 200);
  return await res.json();
}

async function poll(login: Login, secret = login.pollSecret): Promise<Poll> {
  const res = await post(`/api/console/logins/${login.id}/poll`, {
    pollSecret: secret,
  });
  assert.equal(res.status, 200);
  return await res.json();
}

apiTest(
  "an officer confirms the console's QR and the console gets one session as that officer",
  async () => {
    const login = await start();
    assert.match(login.qrText, /\/q\/console\/[A-Za-z0-9_-]{22,}$/);
    assert.match(login.qrImage, /^data:image\/png;base64,iVBOR/);
    const ttl = (Date.parse(login.expiresAt) - Date.now()) / 1000;
    assert.ok(ttl > 100 && ttl <= 121, `ttl ${ttl}`);
    assert.deepEqual(await poll(login), { status: "pending", session: null });

    const police = await officer("cz.xb");
    const ok = await post(
      "/api/console/logins/confirm",
      { code: login.qrText },
      police.accessToken,
    );
    assert.equal(ok.status, 200);
    // the QR alone does not collect the session
    assert.equal((await poll(login, "not-the-secret")).status, "not_found");
    const got = await poll(login);
    assert.equal(got.status, "confirmed");
    assert.equal(got.session?.user.id, police.user.id);
    // the console's token acts as the officer: the officer-only review list answers
    const list = await get("/api/reviews", got.session!.accessToken);
    assert.equal(list.status, 200);
    await list.body?.cancel();
    assert.deepEqual(await poll(login), { status: "used", session: null });
    const again = await post("/api/console/logins/confirm", {
      code: login.qrText,
    }, police.accessToken);
    assert.deepEqual(await errorOf(again), [
      409,
      "console_login_used",
    ]);
  },
);

apiTest(
  "only an officer confirms, only a live code: 403, 404, 410",
  async () => {
    const login = await start();
    const guard = await verifiedUser();
    const refused = await post("/api/console/logins/confirm", {
      code: login.qrText,
    }, guard.accessToken);
    assert.deepEqual(await errorOf(refused), [
      403,
      "not_police",
    ]);
    const police = await officer("cz.xb.anjia");
    const unknown = await post("/api/console/logins/confirm", {
      code: "A".repeat(30),
    }, police.accessToken);
    assert.deepEqual(await errorOf(unknown), [
      404,
      "console_login_not_found",
    ]);
    await admin()`update private.console_logins set expires_at = now() - interval '1 second'
                where id = ${login.id}`;
    const late = await post("/api/console/logins/confirm", {
      code: login.qrText,
    }, police.accessToken);
    const body = await late.json();
    assert.deepEqual([late.status, body.error.code], [
      410,
      "console_login_expired",
    ]);
    assert.match(body.error.message, /二维码已过期/);
    assert.equal((await poll(login)).status, "expired");
    // without a token, confirming is a 401
    const anon = await post("/api/console/logins/confirm", {
      code: login.qrText,
    });
    assert.equal(anon.status, 401);
    await anon.body?.cancel();
  },
);

type Overview = Record<string, number>;

async function overviewOf(token: string): Promise<Overview> {
  const res = await get("/api/console/overview", token);
  assert.equal(res.status, 200);
  return await res.json();
}

apiTest(
  "the overview counts the officer's scope under RLS; a non-officer is refused",
  async () => {
    const branch = await officer("cz.xb");
    const other = await officer("cz.tn");
    const before = await overviewOf(branch.accessToken);
    const otherBefore = await overviewOf(other.accessToken);
    await approvedCompany();
    await declared("cz.xb.anjia");
    const after = await overviewOf(branch.accessToken);
    const delta = Object.fromEntries(
      Object.keys(after).map((k) => [k, after[k] - before[k]]),
    );
    assert.deepEqual(delta, {
      companies: 1,
      guards: 1,
      zones: 0,
      onDutyNow: 0,
      pendingReviews: 1,
      openTips: 0,
    });
    // another 分局 sees none of it
    assert.deepEqual(await overviewOf(other.accessToken), otherBefore);
    const guard = await verifiedUser();
    assert.deepEqual(
      await errorOf(await get("/api/console/overview", guard.accessToken)),
      [
        403,
        "not_police",
      ],
    );
  },
);
