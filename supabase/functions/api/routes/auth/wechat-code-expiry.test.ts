// WeChat's one-time codes live 5 minutes and its access tokens 2 hours: the stand-in's clock is
// moved forward (never the test's wall clock) to prove the API handles both ends of each.
import assert from "node:assert/strict";
import { apiTest, devCodes, post, randomPhone, wechat } from "../../tests/helpers.ts";

async function advance(ms: number) {
  const res = await wechat("/_dev/clock", { advanceMs: ms });
  assert.equal(res.status, 200);
  await res.body?.cancel();
}
async function resetClock() {
  await (await wechat("/_dev/clock", undefined, "DELETE")).body?.cancel();
}

apiTest("POST /api/auth/wechat accepts codes 4 min 59 s old", async () => {
  const codes = await devCodes(randomPhone());
  try {
    await advance(299_000);
    const res = await post("/api/auth/wechat", codes);
    assert.equal(res.status, 200, await res.clone().text());
    await res.body?.cancel();
  } finally {
    await resetClock();
  }
});

apiTest(
  "POST /api/auth/wechat with codes over 5 minutes old answers 400 wechat_code_invalid",
  async () => {
    const codes = await devCodes(randomPhone());
    try {
      await advance(301_000);
      const res = await post("/api/auth/wechat", codes);
      const body = await res.json();
      assert.equal(res.status, 400);
      assert.equal(body.error.code, "wechat_code_invalid");
    } finally {
      await resetClock();
    }
  },
);

apiTest("POST /api/auth/wechat still signs in after the cached access token expired", async () => {
  const first = await post("/api/auth/wechat", await devCodes(randomPhone()));
  assert.equal(first.status, 200); // the API now holds a cached stable_token
  await first.body?.cancel();
  try {
    await advance(2 * 3600_000 + 1000); // past the token's 7200 s
    const res = await post("/api/auth/wechat", await devCodes(randomPhone()));
    assert.equal(res.status, 200, await res.clone().text());
    await res.body?.cancel();
  } finally {
    await resetClock();
  }
});
