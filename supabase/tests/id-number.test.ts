// Threat: a made-up or borrowed identity gets verified: ID numbers with a wrong check
// character or impossible birth date, an ID number already verified by someone else,
// a face photo from another user's folder, a malformed name.
import {
  asBridge,
  assertEquals,
  assertPgError,
  asUser,
  dbTest,
  idCheckChar,
  newUser,
  randomIdNumber,
  seedObject,
  sql,
} from "./_helpers.ts";

const valid = async (id: string | null) => {
  const [row] = await sql`select private.is_valid_id_number(${id}) as ok`;
  return row.ok;
};

dbTest("is_valid_id_number accepts GB 11643 numbers, including the X check character", async () => {
  assertEquals(await valid("11010519491231002X"), true);
  assertEquals(await valid("320402199001010019"), idCheckChar("32040219900101001") === "9");
  for (let i = 0; i < 20; i++) assertEquals(await valid(randomIdNumber()), true);
});

dbTest("is_valid_id_number rejects wrong check characters, lengths and characters", async () => {
  assertEquals(await valid("110105194912310021"), false); // check char should be X
  assertEquals(await valid("11010519491231002x"), false); // lower-case x is not stored
  assertEquals(await valid("11010519491231002"), false);
  assertEquals(await valid("11010519491231002XX"), false);
  assertEquals(await valid("01010519491231002X"), false);
  assertEquals(await valid("1101051949123100AX"), false);
  assertEquals(await valid(null), false);
});

dbTest("is_valid_id_number rejects impossible and out-of-range birth dates", async () => {
  const withBirth = (yyyymmdd: string) => {
    const first17 = `320402${yyyymmdd}123`;
    return first17 + idCheckChar(first17);
  };
  assertEquals(await valid(withBirth("19900101")), true);
  assertEquals(await valid(withBirth("20000229")), true); // leap day
  assertEquals(await valid(withBirth("19900230")), false);
  assertEquals(await valid(withBirth("19901301")), false);
  assertEquals(await valid(withBirth("18991231")), false);
  const tomorrow = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10).replaceAll(
    "-",
    "",
  );
  assertEquals(await valid(withBirth(tomorrow)), false);
});

dbTest("register_identity verifies a valid submission (source self)", async () => {
  const a = await newUser();
  const id = randomIdNumber();
  await seedObject("face-photos", `${a.id}/face.jpg`, a.id);
  const row = await asUser(a.id, async (tx) => {
    await tx`select public.register_identity(' 欧阳·娜娜 ', ${id.toLowerCase()}, ${`${a.id}/face.jpg`})`;
    const [p] =
      await tx`select name, id_number, face_path, source, verified_at from public.profiles`;
    return p;
  });
  assertEquals(row.name, "欧阳·娜娜");
  assertEquals(row.id_number, id);
  assertEquals(row.face_path, `${a.id}/face.jpg`);
  assertEquals(row.source, "self");
  assertEquals(row.verified_at instanceof Date, true);
});

dbTest("register_identity rejects a bad ID number (id_number_invalid)", async () => {
  const a = await newUser();
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`select public.register_identity('张三', '110105194912310021', ${`${a.id}/f.jpg`})`,
      ),
    "P0001",
    "id_number_invalid",
  );
});

dbTest("register_identity rejects a bad name (name_invalid)", async () => {
  const a = await newUser();
  for (
    const name of [
      "张",
      "Zhang San",
      "张三1",
      "·张三",
      "张".repeat(51), // past 50 (minority names with · run past 20: those are accepted)
      "张··三",
      "🏠🏢🏠",
    ]
  ) {
    await assertPgError(
      () =>
        asUser(
          a.id,
          (tx) =>
            tx`select public.register_identity(${name}, ${randomIdNumber()}, ${`${a.id}/f.jpg`})`,
        ),
      "P0001",
      "name_invalid",
    );
  }
});

dbTest(
  "register_identity rejects a photo outside the user's folder (face_path_invalid)",
  async () => {
    const [a, b] = [await newUser(), await newUser()];
    for (const path of [`${b.id}/face.jpg`, `${a.id}/../${b.id}/face.jpg`, "face.jpg", null]) {
      await assertPgError(
        () =>
          asUser(
            a.id,
            (tx) => tx`select public.register_identity('张三', ${randomIdNumber()}, ${path})`,
          ),
        "P0001",
        "face_path_invalid",
      );
    }
  },
);

dbTest(
  "an ID number verified by one user cannot be verified by another (id_number_taken)",
  async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = randomIdNumber();
    await seedObject("face-photos", `${b.id}/face.jpg`, b.id);
    await asBridge((tx) => tx`select auth_bridge.sync_identity(${a.id}, '张三', ${id})`);
    await assertPgError(
      () =>
        asUser(
          b.id,
          (tx) => tx`select public.register_identity('张三', ${id}, ${`${b.id}/face.jpg`})`,
        ),
      "P0001",
      "id_number_taken",
    );
    await assertPgError(
      () => asBridge((tx) => tx`select auth_bridge.sync_identity(${b.id}, '张三', ${id})`),
      "P0001",
      "id_number_taken",
    );
  },
);

dbTest("a verified user cannot register again (identity_locked)", async () => {
  const a = await newUser();
  await asBridge((tx) =>
    tx`select auth_bridge.sync_identity(${a.id}, '张三', ${randomIdNumber()})`
  );
  const [p] = await sql`select source from public.profiles where user_id = ${a.id}`;
  assertEquals(p.source, "registry");
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`select public.register_identity('张三', ${randomIdNumber()}, ${`${a.id}/f.jpg`})`,
      ),
    "P0001",
    "identity_locked",
  );
});

dbTest("an invalid ID number cannot be stored by a direct update either", async () => {
  const a = await newUser();
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`update public.profiles set id_number = '110105194912310021' where user_id = ${a.id}`,
      ),
    "23514",
  );
});
