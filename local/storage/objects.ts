// The object operations, each one transaction on storage.objects under the caller's role, in
// the order Storage runs them: the row write first (RLS decides), then the bucket's mime and
// size rules, then the bytes. A refused write therefore never leaves a file.
import type postgres from "postgres";
import type { Caller } from "./auth.ts";
import { asCaller, asSuperUser, findBucket, switchTo, type Tx } from "./db.ts";
import { moveInto, mustBeValidKey, objectFile, removeFile, writeTemp } from "./disk.ts";
import { ERRORS } from "./errors.ts";
import { type IncomingFile, mustBeAllowedMime, sizeLimit } from "./upload_body.ts";

export type Ctx = { sql: postgres.Sql; root: string };

export type ObjectRow = {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  version: string | null;
  metadata: ObjectMetadata | null;
  created_at: Date | null;
  updated_at: Date | null;
  last_accessed_at: Date | null;
};

export type ObjectMetadata = {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function eTag(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex}"`;
}

export async function uploadObject(
  ctx: Ctx,
  caller: Caller,
  o: { bucketId: string; name: string; upsert: boolean; file: IncomingFile },
): Promise<{ Id: string; Key: string }> {
  const path = objectFile(ctx.root, o.bucketId, o.name);
  const owner = caller.owner && UUID.test(caller.owner) ? caller.owner : null;
  const metadata: ObjectMetadata = {
    eTag: await eTag(o.file.bytes),
    size: o.file.bytes.byteLength,
    mimetype: o.file.mimeType,
    cacheControl: o.file.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: o.file.bytes.byteLength,
    httpStatusCode: 200,
  };
  // Written inside the transaction callback, read by the clean-up below.
  const state = { tmp: null as string | null, placedNew: false };
  try {
    const id = await asSuperUser(ctx.sql, async (tx) => {
      const bucket = await findBucket(tx, o.bucketId);
      if (!bucket) throw ERRORS.noSuchBucket();
      await switchTo(tx, caller);
      const row = await writeRow(tx, o, owner, caller.owner, metadata);
      mustBeAllowedMime(o.file.mimeType, bucket.allowed_mime_types);
      if (o.file.bytes.byteLength > sizeLimit(bucket.file_size_limit)) {
        throw ERRORS.entityTooLarge();
      }
      state.tmp = await writeTemp(ctx.root, o.file.bytes);
      await moveInto(state.tmp, path);
      state.tmp = null;
      state.placedNew = row.created;
      return row.id;
    });
    return { Id: id, Key: `${o.bucketId}/${o.name}` };
  } catch (e) {
    if (state.tmp) await removeFile(state.tmp);
    // The row did not commit: a file that did not exist before must go again.
    if (state.placedNew) await removeFile(path);
    throw e;
  }
}

async function writeRow(
  tx: Tx,
  o: { bucketId: string; name: string; upsert: boolean },
  owner: string | null,
  ownerId: string | null,
  metadata: ObjectMetadata,
): Promise<{ id: string; created: boolean }> {
  const version = crypto.randomUUID();
  const meta = JSON.stringify(metadata);
  const rows = o.upsert
    ? await tx<{ id: string; created: boolean }[]>`
        insert into storage.objects (bucket_id, name, owner, owner_id, metadata, version)
        values (${o.bucketId}, ${o.name}, ${owner}, ${ownerId}, ${meta}::text::jsonb, ${version})
        on conflict (bucket_id, name) do update
          set owner = excluded.owner, owner_id = excluded.owner_id,
              metadata = excluded.metadata, version = excluded.version, updated_at = now()
        returning id, (xmax = 0) as created`
    : await tx<{ id: string; created: boolean }[]>`
        insert into storage.objects (bucket_id, name, owner, owner_id, metadata, version)
        values (${o.bucketId}, ${o.name}, ${owner}, ${ownerId}, ${meta}::text::jsonb, ${version})
        returning id, true as created`;
  return rows[0];
}

const COLUMNS = [
  "id",
  "bucket_id",
  "name",
  "owner",
  "owner_id",
  "version",
  "metadata",
  "created_at",
  "updated_at",
  "last_accessed_at",
];

async function selectObject(tx: Tx, bucketId: string, name: string): Promise<ObjectRow | null> {
  const [row] = await tx<ObjectRow[]>`
    select ${tx(COLUMNS)} from storage.objects
    where bucket_id = ${bucketId} and name = ${name}`;
  return row ?? null;
}

