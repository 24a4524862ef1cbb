// Threat: a user edits the columns that make them trusted (phone, verified_at, source,
// user_id), creates or deletes profile rows, or changes a verified identity.
import {
  assertEquals,
  assertPgError,
  asUser,
  dbTest,
  newUser,
  randomIdNumber,
  seedObject,
  sql,
} from "./_helpers.ts";

for (
  const [column, value] of [
    ["phone", "13300001188"],
    ["verified_at", "2026-01-01T00:00:00Z"],
    ["source", "registry"],
    ["user_id", crypto.randomUUID()],
    ["created_at", "2020-01-01T00:00:00Z"],
  ] as const
) {
  dbTest(`a user cannot write profiles.${column} of their own row`, async () => {
    const a = await newUser();
    await assertPgError(
      () =>
        asUser(
          a.id,
          (tx) => tx`update public.profiles set ${tx(column)} = ${value} where user_id = ${a.id}`,
        ),
      "42501",
    );
  });
}

dbTest("a user cannot insert or delete profiles", async () => {
  const a = await newUser();
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) => tx`insert into public.profiles (user_id, phone) values (${a.id}, '13300001188')`,
      ),
    "42501",
  );
  await assertPgError(
    () => asUser(a.id, (tx) => tx`delete from public.profiles where user_id = ${a.id}`),
    "42501",
  );
  const rows = await sql`select 1 from public.profiles where user_id = ${a.id}`;
  assertEquals(rows.length, 1);
});

dbTest("a verified identity cannot be edited (identity_locked)", async () => {
  const a = await newUser();
  await seedObject("face-photos", `${a.id}/face.jpg`, a.id);
  await asUser(a.id, async (tx) => {
    await tx`select public.register_identity('赵六', ${randomIdNumber()}, ${`${a.id}/face.jpg`})`;
    const [row] = await tx`select verified_at, source from public.profiles where user_id = ${a.id}`;
    assertEquals(row.source, "self");
  });
  // committed verification, so the lock is tested against a stored row
  await sql.begin(async (tx) => {
    await tx`select set_config('role', 'auth_bridge', true)`;
    await tx`select auth_bridge.sync_identity(${a.id}, '赵六', ${randomIdNumber()})`;
  });
  for (const column of ["name", "id_number", "face_path"] as const) {
    const value = column === "name"
      ? "钱七"
      : column === "id_number"
      ? randomIdNumber()
      : `${a.id}/other.jpg`;
    await assertPgError(
      () =>
        asUser(
          a.id,
          (tx) => tx`update public.profiles set ${tx(column)} = ${value} where user_id = ${a.id}`,
        ),
      "P0001",
      "identity_locked",
    );
  }
});

dbTest("a face_path outside the user's own folder is rejected by the table", async () => {
  const [a, b] = [await newUser(), await newUser()];
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`update public.profiles set face_path = ${`${b.id}/face.jpg`} where user_id = ${a.id}`,
      ),
    "23514",
  );
});
