// Capability: the two helpers every policy and RPC goes through, so that later domains (zones,
// tips) reuse them instead of copying: private.require_user() is the one signed-in guard, and
// private.my_company_id(role) the one answer to "which company is mine (in this role)".
import {
  approvedCompany,
  asRole,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  joinAs,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

const myCompany = (userId: string, role?: "admin" | "member") =>
  asUser(userId, async (tx) => {
    const [r] = role
      ? await tx`select private.my_company_id(${role}::public.membership_role) as id`
      : await tx`select private.my_company_id() as id`;
    return r.id;
  });

dbTest("my_company_id: the admin's company in any role and as admin", async () => {
  const a = await approvedCompany();
  assertEquals(await myCompany(a.admin.id), a.id);
  assertEquals(await myCompany(a.admin.id, "admin"), a.id);
  assertEquals(await myCompany(a.admin.id, "member"), null);
});

dbTest("my_company_id: a member's company, but not as admin; none after 离职", async () => {
  const a = await approvedCompany();
  const guard = await newVerifiedUser();
  const id = await joinAs(guard, a.code);
  assertEquals(await myCompany(guard.id), a.id);
  assertEquals(await myCompany(guard.id, "member"), a.id);
  assertEquals(await myCompany(guard.id, "admin"), null);
  await asUserCommit(a.admin.id, (tx) => tx`select public.dismiss_member(${id})`);
  assertEquals(await myCompany(guard.id), null);
});

dbTest("my_company_id is null for a user without a company", async () => {
  const u = await newVerifiedUser();
  assertEquals(await myCompany(u.id), null);
});

dbTest("require_user returns the caller and refuses a token without a user", async () => {
  const u = await newVerifiedUser();
  assertEquals(
    await asUser(u.id, async (tx) => (await tx`select private.require_user() as id`)[0].id),
    u.id,
  );
  await assertPgError(
    () =>
      asRole("authenticated", { role: "authenticated" }, (tx) => tx`select private.require_user()`),
    "P0001",
    "not_authenticated",
  );
});

dbTest("one signed-in guard: no other function raises not_authenticated itself", async () => {
  const rows = await sql<{ name: string }[]>`
    select n.nspname || '.' || p.proname as name
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'private', 'auth_bridge')
       and p.prosrc ~ 'message\\s*=\\s*''not_authenticated'''
     order by 1`;
  assertEquals(rows.map((r) => r.name), ["private.require_user"]);
});

dbTest("the old near-twins active_company_id / admin_company_id are gone", async () => {
  const rows = await sql`
    select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'private' and p.proname in ('active_company_id', 'admin_company_id')`;
  assertEquals(rows.length, 0);
});
