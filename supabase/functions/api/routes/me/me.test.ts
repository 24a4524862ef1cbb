// GET /api/me: identity state and the home tiles of the role.
import assert from "node:assert/strict";
import {
  addRegistryPerson,
  apiTest,
  get,
  post,
  randomIdNumber,
  signIn,
} from "../../tests/helpers.ts";

apiTest("GET /api/me of an unverified user has no tiles", async () => {
  const s = await signIn();
  const me = await (await get("/api/me", s.accessToken)).json();
  assert.deepEqual(me.identity, { status: "unverified", name: null, source: null });
  assert.equal(me.role, "unverified");
  assert.deepEqual(me.tiles, []);
});

apiTest(
  "GET /api/me of a verified user lists 扫一扫, 单位申报, 入职扫码, 线索举报 in order",
  async () => {
    const s = await signIn();
    await addRegistryPerson({ name: "周杰", idNumber: randomIdNumber(), phone: s.phone });
    assert.equal((await post("/api/identity/sync", {}, s.accessToken)).status, 200);
    const me = await (await get("/api/me", s.accessToken)).json();
    assert.equal(me.role, "verified");
    assert.deepEqual(me.identity, { status: "verified", name: "周杰", source: "registry" });
    assert.deepEqual(me.tiles, [
      { key: "scan", title: "扫一扫" },
      { key: "declare", title: "单位申报" },
      { key: "join", title: "入职扫码" },
      { key: "tips", title: "线索举报" },
    ]);
  },
);

apiTest("GET /api/me masks the phone number", async () => {
  const s = await signIn();
  const me = await (await get("/api/me", s.accessToken)).json();
  assert.equal(me.phoneMasked, s.phone.slice(0, 3) + "****" + s.phone.slice(7));
  assert.ok(!JSON.stringify(me).includes(s.phone));
});
