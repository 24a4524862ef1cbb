// Sign-in with WeChat: the session, and how each WeChat errcode reaches the client.
import assert from "node:assert/strict";
import { decodeJwt } from "jose";
import {
  admin,
  apiTest,
  clearWechatFailures,
  devCodes,
  failWechat,
  post,
  randomPhone,
  signIn,
} from "../../tests/helpers.ts";

async function expectError(res: Response, status: number, code: string) {
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  assert.equal(body.error.code, code);
  assert.match(body.error.message, /[\u4e00-\u9fff]/);
}

/** Runs `fn` with failures injected into the WeChat stand-in, and clears them afterwards. */
async function withFailure(
  errcode: number,
  times: number,
  api: string,
  fn: (codes: { loginCode: string; phoneCode: string }) => Promise<void>,
) {
  const codes = await devCodes(randomPhone());
  await failWechat(errcode, times, api);
  try {
    await fn(codes);
  } finally {
    await clearWechatFailures();
  }
}

apiTest("POST /api/auth/wechat signs a new phone in with a session", async () => {
  const phone = randomPhone();
  const s = await signIn(phone);
  assert.equal(s.expiresIn, 3600);
  assert.match(s.refreshToken, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(s.user.phoneMasked, `${phone.slice(0, 3)}****${phone.slice(7)}`);
  assert.equal(s.user.role, "unverified");
  const claims = decodeJwt(s.accessToken);
  assert.equal(claims.sub, s.user.id);
  assert.equal(claims.role, "authenticated");
  assert.equal(claims.aud, "authenticated");
  assert.equal(claims.phone, phone);
  assert.equal((claims.exp as number) - (claims.iat as number), 3600);
  assert.equal(typeof claims.session_id, "string");
});

apiTest("POST /api/auth/wechat stores only the sha-256 of the refresh token", async () => {
  const s = await signIn();
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s.refreshToken));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const rows = await admin()`select token_hash from auth_bridge.refresh_tokens
    where token_hash in (${hex}, ${s.refreshToken})`;
  assert.deepEqual(rows.map((r) => r.token_hash), [hex]);
});

apiTest("POST /api/auth/wechat signs the same phone into the same user", async () => {
  const phone = randomPhone();
  const a = await signIn(phone);
  const b = await signIn(phone);
  assert.equal(a.user.id, b.user.id);
  assert.notEqual(decodeJwt(a.accessToken).session_id, decodeJwt(b.accessToken).session_id);
});

apiTest(
  "POST /api/auth/wechat without phoneCode answers 400 invalid_input naming the field",
  async () => {
    const { loginCode } = await devCodes(randomPhone());
    const res = await post("/api/auth/wechat", { loginCode });
    const body = await res.json();
    assert.equal(res.status, 400);
    assert.equal(body.error.code, "invalid_input");
    assert.match(body.error.message, /手机号凭证/);
  },
);

apiTest("POST /api/auth/wechat with malformed JSON answers 400 invalid_input", async () => {
  const { app } = await import("../../app.ts");
  const res = await app.request("/api/auth/wechat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{not json",
  });
  await expectError(res, 400, "invalid_input");
});

apiTest(
  "POST /api/auth/wechat with an unknown login code answers 400 wechat_code_invalid",
  async () => {
    const { phoneCode } = await devCodes(randomPhone());
    await expectError(
      await post("/api/auth/wechat", { loginCode: "no-such-code", phoneCode }),
      400,
      "wechat_code_invalid",
    );
  },
);

apiTest("POST /api/auth/wechat with a used login code answers 400 wechat_code_used", async () => {
  const phone = randomPhone();
  const first = await devCodes(phone);
  assert.equal((await post("/api/auth/wechat", first)).status, 200);
  const second = await devCodes(phone);
  await expectError(
    await post("/api/auth/wechat", { loginCode: first.loginCode, phoneCode: second.phoneCode }),
    400,
    "wechat_code_used",
  );
});

