// Threat: a stolen refresh token is replayed. Tokens are single-use; presenting a used
// one reports refresh_token_reused and, once the API persists it, ends the session so
// the thief's and the victim's successors both stop working. Logout ends the session.
import { asBridge, assertEquals, assertPgError, asUser, dbTest, newUser } from "./_helpers.ts";

const hash = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, "0"))
    .join("");

const issue = (sessionId: string, h: string, parent: number | null = null) =>
  asBridge((tx) => tx`select auth_bridge.issue_refresh_token(${sessionId}, ${h}, ${parent}) as id`);

const rotate = (oldHash: string, newHash: string) =>
  asBridge((tx) =>
    tx<{ user_id: string; session_id: string }[]>`
      select * from auth_bridge.rotate_refresh_token(${oldHash}, ${newHash})`
  );

dbTest("a refresh token rotates once to its successor", async () => {
  const u = await newUser();
  const [h0, h1, h2] = [hash(), hash(), hash()];
  await issue(u.sessionId, h0);
  assertEquals(await rotate(h0, h1), [{ user_id: u.id, session_id: u.sessionId }]);
  assertEquals(await rotate(h1, h2), [{ user_id: u.id, session_id: u.sessionId }]);
});

dbTest("replaying a used token fails with refresh_token_reused and ends the session", async () => {
  const u = await newUser();
  const [h0, h1, h2, h3] = [hash(), hash(), hash(), hash()];
  await issue(u.sessionId, h0);
  await rotate(h0, h1); // the legitimate refresh
  await assertPgError(() => rotate(h0, h2), "P0001", "refresh_token_reused");
  // what the API does after catching refresh_token_reused, in a new transaction
  await asBridge((tx) => tx`select auth_bridge.revoke_session_of_token(${h0})`);
  await assertPgError(() => rotate(h1, h3), "P0001", "refresh_token_invalid");
  // the replayed token never produced a successor
  await assertPgError(() => rotate(h2, hash()), "P0001", "refresh_token_invalid");
});

dbTest("revoke_session_of_token does nothing for a token that was never used", async () => {
  const u = await newUser();
  const [h0, h1] = [hash(), hash()];
  await issue(u.sessionId, h0);
  await asBridge((tx) => tx`select auth_bridge.revoke_session_of_token(${h0})`);
  assertEquals((await rotate(h0, h1)).length, 1);
});

dbTest("an unknown token is refresh_token_invalid", async () => {
  await assertPgError(() => rotate(hash(), hash()), "P0001", "refresh_token_invalid");
});

dbTest("after logout no token of the session works", async () => {
  const u = await newUser();
  const [h0, h1] = [hash(), hash()];
  await issue(u.sessionId, h0);
  await asBridge((tx) => tx`select auth_bridge.revoke_session(${u.sessionId}, ${u.id})`);
  await assertPgError(() => rotate(h0, h1), "P0001", "refresh_token_invalid");
  await assertPgError(() => issue(u.sessionId, hash()), "P0001", "refresh_token_invalid");
});

dbTest("logout names the session's user: another user's id ends nothing", async () => {
  const [u, other] = [await newUser(), await newUser()];
  const [h0, h1] = [hash(), hash()];
  await issue(u.sessionId, h0);
  await asBridge((tx) => tx`select auth_bridge.revoke_session(${u.sessionId}, ${other.id})`);
  assertEquals((await rotate(h0, h1)).length, 1);
});

dbTest("an expired token is refresh_token_invalid", async () => {
  const u = await newUser();
  const h0 = hash();
  await issue(u.sessionId, h0);
  // age the token (as the owner) instead of waiting 30 days
  await asBridge(async (tx) => {
    await tx`reset role`;
    await tx`update auth_bridge.refresh_tokens set expires_at = now() - interval '1 second' where token_hash = ${h0}`;
  });
  await assertPgError(() => rotate(h0, hash()), "P0001", "refresh_token_invalid");
});

dbTest("tokens are stored only as SHA-256 hex", async () => {
  const u = await newUser();
  await assertPgError(() => issue(u.sessionId, "plain-token-value"), "23514");
});

dbTest("a signed-in user cannot rotate or read refresh tokens", async () => {
  const u = await newUser();
  await assertPgError(
    () =>
      asUser(
        u.id,
        (tx) => tx`select * from auth_bridge.rotate_refresh_token(${hash()}, ${hash()})`,
      ),
    "42501",
  );
  await assertPgError(
    () => asUser(u.id, (tx) => tx`select token_hash from auth_bridge.refresh_tokens`),
    "42501",
  );
});
