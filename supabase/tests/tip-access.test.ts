// Capabilities and threats of tips apart from anonymity: reporters see only their own tips,
// photos are readable by the reporter and the handling scope only, the status flow and the
// scope of officers are enforced in SQL, bad submissions write nothing.
import {
  asRole,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  departmentId,
  newOfficer,
  newUser,
  newVerifiedUser,
  sql,
} from "./_helpers.ts";
import { seedTipPhotos, sendTip, submitTip } from "./tips-fixtures.ts";

const countTips = async (id: string) =>
  (await sql`select count(*)::int as n from public.tips where id = ${id}`)[0].n;

dbTest("reporters see their own tips and nobody else's", async () => {
  const a = await newVerifiedUser();
  const b = await newVerifiedUser();
  const tipA = await sendTip(a.id, { photos: 1 });
  const tipB = await sendTip(b.id);
  const seen = await asUser(a.id, (tx) => tx`select id from public.tips order by created_at`);
  assertEquals(seen.map((r) => r.id), [tipA.id]);
  const photos = await asUser(
    b.id,
    (tx) => tx`select * from public.tip_photos where tip_id = ${tipA.id}`,
  );
  assertEquals(photos.length, 0);
  const mine = await asUser(b.id, (tx) => tx`select id from public.tips`);
  assertEquals(mine.map((r) => r.id), [tipB.id]);
});

dbTest(
  "a new tip lands in the city bureau's intake unless the reporter picked a department",
  async () => {
    const user = await newVerifiedUser();
    const intake = await sendTip(user.id);
    const picked = await sendTip(user.id, { departmentCode: "cz.xb.anjia" });
    const rows = await sql`
    select t.id, d.code, t.status, t.receipt_code from public.tips t
    join public.departments d on d.id = t.department_id
    where t.id in (${intake.id}, ${picked.id})`;
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    assertEquals(byId[intake.id].code, "cz");
    assertEquals(byId[picked.id].code, "cz.xb.anjia");
    assertEquals(byId[intake.id].status, "pending");
    assertEquals(/^[A-HJ-NP-Z2-9]{8}$/.test(byId[intake.id].receipt_code), true);
  },
);

dbTest(
  "officers see the tips of their department and below; another station sees none",
  async () => {
    const user = await newVerifiedUser();
    const tip = await sendTip(user.id, { departmentCode: "cz.xb.anjia", photos: 1 });
    for (
      const [code, expected] of [
        ["cz.xb.anjia", 1],
        ["cz.xb", 1],
        ["cz", 1],
        ["cz.xb.sanjing", 0],
        ["cz.tn", 0],
      ] as const
    ) {
      const officer = await newOfficer(code);
      const n = await asUser(officer.id, async (tx) => {
        const [t] = await tx`select count(*)::int as n from public.tips where id = ${tip.id}`;
        const [p] = await tx`select count(*)::int as n from storage.objects where name = ${
          tip.photos[0]
        }`;
        assertEquals(p.n, t.n, `${code}: photo objects follow the tip`);
        return t.n;
      });
      assertEquals(n, expected, code);
    }
  },
);

