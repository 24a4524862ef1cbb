// The file inside an upload request, read the two ways storage-js sends it: a multipart form
// (when given a Blob/File/FormData: fields `cacheControl`, optional `metadata`, then the file)
// or the raw bytes with `content-type`, `cache-control` and base64 `x-metadata` headers.
import { ERRORS } from "./errors.ts";
import { boundaryOf, parseMultipart, type Part } from "./multipart.ts";

/** Storage's default global upload limit (FILE_SIZE_LIMIT, 50 MB); buckets may only lower it. */
export const GLOBAL_FILE_SIZE_LIMIT = 50 * 1024 * 1024;
// Room for the multipart boundaries and the small text fields around the file.
const MULTIPART_SLACK = 64 * 1024;

export type IncomingFile = {
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  cacheControl: string;
  userMetadata: Record<string, unknown> | undefined;
};

export async function readUpload(req: Request): Promise<IncomingFile> {
  const contentType = req.headers.get("content-type") ?? "";
  const multipart = contentType.toLowerCase().startsWith("multipart/form-data");
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const cap = GLOBAL_FILE_SIZE_LIMIT + (multipart ? MULTIPART_SLACK : 0);
  if (declared > cap) throw ERRORS.entityTooLarge();
  const body = await readCapped(req.body, cap);

  if (!multipart) {
    return {
      bytes: body,
      mimeType: contentType || "application/octet-stream",
      cacheControl: req.headers.get("cache-control") ?? "no-cache",
      userMetadata: parseJson(fromBase64(req.headers.get("x-metadata"))),
    };
  }

  const boundary = boundaryOf(contentType);
  let parts: Part[];
  try {
    if (!boundary) throw new Error("no boundary");
    parts = parseMultipart(body, boundary);
  } catch {
    throw ERRORS.noContent();
  }
  const file = parts.find((p) => p.filename !== null);
  if (!file) throw ERRORS.noContent();
  const field = (name: string) => {
    const part = parts.find((p) => p.name === name && p.filename === null);
    const v = part ? new TextDecoder().decode(part.body) : "";
    return v !== "" ? v : undefined;
  };
  const cacheTime = field("cacheControl");
  return {
    bytes: file.body,
    mimeType: field("contentType") ?? (file.contentType || "application/octet-stream"),
    cacheControl: cacheTime ? `max-age=${cacheTime}` : "no-cache",
    userMetadata: parseJson(field("metadata") ?? field("userMetadata")),
  };
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  cap: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > cap) throw ERRORS.entityTooLarge();
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function fromBase64(v: string | null): string | undefined {
  if (!v) return undefined;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(v), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

function parseJson(v: string | undefined): Record<string, unknown> | undefined {
  if (!v) return undefined;
  try {
    const parsed = JSON.parse(v);
    return parsed && typeof parsed === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `type/subtype` without parameters, lower-cased; null when it is not a media type. */
function mediaType(mime: string): string | null {
  const m = /^\s*([a-z0-9!#$&^_.+-]+)\/([a-z0-9!#$&^_.+-]+)\s*(;.*)?$/i.exec(mime);
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : null;
}

/** Storage's rule: an exact `type/subtype` or a `type/*` entry of the bucket admits the file. */
export function mustBeAllowedMime(mime: string, allowed: string[] | null): void {
  if (!allowed || allowed.length === 0) return;
  const requested = mediaType(mime);
  if (!requested) throw ERRORS.invalidMimeType(mime);
  const wildcard = `${requested.split("/")[0]}/*`;
  const ok = allowed.some((a) => {
    const entry = mediaType(a) ?? a.trim().toLowerCase();
    return entry === requested || entry === wildcard || entry === "*/*" || entry === "*";
  });
  if (!ok) throw ERRORS.invalidMimeType(mime);
}

/** The bucket's limit when it has one, never above the global one. */
export function sizeLimit(bucketLimit: number | null): number {
  return bucketLimit != null && bucketLimit >= 0
    ? Math.min(bucketLimit, GLOBAL_FILE_SIZE_LIMIT)
    : GLOBAL_FILE_SIZE_LIMIT;
}