/** The object as the caller may see it (SELECT policies), else Storage's NoSuchKey. */
export async function findVisible(
  ctx: Ctx,
  caller: Caller,
  bucketId: string,
  name: string,
): Promise<ObjectRow> {
  mustBeValidKey(name);
  const row = await asCaller(ctx.sql, caller, (tx) => selectObject(tx, bucketId, name));
  if (!row) throw ERRORS.noSuchKey();
  return row;
}

/** For signed URLs and public buckets, which Storage reads as the superuser. */
export async function findAny(ctx: Ctx, bucketId: string, name: string): Promise<ObjectRow> {
  mustBeValidKey(name);
  const row = await asSuperUser(ctx.sql, (tx) => selectObject(tx, bucketId, name));
  if (!row) throw ERRORS.noSuchKey();
  return row;
}

export async function isPublicBucket(ctx: Ctx, bucketId: string): Promise<boolean> {
  const [row] = await asSuperUser(
    ctx.sql,
    (tx) =>
      tx<{ public: boolean | null }[]>`select public from storage.buckets where id = ${bucketId}`,
  );
  return row?.public === true;
}

/** Names the caller sees among `names` (for createSignedUrls). */
export async function visibleNames(
  ctx: Ctx,
  caller: Caller,
  bucketId: string,
  names: string[],
): Promise<Set<string>> {
  const rows = await asCaller(ctx.sql, caller, (tx) =>
    tx<{ name: string }[]>`
      select name from storage.objects where bucket_id = ${bucketId} and name = any(${names})`);
  return new Set(rows.map((r) => r.name));
}

/** Deletes what the DELETE policies allow; the others are silently left, as Storage does. */
export async function removeObjects(
  ctx: Ctx,
  caller: Caller,
  bucketId: string,
  names: string[],
): Promise<ObjectRow[]> {
  const rows = await asCaller(ctx.sql, caller, (tx) =>
    tx<ObjectRow[]>`
      delete from storage.objects where bucket_id = ${bucketId} and name = any(${names})
      returning ${tx(COLUMNS)}`);
  // After the commit: a failed commit must not have cost the bytes.
  for (const row of rows) {
    try {
      await removeFile(objectFile(ctx.root, bucketId, row.name));
    } catch (e) {
      console.error(`storage: could not remove the file of ${bucketId}/${row.name}`, e);
    }
  }
  return rows;
}

export type ListOptions = {
  prefix: string;
  limit: number;
  offset: number;
  search: string;
  sortBy: { column: "name" | "updated_at" | "created_at" | "last_accessed_at"; order: string };
};

/** One folder level under `prefix`, as storage.search() answers `list()`: folders have no id. */
export async function listObjects(
  ctx: Ctx,
  caller: Caller,
  bucketId: string,
  o: ListOptions,
): Promise<Record<string, unknown>[]> {
  const prefix = o.prefix && !o.prefix.endsWith("/") ? `${o.prefix}/` : o.prefix;
  const rows = await asCaller(ctx.sql, caller, (tx) =>
    tx<ObjectRow[]>`
      select ${tx(COLUMNS)} from storage.objects
      where bucket_id = ${bucketId} and left(name, ${prefix.length}) = ${prefix}`);
  const entries = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const rest = row.name.slice(prefix.length);
    const [first, ...more] = rest.split("/");
    if (o.search && !first.toLowerCase().startsWith(o.search.toLowerCase())) continue;
    if (more.length > 0) {
      entries.set(first, {
        name: first,
        id: null,
        updated_at: null,
        created_at: null,
        last_accessed_at: null,
        metadata: null,
      });
    } else {
      entries.set(first, {
        name: first,
        id: row.id,
        updated_at: row.updated_at,
        created_at: row.created_at,
        last_accessed_at: row.last_accessed_at,
        metadata: row.metadata,
      });
    }
  }
  const col = o.sortBy.column;
  const dir = o.sortBy.order?.toLowerCase() === "desc" ? -1 : 1;
  const key = (e: Record<string, unknown>) => {
    const v = e[col];
    return v instanceof Date ? v.toISOString() : String(v ?? "");
  };
  return [...entries.values()]
    .sort((a, b) => dir * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .slice(o.offset, o.offset + o.limit);
}