dbTest(
  "tip photos: only the tip's upload token writes them, the reporter cannot, nor after sending",
  async () => {
    const reporter = await newVerifiedUser();
    const tipId = crypto.randomUUID();
    const path = `${tipId}/${crypto.randomUUID()}.jpg`;
    const insert = (tx: Parameters<Parameters<typeof asUser>[1]>[0]) =>
      tx`insert into storage.objects (bucket_id, name, owner, owner_id)
       values ('tip-photos', ${path}, ${tipId}, ${tipId})`;
    const uploadClaims = (name: string) => ({
      sub: tipId,
      role: "authenticated",
      aud: "storage-upload",
      upload: `tip-photos/${name}`,
    });
    // the reporter's own token, straight to Storage: refused (no image pipeline)
    await assertPgError(() => asUser(reporter.id, insert), "42501");
    // the API's upload token for exactly this object: allowed
    await asRole("authenticated", uploadClaims(path), insert);
    // once the tip is sent, its folder takes nothing more
    const tip = await sendTip(reporter.id, { photos: 1 });
    const late = `${tip.id}/${crypto.randomUUID()}.jpg`;
    await assertPgError(
      () =>
        asRole(
          "authenticated",
          { ...uploadClaims(late), sub: tip.id },
          (tx) =>
            tx`insert into storage.objects (bucket_id, name, owner, owner_id)
           values ('tip-photos', ${late}, ${tip.id}, ${tip.id})`,
        ),
      "42501",
    );
    // and a sent photo cannot be removed with its old upload token
    const removed = await asRole(
      "authenticated",
      { ...uploadClaims(tip.photos[0]), sub: tip.id },
      (tx) =>
        tx`delete from storage.objects where bucket_id = 'tip-photos' and name = ${
          tip.photos[0]
        } returning id`,
    );
    assertEquals(removed.length, 0);
  },
);

dbTest("tip photos: readable by the reporter, not by another user", async () => {
  const reporter = await newVerifiedUser();
  const other = await newVerifiedUser();
  const tip = await sendTip(reporter.id, { photos: 2 });
  const visible = (uid: string) =>
    asUser(uid, (tx) => tx`select name from storage.objects where name = any(${tip.photos})`);
  assertEquals((await visible(reporter.id)).length, 2);
  assertEquals((await visible(other.id)).length, 0);
});

dbTest("status flow: 待处理 → 已受理 → 已办结; skipping or going back is refused", async () => {
  const reporter = await newVerifiedUser();
  const officer = await newOfficer("cz.xb.anjia");
  const tip = await sendTip(reporter.id, { departmentCode: "cz.xb.anjia" });
  const act = (action: string, note: string | null = "处理意见") =>
    asUserCommit(
      officer.id,
      (tx) => tx`select public.handle_tip(${tip.id}, ${action}, ${note}) as s`,
    );
  await assertPgError(() => act("close"), "P0001", "tip_status_invalid");
  await assertPgError(() => act("refuse", null), "P0001", "note_required");
  assertEquals((await act("accept", null))[0].s, "accepted");
  await assertPgError(() => act("accept"), "P0001", "tip_status_invalid");
  await assertPgError(() => act("refuse"), "P0001", "tip_status_invalid");
  assertEquals((await act("close", "已查处"))[0].s, "closed");
  await assertPgError(() => act("accept"), "P0001", "tip_status_invalid");
  const events = await asUser(
    reporter.id,
    (tx) =>
      tx`select kind, status, note from public.tip_events where tip_id = ${tip.id} order by id`,
  );
  assertEquals(events.map((e) => [e.kind, e.status, e.note]), [
    ["submitted", "pending", null],
    ["accepted", "accepted", null],
    ["closed", "closed", "已查处"],
  ]);
});

dbTest("nobody writes a tip directly; the status flow holds even for the table owner", async () => {
  const reporter = await newVerifiedUser();
  const tip = await sendTip(reporter.id);
  await assertPgError(
    () =>
      asUser(
        reporter.id,
        (tx) => tx`update public.tips set status = 'closed' where id = ${tip.id}`,
      ),
    "42501",
  );
  await assertPgError(
    () => sql`update public.tips set status = 'closed' where id = ${tip.id}`,
    "P0001",
    "tip_status_invalid",
  );
});

