// POST /api/tips: a tip with photos is stored re-encoded under the tip's folder; every bad
// input is refused with its code and leaves nothing: no tip, no object in Storage.
import assert from "node:assert/strict";
import { admin, apiTest, get, post, signIn } from "../../tests/helpers.ts";
import { contains, jpegWithExif, pngWithExif, SECRET_MARKER } from "../../tests/images.ts";
import {
  b64,
  orphanCount,
  photo,
  sendTip,
  storedOf,
  supervisor,
  tipBody,
  verifiedUser,
} from "./tips-fixtures.ts";

async function refused(res: Response, status: number, code: string) {
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  assert.equal(body.error.code, code);
  assert.match(body.error.message, /[\u4e00-\u9fff]/);
}

apiTest(
  "POST /api/tips stores the tip and its photos under the tip's folder",
  async () => {
    const user = await verifiedUser();
    const res = await post(
      "/api/tips",
      tipBody({ photos: [await photo(), await photo()] }),
      user.accessToken,
    );
    assert.equal(res.status, 201);
    const tip = await res.json();
    assert.match(tip.receiptCode, /^[A-HJ-NP-Z2-9]{8}$/);
    assert.equal(tip.status, "pending");
    const objects = await admin()<
      { name: string; owner: string; owner_id: string }[]
    >`
    select name, owner::text, owner_id from storage.objects
     where bucket_id = 'tip-photos' and name like ${tip.id + "/%"}`;
    assert.equal(objects.length, 2);
    for (const o of objects) {
      assert.equal(o.owner, tip.id);
      assert.equal(o.owner_id, tip.id);
      assert.ok(!JSON.stringify(o).includes(user.user.id));
    }
    const [d] = await admin()<{ code: string }[]>`
    select d.code from public.tips t join public.departments d on d.id = t.department_id
     where t.id = ${tip.id}`;
    assert.equal(d.code, "cz");
  },
);

apiTest(
  "POST /api/tips removes GPS in EXIF and XMP from a JPEG and text chunks from a PNG",
  async () => {
    const user = await verifiedUser();
    const jpeg = jpegWithExif();
    const png = await pngWithExif();
    assert.ok(contains(jpeg, SECRET_MARKER) && contains(png, SECRET_MARKER));
    const tip = await sendTip(user, {
      photos: [b64(jpeg), `data:image/png;base64,${b64(png)}`],
    });
    const res = await get(`/api/tips/${tip.id}`, user.accessToken);
    assert.equal(res.status, 200);
    const detail = await res.json();
    assert.equal(detail.photos.length, 2);
    for (const p of detail.photos) {
      const img = await fetch(p.url);
      assert.equal(img.status, 200);
      const bytes = new Uint8Array(await img.arrayBuffer());
      assert.deepEqual(
        [...bytes.subarray(0, 3)],
        [0xff, 0xd8, 0xff],
        "stored as a JPEG",
      );
      assert.ok(!contains(bytes, SECRET_MARKER), "no metadata survives");
      assert.ok(
        !contains(bytes, "Exif") && !contains(bytes, "http://ns.adobe.com/xap"),
      );
    }
  },
);

const webpFixture = (name: string) =>
  Deno.readFile(new URL(`../../tests/fixtures/${name}`, import.meta.url));

apiTest(
  "POST /api/tips stores a WebP photo as a JPEG without its EXIF and XMP location",
  async () => {
    const user = await verifiedUser();
    const webp = await webpFixture("photo-gps.webp");
    assert.ok(contains(webp, SECRET_MARKER));
    const tip = await sendTip(user, { photos: [`data:image/webp;base64,${b64(webp)}`] });
    const detail = await (await get(`/api/tips/${tip.id}`, user.accessToken)).json();
    assert.equal(detail.photos.length, 1);
    assert.deepEqual([detail.photos[0].width, detail.photos[0].height], [32, 24]);
    const img = await fetch(detail.photos[0].url);
    assert.equal(img.status, 200);
    const bytes = new Uint8Array(await img.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], "stored as a JPEG");
    for (const tag of [SECRET_MARKER, "EXIF", "Exif", "xmpmeta", "WEBP"]) {
      assert.ok(!contains(bytes, tag), tag);
    }
  },
);

apiTest(
  "POST /api/tips refuses an animated or a corrupt WebP with 400, and stores nothing",
  async () => {
    const user = await verifiedUser();
    const before = await orphanCount();
    const animated = await webpFixture("animated.webp");
    await refused(
      await post(
        "/api/tips",
        tipBody({ photos: [await photo(), b64(animated)] }),
        user.accessToken,
      ),
      400,
      "photo_animated",
    );
    const corrupt = (await webpFixture("photo-gps.webp")).slice();
    corrupt.set([0, 0, 0], 41); // the VP8 frame's start code
    await refused(
      await post("/api/tips", tipBody({ photos: [b64(corrupt)] }), user.accessToken),
      400,
      "photo_invalid",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 0, objects: 0 });
    assert.equal(await orphanCount(), before);
  },
);

