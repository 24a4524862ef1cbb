// Capability and threat: every signed-in user reads the department tree (pickers need
// it); nobody but migrations and the seed writes it.
import { assertEquals, assertPgError, asUser, dbTest, newUser } from "./_helpers.ts";

dbTest("a signed-in user reads the seeded tree with the guide's departments", async () => {
  const a = await newUser();
  const rows = await asUser(
    a.id,
    (tx) =>
      tx<{ name: string; kind: string; parent: string | null }[]>`
      select d.name, d.kind::text as kind, p.name as parent
      from public.departments d left join public.departments p on p.id = d.parent_id`,
  );
  const has = (name: string, parent: string | null, kind: string) =>
    rows.some((r) => r.name === name && r.parent === parent && r.kind === kind);
  assertEquals(has("常州市公安局", null, "city"), true);
  assertEquals(has("溧阳市公安局", "常州市公安局", "county"), true);
  assertEquals(has("森林派出所", "溧阳市公安局", "station"), true);
  assertEquals(has("安家派出所", "新北分局", "station"), true);
  assertEquals(has("滆湖派出所", "武进分局", "station"), true);
  assertEquals(has("翠竹派出所", "天宁分局", "station"), true);
  for (
    const branch of [
      "天宁分局",
      "钟楼分局",
      "新北分局",
      "武进分局",
      "金坛分局",
      "经开区分局",
      "溧阳市公安局",
    ]
  ) {
    assertEquals(has("治安大队", branch, "brigade"), true, `${branch} 治安大队`);
  }
});

dbTest("a signed-in user cannot insert, update or delete departments", async () => {
  const a = await newUser();
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`insert into public.departments (name, kind, code) values ('假分局', 'city', 'fake')`,
      ),
    "42501",
  );
  await assertPgError(
    () => asUser(a.id, (tx) => tx`update public.departments set name = '假分局'`),
    "42501",
  );
  await assertPgError(() => asUser(a.id, (tx) => tx`delete from public.departments`), "42501");
});
