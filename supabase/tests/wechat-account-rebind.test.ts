// Threat: the new holder of a recycled phone number (another WeChat account proving the same
// phone) signs in and silently inherits the old holder's verified identity and company.
import {
  asBridge,
  assertEquals,
  assertPgError,
  dbTest,
  newVerifiedUser,
  randomPhone,
  sql,
} from "./_helpers.ts";

const signIn = (phone: string, openid: string) =>
  asBridge((tx) =>
    tx<{ user_id: string; session_id: string }[]>`
      select * from auth_bridge.sign_in(${phone}, ${openid})`
  );

dbTest(
  "another WeChat account with the same phone is refused (phone_bound_elsewhere)",
  async () => {
    const owner = await newVerifiedUser();
    const [before] = await sql`select openid from auth_bridge.users where id = ${owner.id}`;
    await assertPgError(
      () => signIn(owner.phone, `openid-${crypto.randomUUID()}`),
      "P0001",
      "phone_bound_elsewhere",
    );
    const [after] = await sql`select openid from auth_bridge.users where id = ${owner.id}`;
    assertEquals(after.openid, before.openid);
    const sessions = await sql`select id from auth_bridge.sessions where user_id = ${owner.id}`;
    assertEquals(sessions.length, 1);
    // the bound account itself still signs in
    const [again] = await signIn(owner.phone, before.openid);
    assertEquals(again.user_id, owner.id);
  },
);

dbTest("a phone left by its WeChat account does not open to the next account", async () => {
  const old = await newVerifiedUser();
  const [{ openid }] = await sql`select openid from auth_bridge.users where id = ${old.id}`;
  // the owner's WeChat moves to a new number: allowed, WeChat proved the new phone
  const newPhone = randomPhone();
  const [moved] = await signIn(newPhone, openid);
  if (moved.user_id === old.id) throw new Error("the move should land on the new number");
  // the old number, recycled to a stranger's WeChat, must not open the old identity
  await assertPgError(
    () => signIn(old.phone, `openid-${crypto.randomUUID()}`),
    "P0001",
    "phone_bound_elsewhere",
  );
});
