// Image fixtures built byte by byte: a JPEG with an APP1 EXIF segment holding a GPS marker, and
// a real 1×1 PNG (valid CRCs, zlib data) with an eXIf chunk. The marker text lets a test see
// whether the metadata survived.
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

/** SOI, APP0 JFIF, APP1 Exif (with the marker), DQT, SOS + scan bytes, EOI. */
export function jpegWithExif(): Uint8Array {
  const jfif = cat(enc.encode("JFIF\0"), new Uint8Array([1, 1, 0, 0, 1, 0, 1, 0, 0]));
  const exif = cat(
    enc.encode("Exif\0\0"),
    enc.encode("MM\0*\0\0\0\x08"),
    enc.encode(SECRET_MARKER),
  );
  const dqt = new Uint8Array(65).fill(1);
  dqt[0] = 0;
  const sos = new Uint8Array([1, 1, 0, 0, 0x3f, 0]);
  const scan = enc.encode("SCAN-DATA-KEPT");
  return cat(
    new Uint8Array([0xff, 0xd8]),
    segment(0xe0, jfif),
    segment(0xe1, exif),
    segment(0xdb, dqt),
    segment(0xda, sos),
    scan,
    new Uint8Array([0xff, 0xd9]),
  );
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

/** A valid 1×1 grey PNG with an eXIf chunk carrying the marker. */
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
    chunk("IDAT", idat),
    chunk("IEND", new Uint8Array()),
  );
}

export function contains(haystack: Uint8Array, needle: string): boolean {
  return new TextDecoder("latin1").decode(haystack).includes(needle);
}
