// Every photo the platform stores goes through here (face photos now, tip photos later): the
// type is decided by the bytes, the size and the pixel count are bounded before decoding, and
// the image is DECODED and RE-ENCODED as a fresh baseline JPEG. Only pixels survive: no EXIF,
// XMP, IPTC, ICC or comment (phones put the GPS position in EXIF and XMP), nothing after the
// end of the image, so a JPEG/HTML polyglot comes out as a plain JPEG. EXIF orientation is
// applied to the pixels first, so a portrait photo stays upright without its metadata.
//
// Measured on this machine (2 shared cores) for a 12 MP phone photo: @jsquash/jpeg (mozjpeg,
// wasm) decodes in 0.3-0.4 s where imagescript needs 1.6-2.2 s, which would spend a hosted
// edge function's 2 s CPU budget alone; imagescript resizes (0.02-0.09 s) and encodes the
// bounded result (0.1-0.2 s) faster than mozjpeg (0.5-2 s), and decodes PNG. WebP is decoded by
// @jsquash/webp (libwebp, wasm): a still image only, lossy or lossless, with or without alpha;
// an animation is refused (which frame would be the evidence?). A 12 MP lossy WebP decodes in
// 0.9-1.1 s here (the whole pipeline 1.1-1.3 s), so the mini-program's compression still matters.
// Each decoder ships its wasm inside its npm package and loads it from there (a file: URL beside
// the module): nothing is fetched at run time. A WebP's EXIF orientation is not applied: its EXIF
// chunk comes after the pixels and browsers such as Firefox draw a WebP as stored.
import { decode as decodeJpeg } from "@jsquash/jpeg";
import { decode as decodeWebp } from "@jsquash/webp";
import { Image } from "imagescript";
import { AppError } from "./errors.ts";

/** Largest upload accepted, in bytes (a phone photo is 1-5 MB). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Largest source accepted, in pixels: 25 MP decodes into 100 MB, within a function's memory. */
export const MAX_SOURCE_PIXELS = 25_000_000;
/** Longest side of the stored image: enough to recognise a face or read a plate. */
export const MAX_STORED_SIDE = 1600;
const JPEG_QUALITY = 85;

export type StoredImage = {
  bytes: Uint8Array;
  ext: "jpg";
  contentType: "image/jpeg";
  width: number;
  height: number;
};

export type ImageKind = "jpeg" | "png" | "webp";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The type by the magic bytes; a name or a declared content type is never trusted. */
export function detectImage(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "jpeg";
  }
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return "png";
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") {
    return "webp";
  }
  return null;
}

/**
 * Checks and re-encodes an uploaded photo. `what` names it in the messages (头像, 照片).
 * 413 photo_too_large; 400 photo_invalid (not a JPEG, PNG or WebP, or undecodable);
 * 400 photo_animated (an animated WebP); 400 photo_too_many_pixels (over MAX_SOURCE_PIXELS,
 * refused before decoding).
 */
export async function processImage(bytes: Uint8Array, what = "照片"): Promise<StoredImage> {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new AppError(413, "photo_too_large", `${what}不能超过 5 MB`);
  }
  const invalid = () =>
    new AppError(400, "photo_invalid", `${what}须为 JPEG、PNG 或 WebP 图片，且能正常打开`);
  const kind = detectImage(bytes);
  if (!kind) throw invalid();
  const size = kind === "jpeg"
    ? jpegSize(bytes)
    : kind === "png"
    ? pngSize(bytes)
    : webpSize(bytes);
  if (size === "animated") {
    throw new AppError(400, "photo_animated", `${what}不能是动图，请选择一张静态照片`);
  }
  if (!size || size.width < 1 || size.height < 1) throw invalid();
  if (size.width * size.height > MAX_SOURCE_PIXELS) {
    throw new AppError(400, "photo_too_many_pixels", `${what}像素过大，请压缩后再上传`);
  }

  let image: Image;
  try {
    image = kind === "jpeg"
      ? await fromJpeg(bytes)
      : kind === "png"
      ? await fromPng(bytes)
      : await fromWebp(bytes);
  } catch {
    throw invalid();
  }
  if (image.width !== size.width || image.height !== size.height) throw invalid();
  flattenOnWhite(image);
  if (kind === "jpeg") orient(image, jpegOrientation(bytes));
  const longest = Math.max(image.width, image.height);
  if (longest > MAX_STORED_SIDE) {
    if (image.width >= image.height) image.resize(MAX_STORED_SIDE, Image.RESIZE_AUTO);
    else image.resize(Image.RESIZE_AUTO, MAX_STORED_SIDE);
  }
  const out = await image.encodeJPEG(JPEG_QUALITY);
  return {
    bytes: out,
    ext: "jpg",
    contentType: "image/jpeg",
    width: image.width,
    height: image.height,
  };
}

