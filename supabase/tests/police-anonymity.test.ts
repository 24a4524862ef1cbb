// Threat: the police dashboards or the audit log put the reporter of an anonymous tip next to
// the tip. After the full handling of such a tip (a reply each way, reassigned, accepted, closed, its
// reporter blacklisted), every police view read by each covering officer, and every row of the
// audit log read as the owner, hold neither the reporter's id, nor name, nor phone.
import {
  assertEquals,
  asUser,
  asUserCommit,
  dbTest,
  departmentId,
  newOfficer,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";
import { makeSupervisor, sendTip } from "./tips-fixtures.ts";

/** A name no other test's user has (the city officer reads every company's people). */
function uniqueName(): string {
  const r = crypto.getRandomValues(new Uint16Array(6));
  return "欧阳" + Array.from(r, (n) => String.fromCharCode(0x4e00 + (n % 20000))).join("");
}

dbTest("no police view and no audit row names an anonymous tip's reporter", async () => {
  const reporter = await newVerifiedUser(uniqueName());
  const tip = await sendTip(reporter.id, {
    anonymous: true,
    departmentCode: "cz.xb.anjia",
    photos: 1,
  });
  const station = await newOfficer("cz.xb.anjia");
  const branch = await newOfficer("cz.xb");
  const city = await newOfficer("cz");
  const supervisor = await newVerifiedUser();
  await makeSupervisor(supervisor.id);
  await asUserCommit(station.id, (tx) => tx`select public.add_tip_message(${tip.id}, '请补充')`);
  await asUserCommit(reporter.id, (tx) => tx`select public.add_tip_message(${tip.id}, '谢谢')`);
  const sanjing = await departmentId("cz.xb.sanjing");
  // 转办 while 待处理 (to a sibling station), then the 分局 accepts and closes it
  await asUserCommit(
    branch.id,
    (tx) => tx`select public.reassign_tip(${tip.id}, ${sanjing}, '属地')`,
  );
  await asUserCommit(branch.id, (tx) => tx`select public.handle_tip(${tip.id}, 'accept', null)`);
  await asUserCommit(branch.id, (tx) => tx`select public.handle_tip(${tip.id}, 'close', '已办结')`);
  await asUserCommit(
    supervisor.id,
    (tx) => tx`select public.blacklist_tip_reporter(${tip.id}, '恶意举报')`,
  );

  const views = (await sql<{ v: string }[]>`
    select format('police.%I', c.relname) as v from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'police' and c.relkind = 'v' order by 1`).map((r) => r.v);
  assertEquals(views.length >= 8, true, `police views: ${views}`);
  const needles = [reporter.id, reporter.name, reporter.phone];
  const handled = ["tip.reassign", "tip.accepted", "tip.closed"];
  for (
    const [officer, actions] of [
      // the first station sees the tip leave; the 分局 and the city see all of its handling
      [station, ["tip.reassign"]],
      [branch, handled],
      [city, handled],
    ] as const
  ) {
    const text = await asUser(officer.id, async (tx) => {
      const seen =
        await tx`select action from police.audit_log where row_id = ${tip.id} order by id`;
      assertEquals(seen.map((r) => r.action), actions);
      let all = "";
      for (const v of views) all += JSON.stringify(await tx.unsafe(`select * from ${v}`));
      return all;
    });
    for (const n of needles) assertEquals(text.includes(n), false, `a police view names ${n}`);
  }
  const log = JSON.stringify(await sql`select * from private.audit_log`);
  assertEquals(log.includes(tip.id), true, "the audit log lacks the tip");
  for (const n of needles) assertEquals(log.includes(n), false, `the audit log names ${n}`);
});
