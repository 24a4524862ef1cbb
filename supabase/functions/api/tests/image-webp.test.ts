// WebP photos (issue 9: "JPEG, PNG or WebP"): decoded by libwebp (@jsquash/webp, wasm) and stored
// as a fresh JPEG like every other photo, so the EXIF and XMP chunks (a phone's GPS) are gone;
// an animation or a broken file is refused with a clear 400, before anything is stored.
import assert from "node:assert/strict";
import { Image } from "imagescript";
import { AppError } from "../../_shared/errors.ts";
import { detectImage, processImage, webpSize } from "../../_shared/image.ts";
import { contains, SECRET_MARKER } from "./images.ts";

const fixture = (name: string) => Deno.readFile(new URL(`./fixtures/${name}`, import.meta.url));

const refusal = async (bytes: Uint8Array) => {
  try {
    await processImage(bytes, "图片线索");
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code, message: e.message };
    return { status: 0, code: String(e), message: "" };
  }
  return null;
};

Deno.test("a lossy WebP with GPS in EXIF and XMP comes out as a JPEG without either", async () => {
  const original = await fixture("photo-gps.webp");
  assert.equal(detectImage(original), "webp");
  for (const tag of ["EXIF", "XMP ", SECRET_MARKER]) assert.ok(contains(original, tag), tag);

  const out = await processImage(original);
  assert.equal(out.contentType, "image/jpeg");
  assert.equal(detectImage(out.bytes), "jpeg");
  assert.equal(contains(out.bytes, SECRET_MARKER), false);
  for (const tag of ["Exif", "EXIF", "xmpmeta", "http://ns.adobe.com", "RIFF", "WEBP"]) {
    assert.equal(contains(out.bytes, tag), false, tag);
  }
  assert.deepEqual([out.width, out.height], [32, 24]);
  // the pixels survived: red on the left, blue on the right
  const decoded = await Image.decode(out.bytes);
  const [lr, , lb] = Image.colorToRGBA(decoded.getPixelAt(4, 12));
  const [rr, , rb] = Image.colorToRGBA(decoded.getPixelAt(28, 12));
  assert.ok(lr > 180 && lb < 80, `left ${lr},${lb}`);
  assert.ok(rb > 180 && rr < 80, `right ${rr},${rb}`);
});

Deno.test("a lossless WebP with alpha is flattened on white, its EXIF dropped", async () => {
  const original = await fixture("alpha-lossless-gps.webp");
  assert.deepEqual(webpSize(original), { width: 32, height: 24 });
  const out = await processImage(original);
  assert.equal(contains(out.bytes, SECRET_MARKER), false);
  const decoded = await Image.decode(out.bytes);
  const [r, g, b] = Image.colorToRGBA(decoded.getPixelAt(4, 12));
  assert.ok(r > 230 && g > 230 && b > 230, `transparent half is white: ${r},${g},${b}`);
});

Deno.test("an animated WebP is refused with 400 photo_animated", async () => {
  const animated = await fixture("animated.webp");
  assert.equal(webpSize(animated), "animated");
  const r = await refusal(animated);
  assert.equal(r?.status, 400);
  assert.equal(r?.code, "photo_animated");
  assert.match(r?.message ?? "", /^图片线索不能是动图/);
  // the animation flag cleared but the ANMF frames kept: still refused as an animation
  const unflagged = animated.slice();
  unflagged[20] &= ~0x02;
  assert.equal((await refusal(unflagged))?.code, "photo_animated");
});

Deno.test("a corrupt or truncated WebP is refused with 400 photo_invalid", async () => {
  const good = await fixture("photo-gps.webp");
  const garbled = good.slice();
  // the VP8 frame header's start code (VP8 chunk at 30: 8 bytes of chunk header, 3 of frame tag)
  garbled.set([0, 0, 0], 30 + 8 + 3);
  const truncated = good.slice(0, 60);
  const zeroSized = good.slice();
  zeroSized.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 24); // VP8X canvas 16M x 16M
  const riffOnly = new TextEncoder().encode("RIFF\x04\0\0\0WEBPVP8 <html>");
  for (const [name, bytes] of Object.entries({ garbled, truncated, riffOnly })) {
    const r = await refusal(bytes);
    assert.equal(r?.status, 400, name);
    assert.equal(r?.code, "photo_invalid", name);
    assert.match(r?.message ?? "", /JPEG、PNG 或 WebP/, name);
  }
  assert.equal((await refusal(zeroSized))?.code, "photo_too_many_pixels");
});