dbTest("an officer of another branch can neither handle, reassign nor reply to a tip", async () => {
  const reporter = await newVerifiedUser();
  const tip = await sendTip(reporter.id, { departmentCode: "cz.xb.anjia" });
  const tianning = await newOfficer("cz.tn");
  // departments are looked up before a transaction: on PGlite the pool has one connection
  const tn = await departmentId("cz.tn");
  await assertPgError(
    () => asUser(tianning.id, (tx) => tx`select public.handle_tip(${tip.id}, 'accept', null)`),
    "P0001",
    "tip_not_found",
  );
  await assertPgError(
    () =>
      asUser(
        tianning.id,
        (tx) => tx`select public.reassign_tip(${tip.id}, ${tn}, null)`,
      ),
    "P0001",
    "tip_not_found",
  );
  await assertPgError(
    () => asUser(tianning.id, (tx) => tx`select public.add_tip_message(${tip.id}, '你好')`),
    "P0001",
    "tip_not_found",
  );
  const user = await newVerifiedUser();
  await assertPgError(
    () => asUser(user.id, (tx) => tx`select public.handle_tip(${tip.id}, 'accept', null)`),
    "P0001",
    "not_police",
  );
  const [row] = await sql`select status from public.tips where id = ${tip.id}`;
  assertEquals(row.status, "pending");
  const [m] =
    await sql`select count(*)::int as n from public.tip_messages where tip_id = ${tip.id}`;
  assertEquals(m.n, 0);
});

dbTest(
  "reassign: the city bureau hands an intake tip to a station, which then sees it",
  async () => {
    const reporter = await newVerifiedUser();
    const tip = await sendTip(reporter.id);
    const city = await newOfficer("cz");
    const station = await newOfficer("cz.xb.anjia");
    const [anjia, sanjing, tn] = await Promise.all(
      ["cz.xb.anjia", "cz.xb.sanjing", "cz.tn"].map(departmentId),
    );
    const see = () =>
      asUser(station.id, (tx) => tx`select id from public.tips where id = ${tip.id}`);
    assertEquals((await see()).length, 0);
    await asUserCommit(
      city.id,
      (tx) => tx`select public.reassign_tip(${tip.id}, ${anjia}, '请安家所核查')`,
    );
    assertEquals((await see()).length, 1);
    // the station may send it back to the intake, not sideways to another station
    await assertPgError(
      () =>
        asUser(
          station.id,
          (tx) => tx`select public.reassign_tip(${tip.id}, ${sanjing}, null)`,
        ),
      "P0001",
      "out_of_scope",
    );
    await asUserCommit(station.id, (tx) => tx`select public.handle_tip(${tip.id}, 'accept', null)`);
    await assertPgError(
      () =>
        asUser(
          city.id,
          (tx) => tx`select public.reassign_tip(${tip.id}, ${tn}, null)`,
        ),
      "P0001",
      "tip_status_invalid",
    );
  },
);

dbTest(
  "bad submissions write nothing: category, content, fourth photo, missing photo, unverified",
  async () => {
    const reporter = await newVerifiedUser();
    const cases: [string, (id: string) => Promise<string[]>, Record<string, unknown>][] = [
      ["tip_category_unknown", () => Promise.resolve([]), { category: 42 }],
      ["tip_content_empty", () => Promise.resolve([]), { content: "   " }],
      ["tip_content_too_long", () => Promise.resolve([]), { content: "很".repeat(501) }],
      ["tip_too_many_photos", (id) => seedTipPhotos(id, 4), {}],
      // an object in the reporter's own folder is not a photo of this tip
      [
        "tip_photo_missing",
        () => Promise.resolve([`${reporter.id}/${crypto.randomUUID()}.jpg`]),
        {},
      ],
    ];
    for (const [code, photos, input] of cases) {
      const id = crypto.randomUUID();
      const paths = await photos(id);
      await assertPgError(
        () => asUser(reporter.id, (tx) => submitTip(tx, id, input, null, paths)),
        "P0001",
        code,
      );
      assertEquals(await countTips(id), 0, code);
    }
    const unverified = await newUser();
    const id = crypto.randomUUID();
    await assertPgError(
      () => asUser(unverified.id, (tx) => submitTip(tx, id, {}, null, [])),
      "P0001",
      "identity_unverified",
    );
    const [r] = await sql`select count(*)::int as n from public.tip_photos p
    join public.tips t on t.id = p.tip_id where t.id = ${id}`;
    assertEquals(r.n, 0);
  },
);