apiTest(
  "POST /api/tips refuses an unverified user, and writes nothing",
  async () => {
    const user = await signIn();
    await refused(
      await post(
        "/api/tips",
        tipBody({ photos: [await photo()] }),
        user.accessToken,
      ),
      403,
      "identity_unverified",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 0, objects: 0 });
  },
);

apiTest(
  "POST /api/tips refuses a fourth photo, and writes nothing",
  async () => {
    const user = await verifiedUser();
    const p = await photo();
    await refused(
      await post(
        "/api/tips",
        tipBody({ photos: [p, p, p, p] }),
        user.accessToken,
      ),
      400,
      "invalid_input",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 0, objects: 0 });
  },
);

apiTest(
  "POST /api/tips refuses a file that is not an image, and stores none of the photos",
  async () => {
    const user = await verifiedUser();
    const before = await orphanCount();
    const html = b64(
      new TextEncoder().encode("<html><script>alert(1)</script></html>"),
    );
    await refused(
      await post(
        "/api/tips",
        tipBody({ photos: [await photo(), html] }),
        user.accessToken,
      ),
      400,
      "photo_invalid",
    );
    await refused(
      await post(
        "/api/tips",
        tipBody({ photos: ["not base64!"] }),
        user.accessToken,
      ),
      400,
      "photo_invalid",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 0, objects: 0 });
    assert.equal(await orphanCount(), before);
  },
);

apiTest(
  "POST /api/tips refuses a photo over 5 MB with 413, and writes nothing",
  async () => {
    const user = await verifiedUser();
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    big.set([0xff, 0xd8, 0xff]);
    await refused(
      await post(
        "/api/tips",
        tipBody({ photos: [b64(big)] }),
        user.accessToken,
      ),
      413,
      "photo_too_large",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 0, objects: 0 });
  },
);

apiTest(
  "POST /api/tips refuses empty content and a missing anonymity choice",
  async () => {
    const user = await verifiedUser();
    await refused(
      await post("/api/tips", tipBody({ content: "   " }), user.accessToken),
      400,
      "invalid_input",
    );
    await refused(
      await post(
        "/api/tips",
        tipBody({ content: "很".repeat(501) }),
        user.accessToken,
      ),
      400,
      "invalid_input",
    );
    await refused(
      await post(
        "/api/tips",
        tipBody({ anonymous: undefined }),
        user.accessToken,
      ),
      400,
      "invalid_input",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 0, objects: 0 });
  },
);

apiTest(
  "POST /api/tips refuses an unknown category after storing photos, and removes them",
  async () => {
    const user = await verifiedUser();
    const before = await orphanCount();
    await refused(
      await post(
        "/api/tips",
        tipBody({ categoryId: 4242, photos: [await photo(), await photo()] }),
        user.accessToken,
      ),
      400,
      "tip_category_unknown",
    );
    await refused(
      await post(
        "/api/tips",
        tipBody({ departmentId: crypto.randomUUID(), photos: [await photo()] }),
        user.accessToken,
      ),
      404,
      "department_not_found",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 0, objects: 0 });
    assert.equal(await orphanCount(), before, "no orphaned objects");
  },
);

apiTest(
  "POST /api/tips refuses a blacklisted reporter, and writes nothing",
  async () => {
    const user = await verifiedUser();
    const tip = await sendTip(user);
    const sup = await supervisor();
    const res = await post(
      `/api/tips/${tip.id}/blacklist`,
      { reason: "多次恶意举报" },
      sup.accessToken,
    );
    assert.equal(res.status, 200);
    await refused(
      await post(
        "/api/tips",
        tipBody({ photos: [await photo()] }),
        user.accessToken,
      ),
      403,
      "reporter_blacklisted",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 1, objects: 0 });
  },
);

apiTest(
  "POST /api/tips refuses the eleventh tip of a day with 429",
  async () => {
    const user = await verifiedUser();
    for (let i = 0; i < 10; i++) await sendTip(user);
    await refused(
      await post(
        "/api/tips",
        tipBody({ photos: [await photo()] }),
        user.accessToken,
      ),
      429,
      "tip_daily_limit",
    );
    assert.deepEqual(await storedOf(user.user.id), { tips: 10, objects: 0 });
  },
);

apiTest(
  "GET /api/tips/categories lists the seeded categories in order",
  async () => {
    const user = await verifiedUser();
    const res = await get("/api/tips/categories", user.accessToken);
    assert.equal(res.status, 200);
    const names = (await res.json()).map((c: { name: string }) => c.name);
    for (
      const n of [
        "黄赌毒",
        "盗窃",
        "诈骗",
        "涉黑涉恶",
        "治安隐患",
        "消防隐患",
        "可疑人员",
        "其他",
      ]
    ) {
      assert.ok(names.includes(n), n);
    }
    assert.equal(names.at(-1), "其他");
  },
);

apiTest("POST /api/tips refuses a NUL character in the content with 400, not 500", async () => {
  const user = await verifiedUser();
  const res = await post("/api/tips", tipBody({ content: "东门\u0000有人" }), user.accessToken);
  await refused(res, 400, "invalid_input");
  assert.deepEqual(await storedOf(user.user.id), { tips: 0, objects: 0 });
});
