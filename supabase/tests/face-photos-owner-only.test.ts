// Threat: a user reads, overwrites or deletes another user's face photo or tip photo,
// or uploads into someone else's folder.
import {
  assertEquals,
  assertPgError,
  asUser,
  dbTest,
  newUser,
  seedObject,
  sql,
} from "./_helpers.ts";

dbTest("the owner can upload, read, replace and delete their face photo", async () => {
  const a = await newUser();
  await asUser(a.id, async (tx) => {
    const name = `${a.id}/face.jpg`;
    await tx`insert into storage.objects (bucket_id, name, owner_id) values ('face-photos', ${name}, ${a.id})`;
    assertEquals(
      (await tx`select name from storage.objects where bucket_id = 'face-photos'`).length,
      1,
    );
    const up = await tx`
      update storage.objects set metadata = '{"size":2}' where bucket_id = 'face-photos' and name = ${name}
      returning id`;
    assertEquals(up.length, 1);
    const del =
      await tx`delete from storage.objects where bucket_id = 'face-photos' and name = ${name} returning id`;
    assertEquals(del.length, 1);
  });
});

dbTest("another user sees, changes and deletes none of the owner's face photos", async () => {
  const [a, b] = [await newUser(), await newUser()];
  const id = await seedObject("face-photos", `${a.id}/face.jpg`, a.id);
  const result = await asUser(b.id, async (tx) => ({
    seen: (await tx`select id from storage.objects where id = ${id}`).length,
    updated:
      (await tx`update storage.objects set name = ${`${b.id}/stolen.jpg`} where id = ${id} returning id`)
        .length,
    deleted: (await tx`delete from storage.objects where id = ${id} returning id`).length,
  }));
  assertEquals(result, { seen: 0, updated: 0, deleted: 0 });
  const [row] = await sql`select name from storage.objects where id = ${id}`;
  assertEquals(row.name, `${a.id}/face.jpg`);
  // the owner does see it: the 0 above is the policy, not a missing row
  assertEquals(
    (await asUser(a.id, (tx) => tx`select id from storage.objects where id = ${id}`)).length,
    1,
  );
});

dbTest("nobody can upload into another user's folder or outside any folder", async () => {
  const [a, b] = [await newUser(), await newUser()];
  for (const name of [`${b.id}/face.jpg`, "face.jpg", `x/${a.id}/face.jpg`]) {
    await assertPgError(
      () =>
        asUser(
          a.id,
          (tx) => tx`insert into storage.objects (bucket_id, name) values ('face-photos', ${name})`,
        ),
      "42501",
    );
  }
});

dbTest("the owner cannot move a face photo into another user's folder", async () => {
  const [a, b] = [await newUser(), await newUser()];
  const id = await seedObject("face-photos", `${a.id}/face.jpg`, a.id);
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) => tx`update storage.objects set name = ${`${b.id}/face.jpg`} where id = ${id}`,
      ),
    "42501",
  );
});

dbTest("tip photos: the owner uploads and reads, others see nothing, nobody edits", async () => {
  const [a, b] = [await newUser(), await newUser()];
  await asUser(a.id, async (tx) => {
    await tx`insert into storage.objects (bucket_id, name) values ('tip-photos', ${`${a.id}/t1.jpg`})`;
  });
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) =>
          tx`insert into storage.objects (bucket_id, name) values ('tip-photos', ${`${b.id}/t1.jpg`})`,
      ),
    "42501",
  );
  const id = await seedObject("tip-photos", `${a.id}/t2.jpg`, a.id);
  assertEquals(
    (await asUser(a.id, (tx) => tx`select id from storage.objects where id = ${id}`)).length,
    1,
  );
  assertEquals(
    (await asUser(b.id, (tx) => tx`select id from storage.objects where id = ${id}`)).length,
    0,
  );
  // tips are evidence: even the reporter cannot change or remove a submitted photo
  const changed = await asUser(a.id, async (tx) => ({
    updated:
      (await tx`update storage.objects set metadata = '{}' where id = ${id} returning id`).length,
    deleted: (await tx`delete from storage.objects where id = ${id} returning id`).length,
  }));
  assertEquals(changed, { updated: 0, deleted: 0 });
});

dbTest("the buckets are private with the documented limits", async () => {
  const rows = await sql`
    select id, public, file_size_limit::int as limit, allowed_mime_types
    from storage.buckets where id in ('face-photos', 'tip-photos') order by id`;
  assertEquals(rows.map((r) => [r.id, r.public]), [["face-photos", false], ["tip-photos", false]]);
  assertEquals(rows[0].limit, 5 * 1024 * 1024);
  assertEquals(rows[0].allowed_mime_types, ["image/jpeg", "image/png"]);
});
