// Refresh tokens: rotation, reuse revoking the whole session, logout.
import assert from "node:assert/strict";
import { decodeJwt } from "jose";
import { apiTest, get, post, signIn } from "../../tests/helpers.ts";

async function code(res: Response): Promise<string> {
  return (await res.json()).error?.code;
}

apiTest(
  "POST /api/auth/refresh rotates the refresh token and issues a new access token",
  async () => {
    const s = await signIn();
    const res = await post("/api/auth/refresh", { refreshToken: s.refreshToken });
    assert.equal(res.status, 200);
    const next = await res.json();
    assert.notEqual(next.refreshToken, s.refreshToken);
    assert.equal(next.user.id, s.user.id);
    const claims = decodeJwt(next.accessToken);
    assert.equal(claims.sub, s.user.id);
    assert.equal(claims.phone, s.phone);
    assert.equal(claims.session_id, decodeJwt(s.accessToken).session_id);
    assert.equal((await get("/api/me", next.accessToken)).status, 200);
  },
);

apiTest("POST /api/auth/refresh accepts the rotated token for the next refresh", async () => {
  const s = await signIn();
  const r1 = await (await post("/api/auth/refresh", { refreshToken: s.refreshToken })).json();
  const r2 = await post("/api/auth/refresh", { refreshToken: r1.refreshToken });
  assert.equal(r2.status, 200);
});

apiTest("POST /api/auth/refresh with a reused token answers 401 refresh_token_reused", async () => {
  const s = await signIn();
  assert.equal((await post("/api/auth/refresh", { refreshToken: s.refreshToken })).status, 200);
  const again = await post("/api/auth/refresh", { refreshToken: s.refreshToken });
  assert.equal(again.status, 401);
  assert.equal(await code(again), "refresh_token_reused");
});

apiTest("POST /api/auth/refresh reuse revokes the whole session's tokens", async () => {
  const s = await signIn();
  const rotated = await (await post("/api/auth/refresh", { refreshToken: s.refreshToken })).json();
  await (await post("/api/auth/refresh", { refreshToken: s.refreshToken })).body?.cancel();
  const res = await post("/api/auth/refresh", { refreshToken: rotated.refreshToken });
  assert.equal(res.status, 401);
  assert.equal(await code(res), "refresh_token_invalid");
});

apiTest("POST /api/auth/refresh reuse leaves the user's other sessions alive", async () => {
  const s = await signIn();
  const other = await signIn(s.phone);
  await (await post("/api/auth/refresh", { refreshToken: s.refreshToken })).body?.cancel();
  await (await post("/api/auth/refresh", { refreshToken: s.refreshToken })).body?.cancel();
  const res = await post("/api/auth/refresh", { refreshToken: other.refreshToken });
  assert.equal(res.status, 200);
});

apiTest(
  "POST /api/auth/refresh with an unknown token answers 401 refresh_token_invalid",
  async () => {
    const res = await post("/api/auth/refresh", { refreshToken: "A".repeat(43) });
    assert.equal(res.status, 401);
    assert.equal(await code(res), "refresh_token_invalid");
  },
);

apiTest("POST /api/auth/refresh without refreshToken answers 400 invalid_input", async () => {
  const res = await post("/api/auth/refresh", {});
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.error.code, "invalid_input");
  assert.match(body.error.message, /刷新令牌/);
});

apiTest("POST /api/auth/logout answers ok and ends the session's refresh tokens", async () => {
  const s = await signIn();
  const res = await post("/api/auth/logout", {}, s.accessToken);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true });
  const after = await post("/api/auth/refresh", { refreshToken: s.refreshToken });
  assert.equal(after.status, 401);
  assert.equal(await code(after), "refresh_token_invalid");
});

apiTest("POST /api/auth/logout without a token answers 401 token_missing", async () => {
  const res = await post("/api/auth/logout", {});
  assert.equal(res.status, 401);
  assert.equal(await code(res), "token_missing");
});
