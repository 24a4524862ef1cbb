// Threat: an officer handling an anonymous tip learns who sent it (SPEC §5: "anonymous
// reports' identity is not passed to the investigating unit"). The proof, as that officer:
// 1. every table and view the officer's role may SELECT, in every schema, read in full,
//    contains neither the reporter's id, nor name, nor phone (this covers storage.objects:
//    owner, owner_id, folder names, metadata);
// 2. every function that reads private.tip_reporters (the one place the link lives) is in a
//    known list, and each one the officer may execute answers without the reporter;
// 3. the link itself is unreadable.
// The reporter is a guard of a company the officer supervises, so the officer may legitimately
// see their membership: what must never appear is the reporter next to the tip.
import {
  approvedCompany,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  joinAs,
  newOfficer,
  newVerifiedUser,
  sql,
  type Tx,
  uniqueName,
  type VerifiedUser,
} from "./_helpers.ts";
import { makeSupervisor, sendTip, type SentTip } from "./tips-fixtures.ts";

/** Every relation `authenticated` may select from, outside the system catalogs. */
async function readableRelations(): Promise<string[]> {
  const rows = await sql<{ rel: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as rel
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'v', 'm', 'p', 'f')
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and pg_catalog.has_schema_privilege('authenticated', n.oid, 'usage')
      and pg_catalog.has_table_privilege('authenticated', c.oid, 'select')
    order by 1`;
  return rows.map((r) => r.rel);
}

/** Everything the officer reads from `rel`, as one JSON text per row. */
function dump(tx: Tx, rel: string) {
  return tx.unsafe<{ j: string }[]>(`select to_jsonb(t)::text as j from ${rel} t`);
}

function needles(reporter: VerifiedUser): string[] {
  return [reporter.id, reporter.name, reporter.phone];
}

function assertNoReporter(text: string, reporter: VerifiedUser, where: string) {
  for (const n of needles(reporter)) {
    if (text.includes(n)) throw new Error(`${where} reveals the reporter (${n})`);
  }
}

/** Reads every relation as the current actor; fails when a row holds the reporter. */
async function assertScanClean(tx: Tx, relations: string[], reporter: VerifiedUser) {
  for (const rel of relations) {
    // memberships legitimately list the guards of the officer's companies: the tests check
    // there that no membership names the tip instead
    if (rel === "public.memberships") continue;
    for (const r of await dump(tx, rel)) assertNoReporter(r.j, reporter, rel);
  }
}

/** An anonymous tip with two photos and a thread, sent by a guard of the officer's station. */
async function anonymousTipScene() {
  const company = await approvedCompany("cz.xb.anjia");
  const reporter = await newVerifiedUser(uniqueName());
  await joinAs(reporter, company.code);
  const officer = await newOfficer("cz.xb.anjia");
  const tip = await sendTip(reporter.id, {
    anonymous: true,
    departmentCode: "cz.xb.anjia",
    photos: 2,
  });
  await asUserCommit(
    reporter.id,
    (tx) => tx`select public.add_tip_message(${tip.id}, '补充：车是蓝色的')`,
  );
  await asUserCommit(
    officer.id,
    (tx) => tx`select public.handle_tip(${tip.id}, 'accept', '已受理')`,
  );
  await asUserCommit(
    officer.id,
    (tx) => tx`select public.add_tip_message(${tip.id}, '收到，谢谢')`,
  );
  return { company, reporter, officer, tip };
}

dbTest(
  "officer: no readable table or view holds the reporter next to an anonymous tip",
  async () => {
    const { reporter, officer, tip } = await anonymousTipScene();
    const relations = await readableRelations();
    // the proof would be empty if these were not among them
    for (
      const rel of [
        "public.tips",
        "public.tip_photos",
        "public.tip_events",
        "public.tip_messages",
        "storage.objects",
      ]
    ) {
      if (!relations.includes(rel)) throw new Error(`${rel} is not readable by authenticated`);
    }
    await asUser(officer.id, async (tx) => {
      await assertScanClean(tx, relations, reporter);
      // and the officer did read the tip, its photos, its history and its thread
      const [t] = await tx`select count(*)::int as n from public.tips where id = ${tip.id}`;
      assertEquals(t.n, 1);
      const [o] = await tx`
      select count(*)::int as n from storage.objects
      where bucket_id = 'tip-photos' and name like ${tip.id + "/%"}`;
      assertEquals(o.n, 2);
      const [m] =
        await tx`select count(*)::int as n from public.tip_messages where tip_id = ${tip.id}`;
      assertEquals(m.n, 2);
      const [ev] =
        await tx`select count(*)::int as n from public.tip_events where tip_id = ${tip.id}`;
      assertEquals(ev.n, 2);
      // memberships: the reporter is there as a guard, but no column of it names a tip
      const mem = await dump(tx, "public.memberships");
      for (const r of mem) {
        if (r.j.includes(tip.id) || r.j.includes(tip.receiptCode)) {
          throw new Error("membership names the tip");
        }
      }
    });
  },
);

dbTest(
  "officer: storage objects of the tip's photos are owned by the tip, in the tip's folder",
  async () => {
    const { reporter, officer, tip } = await anonymousTipScene();
    const rows = await asUser(
      officer.id,
      (tx) =>
        tx<{ name: string; owner: string | null; owner_id: string | null }[]>`
      select name, owner, owner_id from storage.objects
      where bucket_id = 'tip-photos' and name = any(${tip.photos}) order by name`,
    );
    assertEquals(rows.length, 2);
    for (const r of rows) {
      assertEquals(r.owner, tip.id);
      assertEquals(r.owner_id, tip.id);
      assertEquals(r.name.split("/")[0], tip.id);
      assertNoReporter(JSON.stringify(r), reporter, "storage.objects");
    }
  },
);

dbTest("officer: the reporter link and the blacklist are not readable at all", async () => {
  const { officer } = await anonymousTipScene();
  for (const rel of ["private.tip_reporters", "private.tip_blacklist", "private.tip_settings"]) {
    await assertPgError(() => asUser(officer.id, (tx) => dump(tx, rel)), "42501");
  }
});

// The functions that read the link. A new one fails here until its answers are checked below.
const LINK_READERS = [
  "private.check_can_submit_tip",
  "private.my_tip_ids",
  "public.add_tip_message",
  "public.blacklist_tip_reporter",
  "public.submit_tip",
  "public.tip_reporter",
  "public.tip_reporter_blacklisted",
];

dbTest(
  "control: the same scan as the reporter finds the reporter (it can detect a leak)",
  async () => {
    const { reporter } = await anonymousTipScene();
    const relations = await readableRelations();
    const found = await asUser(reporter.id, async (tx) => {
      try {
        await assertScanClean(tx, relations, reporter);
        return null;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    });
    assertEquals(
      found !== null && /public\.(profiles|companies) reveals the reporter/.test(found),
      true,
    );
  },
);

dbTest("every function that reads the reporter link is audited", async () => {
  const rows = await sql<{ fn: string }[]>`
    select distinct format('%s.%s', n.nspname, p.proname) as fn
    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where p.prosrc like '%tip_reporters%'
    order by 1`;
  assertEquals(rows.map((r) => r.fn), LINK_READERS);
  // check_can_submit_tip is not callable by users; it checks only the caller in submit_tip
  const [g] = await sql`
    select pg_catalog.has_function_privilege('authenticated',
      'private.check_can_submit_tip(uuid)', 'execute') as ok`;
  assertEquals(g.ok, false);
});

dbTest(
  "officer: the link's functions answer about an anonymous tip without the reporter",
  async () => {
    const { reporter, officer, tip } = await anonymousTipScene();
    await asUser(officer.id, async (tx) => {
      const mine = await tx`select private.my_tip_ids() as id`;
      assertEquals(mine.length, 0);
      const who = await tx`select * from public.tip_reporter(${tip.id})`;
      assertEquals(who.length, 0);
      const [listed] = await tx`select public.tip_reporter_blacklisted(${tip.id}) as b`;
      assertEquals(listed.b, null);
      const [msg] = await tx`select public.add_tip_message(${tip.id}, '请问具体时间？') as id`;
      assertNoReporter(JSON.stringify(msg), reporter, "add_tip_message");
      const [row] = await tx`select * from public.tip_messages where id = ${msg.id}`;
      assertEquals(row.from_police, true);
      assertEquals(row.officer_id, officer.id);
    });
    await assertPgError(
      () =>
        asUser(officer.id, (tx) => tx`select public.blacklist_tip_reporter(${tip.id}, '恶意举报')`),
      "P0001",
      "not_supervisor",
    );
    // submit_tip answers its caller with the new tip only
    const own: SentTip = await sendTip(officer.id, { anonymous: true });
    assertEquals(typeof own.receiptCode, "string");
  },
);

dbTest("officer: a reporter's message names nobody; the officer's names the officer", async () => {
  const { officer, tip } = await anonymousTipScene();
  const rows = await asUser(
    officer.id,
    (tx) =>
      tx`select from_police, officer_id, department_id from public.tip_messages
       where tip_id = ${tip.id} order by id`,
  );
  assertEquals(rows.map((r) => [r.from_police, r.officer_id]), [[false, null], [true, officer.id]]);
  assertEquals(rows[0].department_id, null);
});

dbTest(
  "a supervisor blacklists an anonymous tip's reporter; the officer still cannot tell who",
  async () => {
    const { reporter, officer, tip } = await anonymousTipScene();
    const supervisor = await newVerifiedUser();
    await makeSupervisor(supervisor.id);
    // the supervisor alone may learn who it was
    const who = await asUser(
      supervisor.id,
      (tx) => tx`select * from public.tip_reporter(${tip.id})`,
    );
    assertEquals(
      who.map((r) => r.name),
      [reporter.name],
    );
    await asUserCommit(
      supervisor.id,
      (tx) => tx`select public.blacklist_tip_reporter(${tip.id}, '多次恶意举报')`,
    );
    const relations = await readableRelations();
    await asUser(officer.id, (tx) => assertScanClean(tx, relations, reporter));
    await assertPgError(
      () => asUser(reporter.id, (tx) => tx`select public.tip_submission_check()`),
      "P0001",
      "reporter_blacklisted",
    );
  },
);

dbTest("named tip: the covering officer sees the reporter's name and masked phone", async () => {
  const reporter = await newVerifiedUser(uniqueName());
  const officer = await newOfficer("cz.xb.anjia");
  const tip = await sendTip(reporter.id, { anonymous: false, departmentCode: "cz.xb.anjia" });
  const who = await asUser(officer.id, (tx) => tx`select * from public.tip_reporter(${tip.id})`);
  assertEquals(who, [{
    name: reporter.name,
    phone_masked: reporter.phone.slice(0, 3) + "****" + reporter.phone.slice(7),
  }]);
  // an officer of another station sees neither the tip nor the reporter
  const other = await newOfficer("cz.xb.sanjing");
  assertEquals(
    (await asUser(other.id, (tx) => tx`select * from public.tip_reporter(${tip.id})`)).length,
    0,
  );
});
