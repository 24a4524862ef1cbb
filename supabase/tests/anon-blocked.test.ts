// Threat: someone with only the public anon key (no sign-in) reads or writes user data.
import { asAnon, assertEquals, assertPgError, dbTest, newUser, seedObject } from "./_helpers.ts";

dbTest("anon cannot read departments", async () => {
  await assertPgError(() => asAnon((tx) => tx`select id from public.departments`), "42501");
});

dbTest("anon cannot read profiles, though profiles exist", async () => {
  await newUser();
  await assertPgError(() => asAnon((tx) => tx`select user_id from public.profiles`), "42501");
});

dbTest("anon cannot update profiles", async () => {
  const user = await newUser();
  await assertPgError(
    () => asAnon((tx) => tx`update public.profiles set name = '张三' where user_id = ${user.id}`),
    "42501",
  );
});

dbTest("anon cannot call register_identity", async () => {
  await assertPgError(
    () =>
      asAnon((tx) => tx`select public.register_identity('张三', '11010519491231002X', 'x/y.jpg')`),
    "42501",
  );
});

dbTest("anon cannot reach the auth_bridge schema", async () => {
  await assertPgError(
    () => asAnon((tx) => tx`select * from auth_bridge.sign_in('17000000000', null)`),
    "42501",
  );
  await assertPgError(() => asAnon((tx) => tx`select id from auth_bridge.users`), "42501");
});

dbTest("anon sees no stored photo and cannot upload one", async () => {
  const user = await newUser();
  await seedObject("face-photos", `${user.id}/face.jpg`, user.id);
  await seedObject("tip-photos", `${user.id}/tip.jpg`, user.id);
  const rows = await asAnon((tx) =>
    tx`select id from storage.objects where name like ${user.id + "/%"}`
  );
  assertEquals(rows.length, 0);
  await assertPgError(
    () =>
      asAnon((tx) =>
        tx`insert into storage.objects (bucket_id, name) values ('face-photos', ${`${user.id}/x.jpg`})`
      ),
    "42501",
  );
});
