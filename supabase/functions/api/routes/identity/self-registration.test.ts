// POST /api/identity: self registration with name, ID number and a face photo.
import assert from "node:assert/strict";
import { downloadObject } from "../../../_shared/storage.ts";
import { idCheckChar } from "../../../_shared/validation.ts";
import {
  apiTest,
  identityForm,
  objectsOf,
  postForm,
  profileOf,
  randomIdNumber,
  signIn,
} from "../../tests/helpers.ts";
import { Image } from "imagescript";
import {
  contains,
  htmlBehindJpegMagic,
  jpegHtmlPolyglot,
  jpegWithExif,
  pngWithExif,
  SECRET_MARKER,
} from "../../tests/images.ts";

const jpeg = () => new Blob([jpegWithExif() as BlobPart], { type: "image/jpeg" });

async function register(
  o: { name?: string; idNumber?: string; photo?: Blob | null; filename?: string },
) {
  const s = await signIn();
  const form = identityForm({ name: "张三", idNumber: randomIdNumber(), photo: jpeg(), ...o });
  const res = await postForm("/api/identity", form, s.accessToken);
  return { s, res, body: await res.json() };
}

/** A refused registration wrote nothing: profile unverified and no stored photo. */
async function assertNothingWritten(userId: string) {
  const p = await profileOf(userId);
  assert.equal(p.verified_at, null);
  assert.equal(p.id_number, null);
  assert.deepEqual(await objectsOf(userId), []);
}

async function assertRefused(
  o: Parameters<typeof register>[0],
  status: number,
  code: string,
  field?: RegExp,
) {
  const { s, res, body } = await register(o);
  assert.equal(res.status, status, JSON.stringify(body));
  assert.equal(body.error.code, code);
  if (field) assert.match(body.error.message, field);
  await assertNothingWritten(s.user.id);
}

apiTest("POST /api/identity verifies the user with a JPEG photo", async () => {
  const idNumber = randomIdNumber();
  const { s, res, body } = await register({ name: "张三", idNumber });
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.deepEqual(body.identity, { status: "verified", name: "张三", source: "self" });
  assert.equal(body.role, "verified");
  const p = await profileOf(s.user.id);
  assert.equal(p.id_number, idNumber);
  assert.match(p.face_path!, new RegExp(`^${s.user.id}/[0-9a-f-]{36}\\.jpg$`));
  assert.deepEqual(await objectsOf(s.user.id), [p.face_path]);
});

apiTest("POST /api/identity accepts an ID number ending in X", async () => {
  const idNumber = randomIdNumber("X");
  const { s, res } = await register({ idNumber });
  assert.equal(res.status, 200);
  assert.equal((await profileOf(s.user.id)).id_number, idNumber);
});

apiTest("POST /api/identity accepts a lower-case x and stores it upper-case", async () => {
  const idNumber = randomIdNumber("X");
  const { s, res } = await register({ idNumber: idNumber.toLowerCase() });
  assert.equal(res.status, 200);
  assert.equal((await profileOf(s.user.id)).id_number, idNumber);
});

apiTest("POST /api/identity accepts a name with ·", async () => {
  const { res, body } = await register({ name: "阿依古丽·买买提" });
  assert.equal(res.status, 200);
  assert.equal(body.identity.name, "阿依古丽·买买提");
});

apiTest(
  "POST /api/identity accepts a 23-character minority name as its ID card carries it",
  async () => {
    const name = "阿卜杜热合曼·买买提艾力·阿不都热依木·吐尔逊";
    assert.equal([...name].length, 23);
    const { res, body } = await register({ name });
    assert.equal(res.status, 200);
    assert.equal(body.identity.name, name);
  },
);

apiTest("POST /api/identity refuses a 51-character name saying the limit", async () => {
  await assertRefused({ name: "张".repeat(51) }, 400, "invalid_input", /姓名不能超过 50 个字/);
});

apiTest("POST /api/identity refuses a wrong check character with 400 invalid_input", async () => {
  const valid = randomIdNumber();
  const wrong = valid.slice(0, 17) + (valid[17] === "1" ? "2" : "1");
  await assertRefused({ idNumber: wrong }, 400, "invalid_input", /身份证号码/);
});

apiTest("POST /api/identity refuses an impossible birth date (19990230)", async () => {
  const first17 = "32040219990230001";
  await assertRefused(
    { idNumber: first17 + idCheckChar(first17) },
    400,
    "invalid_input",
    /身份证号码/,
  );
});

apiTest("POST /api/identity refuses a birth date in the future", async () => {
  const first17 = `320402${new Date().getFullYear() + 1}0101001`;
  await assertRefused(
    { idNumber: first17 + idCheckChar(first17) },
    400,
    "invalid_input",
    /身份证号码/,
  );
});

apiTest("POST /api/identity refuses a 15-digit ID number", async () => {
  await assertRefused({ idNumber: "320402900307001" }, 400, "invalid_input", /身份证号码/);
});

apiTest("POST /api/identity refuses a Latin name with 400 invalid_input naming 姓名", async () => {
  await assertRefused({ name: "Zhang San" }, 400, "invalid_input", /姓名/);
});

apiTest("POST /api/identity refuses a one-character name", async () => {
  await assertRefused({ name: "张" }, 400, "invalid_input", /姓名/);
});

