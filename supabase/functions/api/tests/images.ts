// Image fixtures: real, decodable images (encoded by imagescript) carrying what phones and
// attackers put around the pixels: GPS in EXIF and in XMP, an IPTC block, a JPEG comment, PNG
// text chunks, an EXIF orientation, HTML inside and after a JPEG. The marker text lets a test
// see whether any of it survived.
import { Image } from "imagescript";

export const SECRET_MARKER = "GPS-31.7727N-119.9464E-SECRET";
const enc = new TextEncoder();

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  out.set(payload, 4);
  return out;
}

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A w×h JPEG whose left half is red and right half blue (to see rotations). */
async function plainJpeg(w: number, h: number): Promise<Uint8Array> {
  const image = new Image(w, h);
  for (let x = 1; x <= w; x++) {
    for (let y = 1; y <= h; y++) image.setPixelAt(x, y, x <= w / 2 ? 0xff0000ff : 0x0000ffff);
  }
  return await image.encodeJPEG(95);
}

const BASE_JPEG = await plainJpeg(32, 24);

/** EXIF (big-endian TIFF): IFD0 with Orientation, and the GPS marker after it. */
function exif(orientation = 1): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 12 + 4);
  const v = new DataView(tiff.buffer);
  tiff.set(enc.encode("MM\0*"), 0);
  v.setUint32(4, 8);
  v.setUint16(8, 1); // one entry
  v.setUint16(10, 0x0112); // Orientation
  v.setUint16(12, 3); // SHORT
  v.setUint32(14, 1);
  v.setUint16(18, orientation);
  v.setUint32(22, 0); // no next IFD
  return segment(0xe1, cat(enc.encode("Exif\0\0"), tiff, enc.encode(SECRET_MARKER)));
}

const xmp = () =>
  segment(
    0xe1,
    enc.encode(
      `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF ` +
        `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description ` +
        `xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="${SECRET_MARKER}"/>` +
        `</rdf:RDF></x:xmpmeta>`,
    ),
  );
const iptc = () => segment(0xed, enc.encode(`Photoshop 3.0\x008BIM\x04\x04\0\0${SECRET_MARKER}`));
const comment = (text: string) => segment(0xfe, enc.encode(text));

/** Inserts segments right after SOI of a real JPEG. */
function withSegments(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  return cat(jpeg.subarray(0, 2), ...segments, jpeg.subarray(2));
}

/** A real JPEG with GPS in EXIF and XMP, an IPTC block and a comment, each with the marker. */
export function jpegWithExif(): Uint8Array {
  return withSegments(BASE_JPEG, exif(), xmp(), iptc(), comment(SECRET_MARKER));
}

/** A real 4×2 JPEG (red | blue) whose EXIF says: turn 90° clockwise to display (6). */
export async function jpegTurnedRight(): Promise<Uint8Array> {
  return withSegments(await plainJpeg(4, 2), exif(6));
}

export const HTML = "<html><script>alert(document.cookie)</script></html>";

/** A JPEG that browsers sniffing the bytes would also run as HTML (comment and tail). */
export function jpegHtmlPolyglot(): Uint8Array {
  return cat(withSegments(BASE_JPEG, comment(HTML)), enc.encode(HTML));
}

/** An HTML page behind the three JPEG magic bytes: no image at all. */
export function htmlBehindJpegMagic(): Uint8Array {
  return cat(new Uint8Array([0xff, 0xd8, 0xff]), enc.encode(HTML));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(enc.encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new CompressionStream("deflate"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A valid 1×1 grey PNG with eXIf, tEXt and iTXt chunks carrying the marker. */
export async function pngWithExif(): Promise<Uint8Array> {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 1);
  v.setUint32(4, 1);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const idat = await deflate(new Uint8Array([0, 0x80])); // filter 0, one grey pixel
  return cat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("eXIf", cat(enc.encode("MM\0*\0\0\0\x08"), enc.encode(SECRET_MARKER))),
    chunk("tEXt", enc.encode(`Comment\0${SECRET_MARKER}`)),
    chunk("iTXt", enc.encode(`XML:com.adobe.xmp\0\0\0\0\0${SECRET_MARKER}`)),
    chunk("IDAT", idat),
    chunk("IEND", new Uint8Array()),
  );
}

/** A PNG whose header claims 10000×10000 pixels (a decompression bomb needs no more). */
export function pngClaimingHugeSize(): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 10000);
  v.setUint32(4, 10000);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return cat(
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk("IEND", new Uint8Array()),
  );
}

export function contains(haystack: Uint8Array, needle: string): boolean {
  return new TextDecoder("latin1").decode(haystack).includes(needle);
}
