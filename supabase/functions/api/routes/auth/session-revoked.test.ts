// A revoked session ends its access tokens at once (issue 13, item 5): the session is checked in
// the same statement that sets the claims (private.act_as), on reads and on withUser routes.
import assert from "node:assert/strict";
import { apiTest, get, post, signIn } from "../../tests/helpers.ts";

async function code(res: Response): Promise<string> {
  return (await res.json()).error?.code;
}

apiTest("GET /api/me after logout answers 401 session_revoked", async () => {
  const s = await signIn();
  assert.equal((await post("/api/auth/logout", {}, s.accessToken)).status, 200);
  const res = await get("/api/me", s.accessToken);
  assert.equal(res.status, 401);
  assert.equal(await code(res), "session_revoked");
});

apiTest("GET /api/me after refresh-token reuse answers 401 session_revoked", async () => {
  const s = await signIn();
  await (await post("/api/auth/refresh", { refreshToken: s.refreshToken })).body?.cancel();
  await (await post("/api/auth/refresh", { refreshToken: s.refreshToken })).body?.cancel();
  const res = await get("/api/me", s.accessToken);
  assert.equal(res.status, 401);
  assert.equal(await code(res), "session_revoked");
});

apiTest("GET /api/companies/mine (withUser) after logout answers 401 session_revoked", async () => {
  const s = await signIn();
  await (await post("/api/auth/logout", {}, s.accessToken)).body?.cancel();
  const res = await get("/api/companies/mine", s.accessToken);
  assert.equal(res.status, 401);
  assert.equal(await code(res), "session_revoked");
});

apiTest("GET /api/me after logout of another session of the same user answers 200", async () => {
  const s = await signIn();
  const other = await signIn(s.phone);
  await (await post("/api/auth/logout", {}, other.accessToken)).body?.cancel();
  const res = await get("/api/me", s.accessToken);
  assert.equal(res.status, 200);
  await res.body?.cancel();
});
