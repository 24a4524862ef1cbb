// Threat: an identity verified against a face photo that was never uploaded: police would
// see an empty frame, or whatever the owner puts at that path later.
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

dbTest("register_identity refuses a face_path with no object behind it", async () => {
  const a = await newUser();
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`select public.register_identity('张三', ${randomIdNumber()}, ${`${a.id}/none.jpg`})`,
      ),
    "P0001",
    "face_path_invalid",
  );
  // an object of the same name in another bucket does not count
  await seedObject("tip-photos", `${a.id}/tip.jpg`, a.id);
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`select public.register_identity('张三', ${randomIdNumber()}, ${`${a.id}/tip.jpg`})`,
      ),
    "P0001",
    "face_path_invalid",
  );
  const [p] = await sql`select verified_at from public.profiles where user_id = ${a.id}`;
  assertEquals(p.verified_at, null);
});
