// The local stand-in for Supabase Storage's object API, mounted by the stack at /storage/v1.
// It speaks what storage-js (supabase-js) sends and expects: the same paths, headers, bodies,
// answers and error bodies; every metadata step runs as the caller's role so the
// storage.objects policies of our migrations decide, exactly as on hosted Supabase.
import { type Context, Hono } from "hono";
import type postgres from "postgres";
import { type Caller, callerOf, signUrlToken, verifyToken } from "./auth.ts";
import { objectFile, openFile } from "./disk.ts";
import { errorResponse, ERRORS } from "./errors.ts";
import {
  type Ctx,
  findAny,
  findVisible,
  isPublicBucket,
  listObjects,
  type ListOptions,
  type ObjectRow,
  removeObjects,
  uploadObject,
  visibleNames,
} from "./objects.ts";
import { readUpload } from "./upload_body.ts";

export type StorageAppOptions = {
  sql: postgres.Sql;
  /** Folder holding the bytes: `<root>/<bucket>/<name>`. */
  root: string;
  /** The project's JWT secret, read per request (the stack may set it after start). */
  jwtSecret: () => string;
};

export function createStorageApp(opts: StorageAppOptions): Hono {
  const ctx: Ctx = { sql: opts.sql, root: opts.root };
  const app = new Hono();
  const caller = (c: Context): Promise<Caller> => callerOf(c.req.raw.headers, opts.jwtSecret());
  const objectName = (c: Context) => c.req.param("name") ?? "";
  const bucketName = (c: Context) => c.req.param("bucket") ?? "";

  app.onError((e) => errorResponse(e));
  app.notFound((c) =>
    c.json({
      statusCode: "404",
      error: "Not Found",
      message: `Route ${c.req.method}:${new URL(c.req.url).pathname} not found`,
    }, 404)
  );

  // --- specific object routes first: their first segment would otherwise read as a bucket ---

  app.post("/object/list/:bucket", async (c) => {
    const who = await caller(c);
    const body = await jsonBody(c);
    return c.json(await listObjects(ctx, who, bucketName(c), listOptions(body)));
  });

  // createSignedUrls: { expiresIn, paths } → [{ error, path, signedURL }]
  app.post("/object/sign/:bucket", async (c) => {
    const who = await caller(c);
    const body = await jsonBody(c);
    const expiresIn = mustBeExpiresIn(body.expiresIn);
    const paths = body.paths;
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== "string") || !paths.length) {
      throw ERRORS.invalidRequest("body/paths must be a non-empty array of strings");
    }
    const bucket = bucketName(c);
    const seen = await visibleNames(ctx, who, bucket, paths as string[]);
    return c.json(
      await Promise.all((paths as string[]).map(async (path) => {
        if (!seen.has(path)) {
          return {
            error: "Either the object does not exist or you do not have access to it",
            path,
            signedURL: null,
          };
        }
        const token = await signUrlToken(`${bucket}/${path}`, expiresIn, opts.jwtSecret());
        return { error: null, path, signedURL: `/object/sign/${bucket}/${path}?token=${token}` };
      })),
    );
  });

  // createSignedUrl: only for an object the caller may select.
  app.post("/object/sign/:bucket/:name{.+}", async (c) => {
    const who = await caller(c);
    const body = await jsonBody(c);
    const expiresIn = mustBeExpiresIn(body.expiresIn);
    const url = `${bucketName(c)}/${objectName(c)}`;
    await findVisible(ctx, who, bucketName(c), objectName(c));
    const token = await signUrlToken(url, expiresIn, opts.jwtSecret());
    return c.json({ signedURL: `/object/sign/${url}?token=${token}` });
  });

  // A signed URL needs no Authorization: the token names the one object it opens.
  app.get("/object/sign/:bucket/:name{.+}", async (c) => {
    const token = c.req.query("token") ?? "";
    if (!token) throw ERRORS.invalidRequest("querystring must have required property 'token'");
    const payload = await verifyToken(token, opts.jwtSecret(), ERRORS.invalidJwt);
    if (payload.url !== `${bucketName(c)}/${objectName(c)}`) throw ERRORS.invalidSignature();
    const row = await findAny(ctx, bucketName(c), objectName(c));
    return await serve(c, row);
  });

  app.get("/object/public/:bucket/:name{.+}", async (c) => {
    if (!(await isPublicBucket(ctx, bucketName(c)))) throw ERRORS.noSuchBucket();
    return await serve(c, await findAny(ctx, bucketName(c), objectName(c)));
  });

  app.get("/object/info/:bucket/:name{.+}", async (c) => {
    const row = await findVisible(ctx, await caller(c), bucketName(c), objectName(c));
    const m = row.metadata;
    return c.json({
      id: row.id,
      version: row.version,
      name: row.name,
      bucket_id: row.bucket_id,
      updated_at: row.updated_at,
      created_at: row.created_at,
      last_accessed_at: row.last_accessed_at,
      size: m?.size ?? null,
      cache_control: m?.cacheControl ?? null,
      content_type: m?.mimetype ?? null,
      etag: m?.eTag ?? null,
      last_modified: m?.lastModified ?? null,
      metadata: m,
    });
  });

  // download(): GET /object/<bucket>/<path>; /object/authenticated/... is the same read.
  const download = async (c: Context) => {
    const row = await findVisible(ctx, await caller(c), bucketName(c), objectName(c));
    return await serve(c, row);
  };
  app.get("/object/authenticated/:bucket/:name{.+}", download);
  app.get("/object/:bucket/:name{.+}", download);

  // upload() is POST (x-upsert decides), update() is PUT (always an upsert).
  const upload = (upsertAlways: boolean) => async (c: Context) => {
    const who = await caller(c);
    const file = await readUpload(c.req.raw);
    const upsert = upsertAlways || c.req.header("x-upsert") === "true";
    const result = await uploadObject(ctx, who, {
      bucketId: bucketName(c),
      name: objectName(c),
      upsert,
      file,
    });
    return c.json(result);
  };
  app.post("/object/:bucket/:name{.+}", upload(false));
  app.put("/object/:bucket/:name{.+}", upload(true));

  // remove(): { prefixes } → the removed objects.
  app.delete("/object/:bucket", async (c) => {
    const who = await caller(c);
    const body = await jsonBody(c);
    const prefixes = body.prefixes;
    if (
      !Array.isArray(prefixes) || prefixes.length === 0 ||
      prefixes.some((p) => typeof p !== "string")
    ) {
      throw ERRORS.invalidRequest("body/prefixes must be a non-empty array of strings");
    }
    const rows = await removeObjects(ctx, who, bucketName(c), prefixes as string[]);
    return c.json(rows.map(fileObject));
  });

  app.delete("/object/:bucket/:name{.+}", async (c) => {
    const rows = await removeObjects(ctx, await caller(c), bucketName(c), [objectName(c)]);
    if (rows.length === 0) throw ERRORS.noSuchKey();
    return c.json({ message: "Successfully deleted" });
  });

  /** The bytes with the headers Storage sends; `?download[=name]` makes it an attachment. */
  async function serve(c: Context, row: ObjectRow): Promise<Response> {
    const file = await openFile(objectFile(ctx.root, row.bucket_id, row.name));
    if (!file) throw ERRORS.noSuchKey();
    const m = row.metadata;
    const headers = new Headers({
      "content-type": m?.mimetype ?? "application/octet-stream",
      "content-length": String(file.size),
      "cache-control": m?.cacheControl ?? "no-cache",
      // the stored type is the one to use: a browser must not sniff a photo into HTML
      "x-content-type-options": "nosniff",
    });
    if (m?.eTag) headers.set("etag", m.eTag);
    if (m?.lastModified) headers.set("last-modified", new Date(m.lastModified).toUTCString());
    const download = c.req.query("download");
    if (download !== undefined) {
      const name = download || row.name.split("/").pop() || "download";
      headers.set(
        "content-disposition",
        `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
    }
    return new Response(file.stream, { status: 200, headers });
  }

  return app;
}

/** The FileObject shape storage-js types remove()'s answer with. */
function fileObject(row: ObjectRow) {
  return {
    id: row.id,
    bucket_id: row.bucket_id,
    name: row.name,
    owner: row.owner,
    owner_id: row.owner_id,
    version: row.version,
    metadata: row.metadata,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_accessed_at: row.last_accessed_at,
  };
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw ERRORS.invalidRequest("body must be object");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw ERRORS.invalidRequest("body must be object");
  }
  return body as Record<string, unknown>;
}

export const MAX_SIGNED_URL_SECONDS = 900;

function mustBeExpiresIn(v: unknown): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw ERRORS.invalidRequest("body/expiresIn must be integer");
  }
  if (n < 1) throw ERRORS.invalidRequest("body/expiresIn must be >= 1");
  // A signed URL opens an object to anyone holding it: minutes, not years (issue 13). Hosted
  // Storage has no such cap; the API asks for SIGNED_URL_SECONDS (_shared/storage.ts) itself.
  if (n > MAX_SIGNED_URL_SECONDS) {
    throw ERRORS.invalidRequest(`body/expiresIn must be <= ${MAX_SIGNED_URL_SECONDS}`);
  }
  return n;
}

function listOptions(body: Record<string, unknown>): ListOptions {
  const int = (v: unknown, d: number) => (typeof v === "number" && Number.isInteger(v) ? v : d);
  const sort = (body.sortBy ?? {}) as Record<string, unknown>;
  const columns = ["name", "updated_at", "created_at", "last_accessed_at"] as const;
  const column = columns.find((c) => c === sort.column) ?? "name";
  return {
    prefix: typeof body.prefix === "string" ? body.prefix : "",
    limit: Math.max(0, int(body.limit, 100)),
    offset: Math.max(0, int(body.offset, 0)),
    search: typeof body.search === "string" ? body.search : "",
    sortBy: { column, order: typeof sort.order === "string" ? sort.order : "asc" },
  };
}
