// The 微警务 registry: lookup, sync, and an ID number that another user already verified.
import assert from "node:assert/strict";
import {
  addRegistryPerson,
  apiTest,
  get,
  identityForm,
  objectsOf,
  post,
  postForm,
  profileOf,
  randomIdNumber,
  signIn,
} from "../../tests/helpers.ts";
import { jpegWithExif } from "../../tests/images.ts";

apiTest("GET /api/identity/registry finds a registered phone and masks the name", async () => {
  const s = await signIn();
  await addRegistryPerson({ name: "欧阳娜娜", idNumber: randomIdNumber(), phone: s.phone });
  const res = await get("/api/identity/registry", s.accessToken);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { found: true, nameMasked: "欧***" });
});

apiTest("GET /api/identity/registry finds a seeded demo person", async () => {
  const s = await signIn("13900000001");
  const body = await (await get("/api/identity/registry", s.accessToken)).json();
  assert.deepEqual(body, { found: true, nameMasked: "张*" });
});

apiTest("GET /api/identity/registry answers found false for an unknown phone", async () => {
  const s = await signIn();
  const res = await get("/api/identity/registry", s.accessToken);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { found: false });
});

apiTest("POST /api/identity/sync copies name and ID number from the registry", async () => {
  const s = await signIn();
  const idNumber = randomIdNumber();
  await addRegistryPerson({ name: "李四", idNumber, phone: s.phone });
  const res = await post("/api/identity/sync", {}, s.accessToken);
  assert.equal(res.status, 200);
  const me = await res.json();
  assert.deepEqual(me.identity, { status: "verified", name: "李四", source: "registry" });
  const row = await profileOf(s.user.id);
  assert.equal(row.id_number, idNumber);
  assert.equal(row.source, "registry");
  assert.ok(row.verified_at);
});

apiTest(
  "POST /api/identity/sync for a phone not in the registry answers 404 registry_not_found",
  async () => {
    const s = await signIn();
    const res = await post("/api/identity/sync", {}, s.accessToken);
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, "registry_not_found");
    assert.equal((await profileOf(s.user.id)).verified_at, null);
  },
);

apiTest(
  "POST /api/identity/sync of an ID number verified by another user answers 409 id_number_taken",
  async () => {
    const idNumber = randomIdNumber();
    const a = await signIn();
    await addRegistryPerson({ name: "王五", idNumber, phone: a.phone });
    assert.equal((await post("/api/identity/sync", {}, a.accessToken)).status, 200);
    const b = await signIn();
    await addRegistryPerson({ name: "王五", idNumber, phone: b.phone });
    const res = await post("/api/identity/sync", {}, b.accessToken);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).error.code, "id_number_taken");
    assert.equal((await profileOf(b.user.id)).verified_at, null);
  },
);

apiTest(
  "POST /api/identity with an ID number verified by another user answers 409 id_number_taken and keeps no photo",
  async () => {
    const idNumber = randomIdNumber();
    const a = await signIn();
    await addRegistryPerson({ name: "赵六", idNumber, phone: a.phone });
    assert.equal((await post("/api/identity/sync", {}, a.accessToken)).status, 200);
    const b = await signIn();
    const form = identityForm({
      name: "赵六",
      idNumber,
      photo: new Blob([jpegWithExif() as BlobPart], { type: "image/jpeg" }),
    });
    const res = await postForm("/api/identity", form, b.accessToken);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).error.code, "id_number_taken");
    assert.deepEqual(await objectsOf(b.user.id), []);
    assert.equal((await profileOf(b.user.id)).verified_at, null);
  },
);

apiTest(
  "POST /api/identity/sync of an already verified user answers 409 identity_locked",
  async () => {
    const s = await signIn();
    await addRegistryPerson({ name: "孙七", idNumber: randomIdNumber(), phone: s.phone });
    assert.equal((await post("/api/identity/sync", {}, s.accessToken)).status, 200);
    await addRegistryPerson({ name: "孙八", idNumber: randomIdNumber(), phone: s.phone });
    const res = await post("/api/identity/sync", {}, s.accessToken);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).error.code, "identity_locked");
    assert.equal((await profileOf(s.user.id)).name, "孙七");
  },
);