apiTest("POST /api/auth/wechat with a used phone code answers 400 wechat_code_used", async () => {
  const phone = randomPhone();
  const first = await devCodes(phone);
  assert.equal((await post("/api/auth/wechat", first)).status, 200);
  const second = await devCodes(phone);
  await expectError(
    await post("/api/auth/wechat", { loginCode: second.loginCode, phoneCode: first.phoneCode }),
    400,
    "wechat_code_used",
  );
});

apiTest("POST /api/auth/wechat on 45011 answers 429 wechat_rate_limited", async () => {
  await withFailure(45011, 1, "jscode2session", async (codes) => {
    await expectError(await post("/api/auth/wechat", codes), 429, "wechat_rate_limited");
  });
});

apiTest("POST /api/auth/wechat on 40226 answers 403 wechat_user_blocked", async () => {
  await withFailure(40226, 1, "jscode2session", async (codes) => {
    await expectError(await post("/api/auth/wechat", codes), 403, "wechat_user_blocked");
  });
});

apiTest("POST /api/auth/wechat retries a busy (-1) code2Session once and succeeds", async () => {
  await withFailure(-1, 1, "jscode2session", async (codes) => {
    assert.equal((await post("/api/auth/wechat", codes)).status, 200);
  });
});

apiTest("POST /api/auth/wechat retries a busy (-1) phone lookup once and succeeds", async () => {
  await withFailure(-1, 1, "getuserphonenumber", async (codes) => {
    assert.equal((await post("/api/auth/wechat", codes)).status, 200);
  });
});

apiTest("POST /api/auth/wechat busy (-1) twice answers 503 wechat_busy", async () => {
  await withFailure(-1, 2, "jscode2session", async (codes) => {
    await expectError(await post("/api/auth/wechat", codes), 503, "wechat_busy");
  });
});

apiTest(
  "POST /api/auth/wechat refreshes an invalid access token (40001) once and succeeds",
  async () => {
    await withFailure(40001, 1, "getuserphonenumber", async (codes) => {
      assert.equal((await post("/api/auth/wechat", codes)).status, 200);
    });
  },
);

apiTest(
  "POST /api/auth/wechat refreshes an expired access token (42001) once and succeeds",
  async () => {
    await withFailure(42001, 1, "getuserphonenumber", async (codes) => {
      assert.equal((await post("/api/auth/wechat", codes)).status, 200);
    });
  },
);

apiTest(
  "POST /api/auth/wechat with 40001 after the refresh answers 502 wechat_config_invalid",
  async () => {
    await withFailure(40001, 2, "getuserphonenumber", async (codes) => {
      await expectError(await post("/api/auth/wechat", codes), 502, "wechat_config_invalid");
    });
  },
);

apiTest(
  "POST /api/auth/wechat with a wrong app secret answers 502 wechat_config_invalid",
  async () => {
    await withFailure(40125, 1, "jscode2session", async (codes) => {
      await expectError(await post("/api/auth/wechat", codes), 502, "wechat_config_invalid");
    });
  },
);

apiTest(
  "POST /api/auth/wechat refuses a phone bound to another WeChat account (409 phone_bound_elsewhere)",
  async () => {
    const phone = randomPhone();
    const first = await signIn(phone);
    // the number was recycled: the account's WeChat is not the one signing in now
    await admin()`update auth_bridge.users set openid = 'oSomeoneElsesWechatAccount00'
                  where phone = ${phone}`;
    const res = await post("/api/auth/wechat", await devCodes(phone));
    await expectError(res, 409, "phone_bound_elsewhere");
    const sessions =
      await admin()`select id from auth_bridge.sessions where user_id = ${first.user.id}`;
    assert.equal(sessions.length, 1, "no session opened for the other account");
  },
);

apiTest("POST /api/auth/wechat never shows WeChat's errmsg to the user", async () => {
  await withFailure(47001, 1, "jscode2session", async (codes) => {
    const res = await post("/api/auth/wechat", codes);
    const body = await res.json();
    assert.equal(res.status, 502);
    assert.equal(body.error.code, "wechat_error");
    assert.doesNotMatch(body.error.message, /data format|rid|47001/);
    assert.match(body.error.message, /[\u4e00-\u9fff]/);
  });
});
