// Throttled sign-in and refresh (issue 13): what an attacker repeats gets 429 rate_limited with
// Retry-After and a Chinese message; the limits themselves are in _shared/throttle.ts.
import assert from "node:assert/strict";
import { LIMITS } from "../../../_shared/throttle.ts";
import {
  apiTest,
  devCodes,
  post,
  postFrom,
  preloadThrottle,
  randomAddress,
  randomPhone,
  signIn,
} from "../../tests/helpers.ts";

async function assertThrottled(res: Response, maxWait: number) {
  const body = await res.json();
  assert.equal(res.status, 429, JSON.stringify(body));
  assert.equal(body.error.code, "rate_limited");
  assert.match(body.error.message, /^操作太频繁，请\d+(秒|分钟|小时)后再试$/);
  const wait = Number(res.headers.get("retry-after"));
  assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= maxWait, `Retry-After ${wait}`);
}

apiTest("POST /api/auth/wechat: bogus code exchanges from one address end in 429", async () => {
  const address = randomAddress();
  const bogus = { loginCode: "bogus-login-code", phoneCode: "bogus-phone-code" };
  const { limit, windowSeconds } = LIMITS.signInPerAddress;
  const answers = [];
  for (let i = 0; i < limit; i++) {
    answers.push((await postFrom(address, "/api/auth/wechat", bogus)).status);
  }
  assert.deepEqual(new Set(answers), new Set([400]), "WeChat refused each bogus code");
  await assertThrottled(await postFrom(address, "/api/auth/wechat", bogus), windowSeconds);
  // even a genuine sign-in from that address waits: no WeChat call is spent on it
  const codes = await devCodes(randomPhone());
  await assertThrottled(await postFrom(address, "/api/auth/wechat", codes), windowSeconds);
  // another address is not affected, and the genuine codes are still unused
  assert.equal((await postFrom(randomAddress(), "/api/auth/wechat", codes)).status, 200);
});

apiTest(
  "POST /api/auth/wechat: a made-up X-Forwarded-For entry does not switch the address limit off",
  async () => {
    // behind a proxy that appends, the client writes the first entry; one that is no address
    // used to mean "address unknown", and no address limit applied at all
    const { limit, windowSeconds } = LIMITS.signInPerAddress;
    await preloadThrottle("signin:addr:unparsed", windowSeconds, limit);
    const codes = await devCodes(randomPhone());
    for (const made of ["x", "unknown, 198.51.100.7", "", "<script>, 198.51.100.7"]) {
      await assertThrottled(await postFrom(made, "/api/auth/wechat", codes), windowSeconds);
    }
    // no WeChat call was spent: the codes still sign in from a real address
    assert.equal((await postFrom(randomAddress(), "/api/auth/wechat", codes)).status, 200);
  },
);

apiTest("POST /api/auth/wechat: one phone signs in at most 20 times an hour", async () => {
  const phone = randomPhone();
  const { limit, windowSeconds } = LIMITS.signInPerPhone;
  await preloadThrottle(`signin:phone:${phone}`, windowSeconds, limit - 1);
  await signIn(phone);
  await assertThrottled(await post("/api/auth/wechat", await devCodes(phone)), windowSeconds);
});

apiTest("POST /api/auth/refresh: a flood from one address ends in 429", async () => {
  const address = randomAddress();
  const { limit, windowSeconds } = LIMITS.refreshPerAddress;
  await preloadThrottle(`refresh:addr:${address}`, windowSeconds, limit - 1);
  const guess = { refreshToken: "A".repeat(43) };
  assert.equal((await postFrom(address, "/api/auth/refresh", guess)).status, 401);
  await assertThrottled(await postFrom(address, "/api/auth/refresh", guess), windowSeconds);
});

apiTest(
  "POST /api/auth/refresh: over the per-user limit answers 429 and the token stays valid",
  async () => {
    const s = await signIn();
    const { limit, windowSeconds } = LIMITS.refreshPerUser;
    await preloadThrottle(`refresh:user:${s.user.id}`, windowSeconds, limit);
    await assertThrottled(
      await post("/api/auth/refresh", { refreshToken: s.refreshToken }),
      windowSeconds,
    );
    // the refused rotation was rolled back: once the window has room, the same token works
    await preloadThrottle(`refresh:user:${s.user.id}`, windowSeconds, 0);
    const res = await post("/api/auth/refresh", { refreshToken: s.refreshToken });
    assert.equal(res.status, 200, await res.clone().text());
  },
);
