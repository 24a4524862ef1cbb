// The photo pipeline (_shared/image.ts): every stored image is decoded and re-encoded, so no
// location (EXIF, XMP, IPTC, comments, PNG text) and no HTML survives; sizes are bounded.
import assert from "node:assert/strict";
import { AppError } from "../../_shared/errors.ts";
import { Image } from "imagescript";
import { detectImage, MAX_IMAGE_BYTES, processImage } from "../../_shared/image.ts";
import {
  contains,
  HTML,
  htmlBehindJpegMagic,
  jpegHtmlPolyglot,
  jpegTurnedRight,
  jpegWithExif,
  pngClaimingHugeSize,
  pngWithExif,
  SECRET_MARKER,
} from "./images.ts";

const codeOf = async (f: () => Promise<unknown>) => {
  try {
    await f();
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
  return "no error";
};

Deno.test("detectImage goes by the bytes, not by a name or a declared type", () => {
  assert.equal(detectImage(jpegWithExif()), "jpeg");
  assert.equal(detectImage(new TextEncoder().encode("<html>")), null);
  assert.equal(detectImage(new TextEncoder().encode("GIF89a")), null);
});

Deno.test("processImage drops GPS in EXIF and XMP, IPTC and the comment of a JPEG", async () => {
  const original = jpegWithExif();
  for (const tag of ["Exif", "http://ns.adobe.com/xap", "Photoshop 3.0"]) {
    assert.ok(contains(original, tag), tag);
  }
  const out = await processImage(original);
  assert.equal(out.contentType, "image/jpeg");
  assert.equal(contains(out.bytes, SECRET_MARKER), false);
  for (const tag of ["Exif", "http://ns.adobe.com/xap", "Photoshop", "8BIM"]) {
    assert.equal(contains(out.bytes, tag), false, tag);
  }
  const decoded = await Image.decode(out.bytes);
  assert.deepEqual([decoded.width, decoded.height], [32, 24]);
});

Deno.test("processImage drops the eXIf, tEXt and iTXt chunks of a PNG (stored as JPEG)", async () => {
  const out = await processImage(await pngWithExif());
  assert.equal(detectImage(out.bytes), "jpeg");
  assert.equal(contains(out.bytes, SECRET_MARKER), false);
  assert.deepEqual([out.width, out.height], [1, 1]);
});

Deno.test("processImage turns a JPEG/HTML polyglot into a plain JPEG", async () => {
  const out = await processImage(jpegHtmlPolyglot());
  assert.equal(contains(out.bytes, "<script"), false);
  assert.equal(contains(out.bytes, HTML), false);
  // nothing after the end-of-image marker
  assert.deepEqual([...out.bytes.subarray(-2)], [0xff, 0xd9]);
});

Deno.test("processImage refuses HTML behind JPEG magic bytes, and truncated images", async () => {
  assert.equal(await codeOf(() => processImage(htmlBehindJpegMagic())), "400 photo_invalid");
  const jpeg = jpegWithExif();
  assert.equal(await codeOf(() => processImage(jpeg.subarray(0, 40))), "400 photo_invalid");
  const png = await pngWithExif();
  assert.equal(await codeOf(() => processImage(png.subarray(0, 60))), "400 photo_invalid");
});

Deno.test("processImage bounds bytes and pixels before decoding", async () => {
  const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
  big.set([0xff, 0xd8, 0xff]);
  assert.equal(await codeOf(() => processImage(big)), "413 photo_too_large");
  assert.equal(
    await codeOf(() => processImage(pngClaimingHugeSize())),
    "400 photo_too_many_pixels",
  );
});

Deno.test("processImage shrinks a large photo to 1600 px on its longest side", async () => {
  const wide = await new Image(2000, 1000).fill(0x336699ff).encodeJPEG(80);
  const out = await processImage(wide);
  assert.deepEqual([out.width, out.height], [1600, 800]);
});

Deno.test("processImage applies the EXIF orientation before dropping it", async () => {
  const out = await processImage(await jpegTurnedRight());
  const decoded = await Image.decode(out.bytes);
  assert.deepEqual([decoded.width, decoded.height], [2, 4]);
  // turned clockwise: the red left half is now on top
  const [r, , b] = Image.colorToRGBA(decoded.getPixelAt(1, 1));
  assert.ok(r > 150 && b < 100, `top pixel ${r},${b}`);
});
