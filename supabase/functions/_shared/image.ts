// Uploaded photos: the type is decided by the bytes (a text file called x.jpg is refused), the
// size is capped, and EXIF (GPS position, device, time) is removed before anything is stored.
import { AppError } from "./errors.ts";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export type ImageKind = { ext: "jpg" | "png"; contentType: "image/jpeg" | "image/png" };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function detectImage(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { ext: "jpg", contentType: "image/jpeg" };
  }
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    return { ext: "png", contentType: "image/png" };
  }
  return null;
}

const notAnImage = () => new AppError(400, "photo_invalid", "头像须为 JPEG 或 PNG 图片");

/** Checks size and type, and returns the bytes without EXIF. */
export function sanitizeImage(bytes: Uint8Array): { bytes: Uint8Array; kind: ImageKind } {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new AppError(413, "photo_too_large", "头像不能超过 5 MB");
  }
  const kind = detectImage(bytes);
  if (!kind) throw notAnImage();
  return { bytes: kind.ext === "jpg" ? stripJpegExif(bytes) : stripPngExif(bytes), kind };
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"

/** Walks the JPEG markers up to the scan data and drops APP1 segments that hold EXIF. */
export function stripJpegExif(bytes: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [bytes.subarray(0, 2)]; // SOI
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw notAnImage();
    let marker = bytes[pos + 1];
    // Fill bytes: any number of 0xFF may precede a marker.
    while (marker === 0xff && pos + 2 < bytes.length) {
      pos++;
      marker = bytes[pos + 1];
    }
    if (marker === undefined) throw notAnImage();
    if (marker === 0xd9 || marker === 0xda) {
      // EOI, or SOS: the entropy-coded data and everything after it is kept as is.
      keep.push(bytes.subarray(pos));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      keep.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) throw notAnImage();
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) throw notAnImage();
    const isExif = marker === 0xe1 && EXIF_HEADER.every((b, i) => bytes[pos + 4 + i] === b);
    if (!isExif) keep.push(bytes.subarray(pos, end));
    pos = end;
  }
  return concat(keep);
}

/** Walks the PNG chunks and drops eXIf chunks. */
export function stripPngExif(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const keep: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  let ended = false;
  while (pos < bytes.length && !ended) {
    if (pos + 12 > bytes.length) throw notAnImage();
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const end = pos + 12 + length;
    if (end > bytes.length) throw notAnImage();
    if (type !== "eXIf") keep.push(bytes.subarray(pos, end));
    ended = type === "IEND";
    pos = end;
  }
  if (!ended) throw notAnImage();
  return concat(keep);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
