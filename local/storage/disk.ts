// Bytes on disk: `<root>/<bucket>/<name>`. Uploads are written to `<root>/.tmp` first and
// renamed into place only while the object's row is inserted and locked, so a failed upload
// leaves no file and two uploads of the same key land in the order their rows were written.
import { ERRORS } from "./errors.ts";

// Storage's own key rule (S3-safe characters), plus no "." / ".." / empty segments, which on a
// file system would leave the bucket folder.
const KEY = /^(\w|\/|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/;

// Plain "/" joins: the names are validated above, and JSR (@std/path) is out of reach here.
const join = (...parts: string[]) => parts.join("/").replace(/\/{2,}/g, "/");
const dirname = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";

export function mustBeValidKey(name: string): void {
  const segments = name.split("/");
  if (
    !name || !KEY.test(name) || segments.some((s) => s === "" || s === "." || s === "..")
  ) {
    throw ERRORS.invalidKey(name);
  }
}

export function objectFile(root: string, bucket: string, name: string): string {
  mustBeValidKey(name);
  if (!bucket || bucket.includes("/") || bucket.startsWith(".")) throw ERRORS.noSuchBucket();
  return join(root, bucket, ...name.split("/"));
}

export async function writeTemp(root: string, bytes: Uint8Array): Promise<string> {
  const dir = join(root, ".tmp");
  await Deno.mkdir(dir, { recursive: true });
  const path = join(dir, crypto.randomUUID());
  await Deno.writeFile(path, bytes);
  return path;
}

export async function moveInto(tmp: string, path: string): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.rename(tmp, path);
}

export async function removeFile(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}

/** The object's bytes as a stream, or null when the file is missing. */
export async function openFile(
  path: string,
): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null> {
  try {
    const file = await Deno.open(path, { read: true });
    const { size } = await file.stat();
    return { stream: file.readable, size };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}
