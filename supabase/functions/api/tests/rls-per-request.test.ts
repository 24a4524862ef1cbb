// withUser is the boundary every user request goes through: prove it runs as `authenticated`
// with the caller's claims, so RLS (not the API code) decides what is visible and writable.
import assert from "node:assert/strict";
import { withUser } from "../../_shared/db.ts";
import { apiTest, profileOf, signIn } from "./helpers.ts";

const claimsOf = (userId: string) => ({ sub: userId, role: "authenticated", aud: "authenticated" });

apiTest("withUser runs as role authenticated with auth.uid() of the caller", async () => {
  const s = await signIn();
  const [row] = await withUser(
    claimsOf(s.user.id),
    (tx) => tx`select current_user as role, auth.uid()::text as uid`,
  );
  assert.deepEqual({ ...row }, { role: "authenticated", uid: s.user.id });
});

apiTest("withUser sees only the caller's own profile", async () => {
  const a = await signIn();
  await signIn();
  const rows = await withUser(claimsOf(a.user.id), (tx) => tx`select user_id from public.profiles`);
  assert.deepEqual(rows.map((r) => r.user_id), [a.user.id]);
});

apiTest("withUser cannot update another user's profile (RLS hides the row)", async () => {
  const a = await signIn();
  const b = await signIn();
  const before = await profileOf(b.user.id);
  const updated = await withUser(
    claimsOf(a.user.id),
    (tx) =>
      tx`update public.profiles set name = '冒名' where user_id = ${b.user.id} returning user_id`,
  );
  assert.equal(updated.length, 0);
  assert.deepEqual(await profileOf(b.user.id), before);
});

apiTest("withUser cannot set verified_at of its own profile (column not granted)", async () => {
  const a = await signIn();
  await assert.rejects(
    withUser(
      claimsOf(a.user.id),
      (tx) => tx`update public.profiles set verified_at = now() where user_id = ${a.user.id}`,
    ),
    (e: Error & { code?: string }) => e.code === "forbidden" || /permission/.test(e.message),
  );
  assert.equal((await profileOf(a.user.id)).verified_at, null);
});

apiTest("withUser settings do not outlive the transaction", async () => {
  const a = await signIn();
  await withUser(claimsOf(a.user.id), (tx) => tx`select 1`);
  const { admin } = await import("./helpers.ts");
  const [row] = await admin()`select current_user as role,
    coalesce(current_setting('request.jwt.claims', true), '') as claims`;
  assert.equal(row.role, "postgres");
  assert.equal(row.claims, "");
});
