// Threat: someone other than an officer gets a police console session, a QR photographed by a
// bystander collects the session, a code is used twice or after it expired, or the login leaves
// no trace. The console's side runs as the sign-in server (auth_bridge), as the API calls it.
import {
  asBridge,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  newOfficer,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

async function sha256(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function start() {
  const secret = crypto.randomUUID();
  const hash = await sha256(secret);
  const [row] = await asBridge((tx) =>
    tx<{ id: string; code: string; expires_at: Date }[]>`
      select * from auth_bridge.console_login_start(${hash})`
  );
  return { ...row, hash };
}

function poll(id: string, hash: string) {
  return asBridge(async (tx) => {
    const [r] = await tx<{ status: string; user_id: string | null; session_id: string | null }[]>`
      select * from auth_bridge.console_login_poll(${id}, ${hash})`;
    return r;
  });
}

const confirm = (userId: string, code: string) =>
  asUserCommit(userId, (tx) => tx`select public.confirm_console_login(${code})`);

dbTest("an officer's confirmation gives the console one session of that officer", async () => {
  const login = await start();
  assertEquals(login.code.length >= 22, true);
  const ttl = (login.expires_at.getTime() - Date.now()) / 1000;
  assertEquals(ttl > 100 && ttl <= 121, true);
  assertEquals((await poll(login.id, login.hash)).status, "pending");

  const officer = await newOfficer("cz.xb");
  await confirm(officer.id, login.code);
  // the code alone (a photo of the QR) does not collect the session
  assertEquals((await poll(login.id, await sha256("guess"))).status, "not_found");
  const got = await poll(login.id, login.hash);
  assertEquals([got.status, got.user_id], ["confirmed", officer.id]);
  const [session] = await sql`
    select user_id, revoked_at from auth_bridge.sessions where id = ${got.session_id}`;
  assertEquals(session, { user_id: officer.id, revoked_at: null });
  // once only
  assertEquals((await poll(login.id, login.hash)).status, "used");
  await assertPgError(() => confirm(officer.id, login.code), "P0001", "console_login_used");
});

dbTest(
  "only an officer may confirm, only a live code, and nobody else reaches the requests",
  async () => {
    const login = await start();
    const guard = await newVerifiedUser();
    await assertPgError(() => confirm(guard.id, login.code), "P0001", "not_police");
    const officer = await newOfficer("cz.xb.anjia");
    await assertPgError(
      () => confirm(officer.id, "A".repeat(30)),
      "P0001",
      "console_login_not_found",
    );
    await sql`update private.console_logins set expires_at = now() - interval '1 second'
            where id = ${login.id}`;
    await assertPgError(() => confirm(officer.id, login.code), "P0001", "console_login_expired");
    assertEquals((await poll(login.id, login.hash)).status, "expired");
    // the requests and the console's functions are the sign-in server's alone
    await assertPgError(
      () => asUser(officer.id, (tx) => tx`select * from private.console_logins`),
      "42501",
    );
    await assertPgError(
      () =>
        asUser(
          officer.id,
          (tx) => tx`select * from auth_bridge.console_login_start(${login.hash})`,
        ),
      "42501",
    );
  },
);

dbTest(
  "a console sign-in is in the audit log of the officer's scope, without its code",
  async () => {
    const login = await start();
    const officer = await newOfficer("cz.xb.anjia");
    await confirm(officer.id, login.code);
    const [row] = await sql`
    select actor_id, action, after from private.audit_log where row_id = ${login.id}`;
    assertEquals([row.actor_id, row.action], [officer.id, "console.login"]);
    assertEquals(JSON.stringify(row).includes(login.code), false);
    assertEquals(JSON.stringify(row).includes(login.hash), false);
    const branch = await newOfficer("cz.xb");
    const other = await newOfficer("cz.tn");
    const read = (id: string) =>
      asUser(id, (tx) => tx`select action_label from police.audit_log where row_id = ${login.id}`);
    assertEquals(await read(branch.id), [{ action_label: "扫码登录控制台" }]);
    assertEquals(await read(other.id), []);
  },
);