apiTest("POST /api/identity without a photo answers 400 invalid_input naming 头像", async () => {
  await assertRefused({ photo: null }, 400, "invalid_input", /头像/);
});

apiTest(
  "POST /api/identity refuses a text file sent as image/jpeg with 400 photo_invalid",
  async () => {
    const fake = new Blob(["this is not a photo"], { type: "image/jpeg" });
    await assertRefused({ photo: fake, filename: "face.jpg" }, 400, "photo_invalid", /头像/);
  },
);

apiTest("POST /api/identity refuses a GIF sent as image/png with 400 photo_invalid", async () => {
  const gif = new Blob([new TextEncoder().encode("GIF89a\x01\x00\x01\x00")], { type: "image/png" });
  await assertRefused({ photo: gif, filename: "face.png" }, 400, "photo_invalid");
});

apiTest("POST /api/identity refuses a photo over 5 MB with 413 photo_too_large", async () => {
  const big = new Uint8Array(5 * 1024 * 1024 + 1);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  await assertRefused({ photo: new Blob([big], { type: "image/jpeg" }) }, 413, "photo_too_large");
});

apiTest("POST /api/identity refuses a body far over 5 MB with 413 photo_too_large", async () => {
  const big = new Uint8Array(6 * 1024 * 1024);
  big.set([0xff, 0xd8, 0xff, 0xe0]);
  await assertRefused({ photo: new Blob([big], { type: "image/jpeg" }) }, 413, "photo_too_large");
});

apiTest(
  "POST /api/identity stores the JPEG without GPS in EXIF or XMP, IPTC or comment",
  async () => {
    const original = jpegWithExif();
    assert.ok(contains(original, SECRET_MARKER));
    const { s, res } = await register({
      photo: new Blob([original as BlobPart], { type: "image/jpeg" }),
    });
    assert.equal(res.status, 200);
    const path = (await profileOf(s.user.id)).face_path!;
    const stored = await downloadObject(s.accessToken, "face-photos", path);
    assert.ok(stored, "the owner can download the stored photo");
    assert.ok(!contains(stored, SECRET_MARKER), "GPS marker removed");
    for (const tag of ["Exif\0\0", "http://ns.adobe.com/xap", "Photoshop 3.0"]) {
      assert.ok(!contains(stored, tag), `${tag} removed`);
    }
    const decoded = await Image.decode(stored);
    assert.deepEqual([decoded.width, decoded.height], [32, 24], "the same picture, re-encoded");
  },
);

apiTest("POST /api/identity stores a PNG re-encoded as JPEG without its text chunks", async () => {
  const original = await pngWithExif();
  const { s, res } = await register({
    photo: new Blob([original as BlobPart], { type: "image/png" }),
    filename: "face.png",
  });
  assert.equal(res.status, 200);
  const path = (await profileOf(s.user.id)).face_path!;
  assert.match(path, /\.jpg$/);
  const stored = await downloadObject(s.accessToken, "face-photos", path);
  assert.ok(stored);
  assert.ok(!contains(stored, SECRET_MARKER));
  assert.ok(!contains(stored, "eXIf") && !contains(stored, "tEXt") && !contains(stored, "iTXt"));
  assert.deepEqual([...stored.subarray(0, 3)], [0xff, 0xd8, 0xff]);
});

apiTest("POST /api/identity stores a JPEG/HTML polyglot as a plain JPEG", async () => {
  const { s, res } = await register({
    photo: new Blob([jpegHtmlPolyglot() as BlobPart], { type: "image/jpeg" }),
  });
  assert.equal(res.status, 200);
  const stored = await downloadObject(
    s.accessToken,
    "face-photos",
    (await profileOf(s.user.id)).face_path!,
  );
  assert.ok(stored);
  assert.ok(!contains(stored, "<script") && !contains(stored, "<html"));
});

apiTest("POST /api/identity refuses HTML behind JPEG magic bytes and stores nothing", async () => {
  await assertRefused(
    { photo: new Blob([htmlBehindJpegMagic() as BlobPart], { type: "image/jpeg" }) },
    400,
    "photo_invalid",
  );
});

apiTest(
  "POST /api/identity of an already verified user answers 409 identity_locked and stores nothing",
  async () => {
    const { s } = await register({});
    const before = await objectsOf(s.user.id);
    const form = identityForm({ name: "李四", idNumber: randomIdNumber(), photo: jpeg() });
    const res = await postForm("/api/identity", form, s.accessToken);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).error.code, "identity_locked");
    assert.deepEqual(await objectsOf(s.user.id), before);
    assert.equal((await profileOf(s.user.id)).name, "张三");
  },
);

apiTest("POST /api/identity stores the photo so that another user cannot read it", async () => {
  const { s } = await register({});
  const other = await signIn();
  const path = (await profileOf(s.user.id)).face_path!;
  assert.equal(await downloadObject(other.accessToken, "face-photos", path), null);
  assert.ok(await downloadObject(s.accessToken, "face-photos", path));
});

apiTest("POST /api/identity leaves every other user's profile untouched", async () => {
  const bystander = await signIn();
  const before = await profileOf(bystander.user.id);
  const { res } = await register({});
  assert.equal(res.status, 200);
  assert.deepEqual(await profileOf(bystander.user.id), before);
});
