// Threat: an admin or police action leaves no trace, or its trace can be changed or removed
// afterwards, or the trace itself leaks what it must not (QR tokens, ID numbers, the reporter
// of a tip). Each action below runs through the RPC the API calls; the log is then read as the
// owner, and its rows as the officers who may read them.
import {
  approvedCompany,
  asAnon,
  asRole,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  declare,
  departmentId,
  joinAs,
  newOfficer,
  newVerifiedUser,
  sql,
  type Tx,
  uniqueName,
} from "./_helpers.ts";
import { clock, newGuard, newZone, POINT } from "./_zones.ts";
import { makeSupervisor, sendTip } from "./tips-fixtures.ts";

interface AuditRow {
  id: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  table_name: string;
  row_id: string;
  company_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The audit rows of `rowId` after `since`, oldest first, read as the owner. */
async function auditOf(rowId: string, since = "0"): Promise<AuditRow[]> {
  return await sql<AuditRow[]>`
    select id::text, actor_id, actor_role, action, table_name, row_id, company_id, before, after
    from private.audit_log where row_id = ${rowId} and id > ${since} order by id`;
}

async function lastId(): Promise<string> {
  const [r] = await sql<
    { id: string }[]
  >`select coalesce(max(id), 0)::text as id from private.audit_log`;
  return r.id;
}

dbTest("declare, approve, reject: one row each, by the declarant and the officer", async () => {
  const company = await approvedCompany("cz.xb.anjia");
  const rows = await auditOf(company.id);
  assertEquals(rows.map((r) => [r.action, r.actor_id, r.actor_role]), [
    ["company.declare", company.admin.id, "authenticated"],
    ["company.approve", company.officer.id, "authenticated"],
  ]);
  assertEquals([rows[1].before?.status, rows[1].after?.status], ["pending", "approved"]);
  // the review token is a credential: never in the log
  for (const r of rows) {
    assertEquals("review_token" in (r.before ?? {}) || "review_token" in (r.after ?? {}), false);
  }
  const [admin] = await sql<AuditRow[]>`
    select action, actor_id from private.audit_log
    where table_name = 'public.memberships' and company_id = ${company.id}`;
  assertEquals(admin, { action: "membership.admin_set", actor_id: company.officer.id });

  const declarant = await newVerifiedUser();
  const officer = await newOfficer("cz.xb");
  const d = await declare(declarant, "cz.xb.anjia");
  await asUserCommit(
    officer.id,
    (tx) => tx`select public.review_declaration(${d.reviewToken}, false, '材料不全')`,
  );
  const rejected = await auditOf(d.id);
  assertEquals(rejected.map((r) => [r.action, r.actor_id]), [
    ["company.declare", declarant.id],
    ["company.reject", officer.id],
  ]);
  assertEquals(rejected[1].after?.reject_reason, "材料不全");
});

dbTest(
  "dismissal and company QR regeneration are logged; joining and resigning are not",
  async () => {
    const company = await approvedCompany("cz.xb.anjia");
    const guard = await newVerifiedUser();
    const membership = await joinAs(guard, company.code);
    const leaver = await newVerifiedUser();
    const leaverMembership = await joinAs(leaver, company.code);
    await asUserCommit(leaver.id, (tx) => tx`select public.resign()`);
    assertEquals(await auditOf(leaverMembership), []);

    await asUserCommit(company.admin.id, (tx) => tx`select public.dismiss_member(${membership})`);
    const [dismissal] = await auditOf(membership);
    assertEquals([dismissal.action, dismissal.actor_id, dismissal.company_id], [
      "membership.dismiss",
      company.admin.id,
      company.id,
    ]);
    assertEquals([dismissal.before?.left_at, dismissal.after?.left_reason], [null, "dismissed"]);

    await asUserCommit(
      company.admin.id,
      (tx) => tx`select public.regenerate_company_code(${company.id})`,
    );
    const codes = await sql<AuditRow[]>`
    select action, actor_id, before, after from private.audit_log
    where table_name = 'public.company_codes' and company_id = ${company.id}`;
    assertEquals(codes.map((r) => [r.action, r.actor_id]), [[
      "company.qr_regenerate",
      company.admin.id,
    ]]);
    assertEquals(JSON.stringify(codes).includes(company.code), false);
    assertEquals("token" in (codes[0].after ?? {}), false);
  },
);

dbTest("zone create, edit, QR regenerate, admin set, hand-over, revoke, delete", async () => {
  const company = await approvedCompany("cz.xb.anjia");
  const zone = await newZone(company);
  const [a, b] = [await newGuard(company), await newGuard(company)];
  await clock(a, zone.token);
  await clock(b, zone.token);
  const admin = company.admin.id;
  const since = await lastId();
  const dept = await departmentId("cz.xb.anjia");
  await asUserCommit(
    admin,
    (tx) =>
      tx`select public.update_zone(${zone.id}, '东门岗', ${dept}, ${POINT.lat}, ${POINT.lng},
         '江苏省常州市新北区太湖东路101', '常发广场写字楼', '夜间加巡', 0)`,
  );
  await asUserCommit(admin, (tx) => tx`select public.regenerate_zone_code(${zone.id})`);
  await asUserCommit(admin, (tx) => tx`select public.set_zone_admin(${zone.id}, ${a.id}, true)`);
  await asUserCommit(a.id, (tx) => tx`select public.hand_over_zone(${zone.id}, ${b.id})`);
  await asUserCommit(admin, (tx) => tx`select public.set_zone_admin(${zone.id}, ${b.id}, false)`);
  await asUserCommit(admin, (tx) => tx`select public.delete_zone(${zone.id})`);

  const [created] = await auditOf(zone.id);
  assertEquals([created.action, created.actor_id], ["zone.create", admin]);
  const rows = await sql<AuditRow[]>`
    select action, actor_id, row_id, before, after, company_id from private.audit_log
    where id > ${since} and company_id = ${company.id} order by id`;
  assertEquals(rows.map((r) => [r.action, r.actor_id, r.row_id]), [
    ["zone.update", admin, zone.id],
    ["zone.qr_regenerate", admin, zone.id],
    ["zone.admin_set", admin, a.id],
    ["zone.admin_set", a.id, b.id],
    ["zone.admin_revoke", a.id, a.id],
    ["zone.admin_revoke", admin, b.id],
    ["zone.delete", admin, zone.id],
  ]);
  assertEquals([rows[0].before?.name, rows[0].after?.name], [zone.name, "东门岗"]);
  assertEquals(rows[0].after?.lat, POINT.lat);
  // neither the old nor the new zone QR token is in the log
  assertEquals(JSON.stringify(rows).includes(zone.token), false);
  assertEquals("token" in (rows[1].after ?? {}), false);
});

dbTest(
  "tip accept, close, refuse and reassign are logged by officer; blacklist without the reporter",
  async () => {
    const reporter = await newVerifiedUser(uniqueName());
    const officer = await newOfficer("cz.xb.anjia");
    const supervisor = await newVerifiedUser();
    await makeSupervisor(supervisor.id);
    const one = await sendTip(reporter.id, { departmentCode: "cz.xb.anjia", anonymous: true });
    const two = await sendTip(reporter.id, { departmentCode: "cz.xb.anjia", anonymous: true });
    const three = await sendTip(reporter.id, { departmentCode: "cz.xb.anjia", anonymous: false });
    await asUserCommit(officer.id, (tx) => tx`select public.handle_tip(${one.id}, 'accept', null)`);
    await asUserCommit(
      officer.id,
      (tx) => tx`select public.handle_tip(${one.id}, 'close', '已处置')`,
    );
    await asUserCommit(
      officer.id,
      (tx) => tx`select public.handle_tip(${two.id}, 'refuse', '不属实')`,
    );
    // 转派 within the 分局: its officer moves the tip from 安家 to 三井
    const branch = await newOfficer("cz.xb");
    const sanjingId = await departmentId("cz.xb.sanjing");
    await asUserCommit(
      branch.id,
      (tx) => tx`select public.reassign_tip(${three.id}, ${sanjingId}, '属地')`,
    );
    await asUserCommit(
      supervisor.id,
      (tx) => tx`select public.blacklist_tip_reporter(${two.id}, '恶意举报')`,
    );
    // the reporter's own message touches no audited row
    await asUserCommit(reporter.id, (tx) => tx`select public.add_tip_message(${three.id}, '补充')`);

    assertEquals((await auditOf(one.id)).map((r) => [r.action, r.actor_id]), [
      ["tip.accepted", officer.id],
      ["tip.closed", officer.id],
    ]);
    const two_ = await auditOf(two.id);
    assertEquals(two_.map((r) => [r.action, r.actor_id]), [
      ["tip.refused", officer.id],
      ["tip.blacklist", supervisor.id],
    ]);
    assertEquals(two_[1].after?.reason, "恶意举报");
    const [reassigned] = await auditOf(three.id);
    assertEquals([reassigned.action, reassigned.actor_id, reassigned.after?.department_id], [
      "tip.reassign",
      branch.id,
      await departmentId("cz.xb.sanjing"),
    ]);
    // no row about these tips holds the reporter: neither id, nor name, nor phone
    const all = JSON.stringify([
      ...(await auditOf(one.id)),
      ...two_,
      ...(await auditOf(three.id)),
    ]);
    for (const needle of [reporter.id, reporter.name, reporter.phone]) {
      assertEquals(all.includes(needle), false, `audit log reveals the reporter (${needle})`);
    }
    // the blacklist row is the owner's alone; the reassigned tip is seen by both stations
    const sanjing = await newOfficer("cz.xb.sanjing");
    const seen = (tx: Tx) =>
      tx`select action from police.audit_log where row_id in (${two.id}, ${three.id}) order by id`;
    assertEquals((await asUser(officer.id, seen)).map((r) => r.action), [
      "tip.refused",
      "tip.reassign",
    ]);
    assertEquals((await asUser(sanjing.id, seen)).map((r) => r.action), ["tip.reassign"]);
    assertEquals((await asUser(supervisor.id, seen)).length, 0);
  },
);

dbTest(
  "an officer reads the audit rows of their scope; another 分局 and company people none",
  async () => {
    const company = await approvedCompany("cz.xb.anjia");
    const guard = await newGuard(company);
    const read = (tx: Tx) =>
      tx`select action from police.audit_log where company_id = ${company.id} order by id`;
    const expected = ["company.declare", "company.approve", "membership.admin_set"];
    for (const code of ["cz.xb.anjia", "cz.xb", "cz"]) {
      const officer = await newOfficer(code);
      assertEquals((await asUser(officer.id, read)).map((r) => r.action), expected);
    }
    for (const id of [(await newOfficer("cz.tn")).id, company.admin.id, guard.id]) {
      assertEquals((await asUser(id, read)).length, 0);
      // nor straight from the table
      const direct = await asUser(
        id,
        (tx) => tx`select id from private.audit_log where company_id = ${company.id}`,
      );
      assertEquals(direct.length, 0);
    }
  },
);

dbTest("the audit log is append-only for every role, the owner included", async () => {
  await approvedCompany("cz.xb.anjia");
  const officer = await newOfficer("cz");
  const [{ id }] = await sql<{ id: string }[]>`select max(id)::text as id from private.audit_log`;
  const tryAll = (tx: Tx) => [
    () => tx`update private.audit_log set action = 'x' where id = ${id}`,
    () => tx`delete from private.audit_log where id = ${id}`,
    () => tx`truncate private.audit_log`,
    () =>
      tx`insert into private.audit_log (actor_role, action, table_name, row_id)
         values ('authenticated', 'forged', 'public.companies', 'x')`,
  ];
  // signed-in users (even the officer who may read the row), anon, the sign-in server and the
  // service role hold no privilege to write it
  const actors: [string, (fn: (tx: Tx) => Promise<unknown>) => Promise<unknown>][] = [
    ["officer", (fn) => asUser(officer.id, fn)],
    ["anon", (fn) => asAnon(fn)],
    ["auth_bridge", (fn) => asRole("auth_bridge", {}, fn)],
    ["service_role", (fn) => asRole("service_role", { role: "service_role" }, fn)],
  ];
  for (const [, as] of actors) {
    for (let i = 0; i < 4; i++) {
      await assertPgError(() => as((tx) => tryAll(tx)[i]()), "42501");
    }
  }
  // the owner holds every privilege: the trigger stops it
  for (let i = 0; i < 3; i++) {
    await assertPgError(
      () => asRole("postgres", {}, (tx) => tryAll(tx)[i]()),
      "P0001",
      "audit_log_append_only",
    );
  }
  // even through the police view
  await assertPgError(
    () => asUser(officer.id, (tx) => tx`delete from police.audit_log where id = ${id}`),
    "42501",
  );
  const [still] = await sql`select action from private.audit_log where id = ${id}`;
  assertEquals(typeof still.action, "string");
});
