// Threat: a signed-in user reads or changes another user's profile (phone, ID number).
import { assertEquals, asUser, dbTest, newUser, sql } from "./_helpers.ts";

dbTest("a user sees exactly their own profile among others", async () => {
  const [a, b] = [await newUser(), await newUser()];
  const rows = await asUser(a.id, (tx) => tx`select user_id, phone from public.profiles`);
  assertEquals(rows.map((r) => r.user_id), [a.id]);
  assertEquals(rows[0].phone, a.phone);
  const other = await asUser(
    a.id,
    (tx) => tx`select user_id from public.profiles where user_id = ${b.id}`,
  );
  assertEquals(other.length, 0);
});

dbTest("a user cannot update another user's profile", async () => {
  const [a, b] = [await newUser(), await newUser()];
  const updated = await asUser(
    a.id,
    (tx) => tx`update public.profiles set name = '李四' where user_id = ${b.id} returning user_id`,
  );
  assertEquals(updated.length, 0);
  const [row] = await sql`select name from public.profiles where user_id = ${b.id}`;
  assertEquals(row.name, null);
});

dbTest("a user can update the name of their own unverified profile", async () => {
  const a = await newUser();
  const updated = await asUser(
    a.id,
    (tx) => tx`update public.profiles set name = '王五' where user_id = ${a.id} returning name`,
  );
  assertEquals(updated.map((r) => r.name), ["王五"]);
});

dbTest("sign-in creates the profile with the phone, once per phone", async () => {
  const a = await newUser();
  const [again] = await sql.begin(async (tx) => {
    await tx`select set_config('role', 'auth_bridge', true)`;
    return await tx`select * from auth_bridge.sign_in(${a.phone}, null)`;
  });
  assertEquals(again.user_id, a.id);
  const rows = await sql`select phone, verified_at from public.profiles where user_id = ${a.id}`;
  assertEquals(rows.length, 1);
  assertEquals(rows[0].phone, a.phone);
  assertEquals(rows[0].verified_at, null);
});
