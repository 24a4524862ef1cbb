// Photo checks: type by magic bytes, size cap, EXIF removal that keeps the image intact.
import assert from "node:assert/strict";
import { AppError } from "../../_shared/errors.ts";
import { detectImage, MAX_IMAGE_BYTES, sanitizeImage } from "../../_shared/image.ts";
import { contains, jpegWithExif, pngWithExif, SECRET_MARKER } from "./images.ts";

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
  return "no error";
};

Deno.test("detectImage goes by the bytes, not by a name or a declared type", () => {
  assert.equal(detectImage(jpegWithExif())?.contentType, "image/jpeg");
  assert.equal(detectImage(new TextEncoder().encode("<html>"))?.contentType, undefined);
  assert.equal(detectImage(new TextEncoder().encode("GIF89a"))?.contentType, undefined);
});

Deno.test("sanitizeImage removes the JPEG APP1 Exif segment and keeps the rest byte for byte", () => {
  const original = jpegWithExif();
  const { bytes } = sanitizeImage(original);
  assert.ok(!contains(bytes, SECRET_MARKER));
  // Exactly the Exif segment is gone: 4 bytes of marker and length + its payload.
  const exifSegment = 4 + 6 + 8 + SECRET_MARKER.length;
  assert.equal(bytes.length, original.length - exifSegment);
  assert.deepEqual([...bytes.subarray(bytes.length - 2)], [0xff, 0xd9]);
});

Deno.test("sanitizeImage removes the PNG eXIf chunk", async () => {
  const { bytes, kind } = sanitizeImage(await pngWithExif());
  assert.equal(kind.ext, "png");
  assert.ok(!contains(bytes, SECRET_MARKER) && !contains(bytes, "eXIf"));
  assert.ok(contains(bytes, "IHDR") && contains(bytes, "IEND"));
});

Deno.test("sanitizeImage refuses a truncated JPEG and an over-long one", () => {
  const jpeg = jpegWithExif();
  assert.equal(codeOf(() => sanitizeImage(jpeg.subarray(0, 12))), "400 photo_invalid");
  const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
  big.set(jpeg.subarray(0, 4));
  assert.equal(codeOf(() => sanitizeImage(big)), "413 photo_too_large");
});
