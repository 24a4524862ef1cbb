// Threat: an admin dismisses themselves (orphaning the company) or someone of another
// company; a member dismisses a colleague; the only admin resigns. Capability: 离职 by
// the admin and by the member themselves ends the membership, and the user may join
// again.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  joinAs,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";

const membership = async (id: string) => {
  const [m] = await sql`select left_at is not null as left, left_reason from public.memberships
                        where id = ${id}`;
  return [m.left, m.left_reason];
};

dbTest("the admin dismisses a member; the member may then join elsewhere", async () => {
  const [a, b] = [await approvedCompany(), await approvedCompany()];
  const guard = await newVerifiedUser();
  const id = await joinAs(guard, a.code);
  await asUserCommit(a.admin.id, (tx) => tx`select public.dismiss_member(${id})`);
  assertEquals(await membership(id), [true, "dismissed"]);
  await assertPgError(
    () => asUser(a.admin.id, (tx) => tx`select public.dismiss_member(${id})`),
    "P0001",
    "membership_not_found",
  );
  await joinAs(guard, b.code);
});

dbTest("the admin cannot dismiss themselves", async () => {
  const a = await approvedCompany();
  const [own] = await sql`select id from public.memberships where user_id = ${a.admin.id}`;
  await assertPgError(
    () => asUser(a.admin.id, (tx) => tx`select public.dismiss_member(${own.id})`),
    "P0001",
    "cannot_dismiss_self",
  );
  assertEquals(await membership(own.id), [false, null]);
});

dbTest("a member cannot dismiss a colleague; an unknown id is not found", async () => {
  const a = await approvedCompany();
  const [g1, g2] = [await newVerifiedUser(), await newVerifiedUser()];
  await joinAs(g1, a.code);
  const id2 = await joinAs(g2, a.code);
  await assertPgError(
    () => asUser(g1.id, (tx) => tx`select public.dismiss_member(${id2})`),
    "P0001",
    "not_company_admin",
  );
  assertEquals(await membership(id2), [false, null]);
  await assertPgError(
    () => asUser(a.admin.id, (tx) => tx`select public.dismiss_member(${crypto.randomUUID()})`),
    "P0001",
    "membership_not_found",
  );
});

dbTest("a member resigns by themselves and may join again", async () => {
  const a = await approvedCompany();
  const guard = await newVerifiedUser();
  const id = await joinAs(guard, a.code);
  await asUserCommit(guard.id, (tx) => tx`select public.resign()`);
  assertEquals(await membership(id), [true, "resigned"]);
  await assertPgError(
    () => asUser(guard.id, (tx) => tx`select public.resign()`),
    "P0001",
    "not_in_company",
  );
  const again = await joinAs(guard, a.code, false);
  assertEquals(again !== id, true);
});

dbTest("the only admin cannot resign; a user outside any company cannot either", async () => {
  const a = await approvedCompany();
  await assertPgError(
    () => asUser(a.admin.id, (tx) => tx`select public.resign()`),
    "P0001",
    "admin_cannot_resign",
  );
  const [own] = await sql`select id from public.memberships where user_id = ${a.admin.id}`;
  assertEquals(await membership(own.id), [false, null]);
  const outsider = await newVerifiedUser();
  await assertPgError(
    () => asUser(outsider.id, (tx) => tx`select public.resign()`),
    "P0001",
    "not_in_company",
  );
});
