// Threat: a user reads, overwrites or deletes another user's face photo or tip photo, or
// uploads into someone else's folder; the owner swaps or removes the face photo a verified
// identity rests on, or puts bytes into Storage that never went through the image pipeline.
// Statements are written as an attacker writes them: updates and deletes without a where.
import {
  asRole,
  assertEquals,
  assertPgError,
  asUser,
  asUserCommit,
  dbTest,
  newUser,
  randomIdNumber,
  seedObject,
  sql,
  type Tx,
} from "./_helpers.ts";

/** As the user, with the claim the API adds to the short-lived token of one checked upload. */
function asUploader<T>(userId: string, object: string, fn: (tx: Tx) => Promise<T>) {
  return asRole("authenticated", {
    sub: userId,
    role: "authenticated",
    aud: "authenticated",
    upload: object,
  }, fn);
}

dbTest("the API's checked upload goes in; the owner's own token uploads nothing", async () => {
  const a = await newUser();
  const name = `${a.id}/face.jpg`;
  const inserted = await asUploader(a.id, `face-photos/${name}`, async (tx) => {
    await tx`insert into storage.objects (bucket_id, name, owner_id) values ('face-photos', ${name}, ${a.id})`;
    return (await tx`select name from storage.objects where bucket_id = 'face-photos'`).length;
  });
  assertEquals(inserted, 1);
  // bytes sent straight to Storage skip the image pipeline: refused
  await assertPgError(
    () =>
      asUser(
        a.id,
        (tx) => tx`insert into storage.objects (bucket_id, name) values ('face-photos', ${name})`,
      ),
    "42501",
  );
  // an upload token names one object and no other
  await assertPgError(
    () =>
      asUploader(
        a.id,
        `face-photos/${name}`,
        (tx) =>
          tx`insert into storage.objects (bucket_id, name) values ('face-photos', ${`${a.id}/other.jpg`})`,
      ),
    "42501",
  );
});

dbTest("nobody rewrites a face photo: an update without where changes no row", async () => {
  const [a, b] = [await newUser(), await newUser()];
  const id = await seedObject("face-photos", `${a.id}/face.jpg`, a.id);
  const changed = await asUser(a.id, async (tx) => ({
    moved: (await tx`update storage.objects set name = ${`${b.id}/face.jpg`} returning id`).length,
    bucket: (await tx`update storage.objects set bucket_id = 'tip-photos' returning id`).length,
    meta: (await tx`update storage.objects set metadata = '{"size":2}' returning id`).length,
  }));
  assertEquals(changed, { moved: 0, bucket: 0, meta: 0 });
  const [row] = await sql`select bucket_id, name from storage.objects where id = ${id}`;
  assertEquals([row.bucket_id, row.name], ["face-photos", `${a.id}/face.jpg`]);
});

dbTest("an upsert cannot replace an existing face photo", async () => {
  const a = await newUser();
  const name = `${a.id}/face.jpg`;
  await seedObject("face-photos", name, a.id);
  await assertPgError(
    () =>
      asUploader(a.id, `face-photos/${name}`, (tx) =>
        tx`
          insert into storage.objects (bucket_id, name, metadata) values ('face-photos', ${name}, '{}')
          on conflict (bucket_id, name) do update set metadata = excluded.metadata`),
    "42501",
  );
});

dbTest("the face a verified identity rests on cannot be deleted; a leftover can", async () => {
  const a = await newUser();
  const face = `${a.id}/face.jpg`;
  const leftover = `${a.id}/leftover.jpg`;
  await seedObject("face-photos", face, a.id);
  await seedObject("face-photos", leftover, a.id);
  await asUserCommit(
    a.id,
    (tx) => tx`select public.register_identity('赵六', ${randomIdNumber()}, ${face})`,
  );
  const deleted = await asUser(
    a.id,
    async (tx) => (await tx`delete from storage.objects returning name`).map((r) => r.name),
  );
  assertEquals(deleted, [leftover]);
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
        // even with an upload claim naming exactly that object
        asUploader(
          a.id,
          `face-photos/${name}`,
          (tx) => tx`insert into storage.objects (bucket_id, name) values ('face-photos', ${name})`,
        ),
      "42501",
    );
  }
});

dbTest("tip photos: the owner uploads and reads, others see nothing, nobody edits", async () => {
  const [a, b] = [await newUser(), await newUser()];
  await asUploader(a.id, `tip-photos/${a.id}/t1.jpg`, async (tx) => {
    await tx`insert into storage.objects (bucket_id, name) values ('tip-photos', ${`${a.id}/t1.jpg`})`;
  });
  await assertPgError(
    () =>
      asUploader(
        a.id,
        `tip-photos/${b.id}/t1.jpg`,
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