async function fromJpeg(bytes: Uint8Array): Promise<Image> {
  const copy = bytes.slice().buffer;
  const data = await decodeJpeg(copy);
  const image = new Image(data.width, data.height);
  image.bitmap.set(data.data);
  return image;
}

async function fromWebp(bytes: Uint8Array): Promise<Image> {
  const data = await decodeWebp(bytes.slice().buffer);
  const image = new Image(data.width, data.height);
  image.bitmap.set(data.data);
  return image;
}

async function fromPng(bytes: Uint8Array): Promise<Image> {
  const decoded = await Image.decode(bytes);
  if (!(decoded instanceof Image)) throw new Error("not a still image");
  return decoded;
}

/** Transparent pixels over white: JPEG has no alpha, and black would hide what was there. */
function flattenOnWhite(image: Image): void {
  const px = image.bitmap;
  for (let i = 3; i < px.length; i += 4) {
    const a = px[i];
    if (a === 255) continue;
    const k = a / 255;
    px[i - 3] = px[i - 3] * k + 255 * (1 - k);
    px[i - 2] = px[i - 2] * k + 255 * (1 - k);
    px[i - 1] = px[i - 1] * k + 255 * (1 - k);
    px[i] = 255;
  }
}

/** EXIF orientation 1-8 applied to the pixels (2/4/5/7 are mirrored). */
function orient(image: Image, orientation: number): void {
  if (orientation === 2 || orientation === 4 || orientation === 5 || orientation === 7) {
    image.flip("horizontal");
  }
  // clockwise degrees, as imagescript's rotate() turns (measured: 90 puts the left edge on top)
  const turn: Record<number, number> = { 3: 180, 4: 180, 5: 270, 6: 90, 7: 90, 8: 270 };
  if (turn[orientation]) image.rotate(turn[orientation]);
}

/** Width and height from the first SOFn frame header, or null. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // no frame header before the scan
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    if (length < 2) return null;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 &&
      marker !== 0xcc;
    if (isSof) {
      if (pos + 9 > bytes.length) return null;
      return {
        height: (bytes[pos + 5] << 8) | bytes[pos + 6],
        width: (bytes[pos + 7] << 8) | bytes[pos + 8],
      };
    }
    pos += 2 + length;
  }
  return null;
}

/** Width and height from IHDR, or null. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/**
 * Width and height of a still WebP from its first chunk (VP8X canvas, VP8 frame header or VP8L
 * header), "animated" when VP8X says so or an ANIM/ANMF chunk is present, null when malformed.
 */
export function webpSize(
  bytes: Uint8Array,
): { width: number; height: number } | "animated" | null {
  if (bytes.length < 30) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length || riffEnd < 20) return null;
  // any animation chunk anywhere, whatever the header claims
  for (let at = 12; at + 8 <= riffEnd;) {
    const type = ascii(bytes, at, at + 4);
    if (type === "ANIM" || type === "ANMF") return "animated";
    at += 8 + view.getUint32(at + 4, true) + (view.getUint32(at + 4, true) & 1);
  }
  const first = ascii(bytes, 12, 16);
  if (first === "VP8X") {
    if (bytes[20] & 0x02) return "animated";
    return {
      width: 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16)),
      height: 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16)),
    };
  }
  if (first === "VP8 ") {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (first === "VP8L") {
    if (bytes[20] !== 0x2f) return null;
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  return null;
}

/** The EXIF orientation tag (0x0112) of the first APP1 Exif segment; 1 when absent. */
export function jpegOrientation(bytes: Uint8Array): number {
  let pos = 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1];
    if (marker === 0xda || marker === 0xd9) break;
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    if (
      marker === 0xe1 && pos + 10 <= bytes.length &&
      String.fromCharCode(...bytes.subarray(pos + 4, pos + 8)) === "Exif"
    ) {
      return exifOrientation(bytes.subarray(pos + 10, pos + 2 + length));
    }
    pos += 2 + length;
  }
  return 1;
}

function exifOrientation(tiff: Uint8Array): number {
  try {
    const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
    const little = view.getUint16(0) === 0x4949;
    const ifd = view.getUint32(4, little);
    const entries = view.getUint16(ifd, little);
    for (let i = 0; i < entries; i++) {
      const at = ifd + 2 + i * 12;
      if (view.getUint16(at, little) === 0x0112) {
        const value = view.getUint16(at + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
  } catch { /* a broken EXIF block: no orientation */ }
  return 1;
}
