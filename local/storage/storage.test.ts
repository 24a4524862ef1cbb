// The local Storage endpoint driven by the real supabase-js client, against a database that
// migrate() brought up (SUPABASE_DB_URL; DB_POOL_MAX=1 on PGlite). Users are signed in through
// auth_bridge.sign_in; their tokens are minted with the same secret the endpoint verifies.
import assert from "node:assert/strict";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { Hono } from "hono";
import { SignJWT } from "jose";
import postgres from "postgres";
import { createStorageApp } from "./app.ts";

const SECRET = "storage-test-secret-with-at-least-32-characters";

type User = { id: string; token: string; client: SupabaseClient };

Deno.test("local Storage endpoint through supabase-js", async (t) => {
  const dbUrl = Deno.env.get("SUPABASE_DB_URL");
  if (!dbUrl) throw new Error("SUPABASE_DB_URL must point at a migrated database");
  const sql = postgres(dbUrl, {
    max: Number(Deno.env.get("DB_POOL_MAX") ?? "5"),
    prepare: false,
    onnotice: () => {},
  });
  const root = await Deno.makeTempDir({ prefix: "qf-storage-test-" });
  const stack = new Hono().route(
    "/storage/v1",
    createStorageApp({ sql, root, jwtSecret: () => SECRET }),
  );
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, stack.fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;
  const anonKey = await mint({ role: "anon", iss: "supabase-local" });
  const clientFor = (token: string) =>
    createClient(base, anonKey, {
      global: { headers: { Authorization: `Bearer ${token}` } },
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });

  /** The short-lived token the API mints for one checked upload (_shared/storage.ts). */
  async function uploader(user: User, bucket: string, name: string): Promise<SupabaseClient> {
    return clientFor(
      await mint({
        sub: user.id,
        role: "authenticated",
        aud: "storage-upload",
        upload: `${bucket}/${name}`,
      }),
    );
  }

  async function signIn(): Promise<User> {
    const phone = `188${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const [row] = await sql.begin(async (tx) => {
      await tx`set local role auth_bridge`;
      return await tx<{ user_id: string; session_id: string }[]>`
        select * from auth_bridge.sign_in(${phone}, ${null})`;
    });
    const token = await mint({
      sub: row.user_id,
      role: "authenticated",
      aud: "authenticated",
      session_id: row.session_id,
      phone,
    });
    return { id: row.user_id, token, client: clientFor(token) };
  }

  const countRows = async (bucket: string, name: string) =>
    Number(
      (await sql`select count(*)::int as n from storage.objects
                      where bucket_id = ${bucket} and name = ${name}`)[0].n,
    );
  const fileAt = (bucket: string, name: string) => `${root}/${bucket}/${name}`;
  const exists = async (path: string) => {
    try {
      await Deno.stat(path);
      return true;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return false;
      throw e;
    }
  };
  const tmpIsEmpty = async () => {
    if (!(await exists(`${root}/.tmp`))) return true;
    for await (const _ of Deno.readDir(`${root}/.tmp`)) return false;
    return true;
  };
  /** storage-js keeps Storage's logical status in statusCode (HTTP is 400 below 500). */
  const failure = (error: unknown) => {
    assert.ok(error, "expected an error");
    const e = error as { statusCode?: string; status?: number; message: string };
    return { statusCode: e.statusCode, status: e.status, message: e.message };
  };

  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 0xff, 0xd9]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 8, 7]);

  try {
    const owner = await signIn();
    const other = await signIn();
    const face = `${owner.id}/face.jpg`;

    await t.step("the owner uploads a face photo into their folder (raw body)", async () => {
      const { data, error } = await (await uploader(owner, "face-photos", face)).storage.from(
        "face-photos",
      )
        .upload(face, jpeg, { contentType: "image/jpeg" });
      assert.equal(error, null);
      assert.equal(data?.path, face);
      assert.equal(data?.fullPath, `face-photos/${face}`);
      const [row] = await sql`select id, owner, owner_id, metadata from storage.objects
                              where bucket_id = 'face-photos' and name = ${face}`;
      assert.equal(row.id, data?.id);
      assert.equal(row.owner, owner.id);
      assert.equal(row.owner_id, owner.id);
      assert.equal(row.metadata.mimetype, "image/jpeg");
      assert.equal(row.metadata.size, jpeg.byteLength);
      assert.deepEqual(await Deno.readFile(fileAt("face-photos", face)), jpeg);
    });

    await t.step("the owner downloads it: same bytes and type", async () => {
      const { data, error } = await owner.client.storage.from("face-photos").download(face);
      assert.equal(error, null);
      assert.equal(data?.type, "image/jpeg");
      assert.deepEqual(new Uint8Array(await data!.arrayBuffer()), jpeg);
      // served as stored: a browser may not sniff the bytes into another type (HTML)
      const res = await fetch(`${base}/storage/v1/object/face-photos/${face}`, {
        headers: { authorization: `Bearer ${owner.token}` },
      });
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      await res.body?.cancel();
    });

    await t.step("a Blob upload goes as multipart and keeps its type", async () => {
      const name = `${owner.id}/face.png`;
      const { error } = await (await uploader(owner, "face-photos", name)).storage.from(
        "face-photos",
      )
        .upload(name, new Blob([png], { type: "image/png" }));
      assert.equal(error, null);
      const { data } = await owner.client.storage.from("face-photos").download(name);
      assert.equal(data?.type, "image/png");
      assert.deepEqual(new Uint8Array(await data!.arrayBuffer()), png);
    });

    await t.step(
      "uploading the same key again is a duplicate; nothing replaces a photo",
      async () => {
        const uploaderOfFace = await uploader(owner, "face-photos", face);
        const again = await uploaderOfFace.storage.from("face-photos")
          .upload(face, png, { contentType: "image/png" });
        assert.deepEqual(failure(again.error), {
          statusCode: "409",
          status: 400,
          message: "The resource already exists",
        });
        // no UPDATE policy: a photo is evidence, a new photo is a new object
        const upsert = await uploaderOfFace.storage.from("face-photos")
          .upload(face, png, { contentType: "image/png", upsert: true });
        assert.equal(failure(upsert.error).statusCode, "403");
        const put = await uploaderOfFace.storage.from("face-photos")
          .update(face, png, { contentType: "image/png" });
        assert.equal(failure(put.error).statusCode, "403");
        assert.equal(await countRows("face-photos", face), 1);
        assert.deepEqual(await Deno.readFile(fileAt("face-photos", face)), jpeg);
      },
    );

    await t.step("the owner's own token uploads nothing: photos come through the API", async () => {
      const name = `${owner.id}/straight.jpg`;
      const { error } = await owner.client.storage.from(
        "face-photos",
      )
        .upload(name, jpeg, { contentType: "image/jpeg" });
      assert.deepEqual(failure(error), {
        statusCode: "403",
        status: 400,
        message: "new row violates row-level security policy",
      });
      assert.equal(await countRows("face-photos", name), 0);
      assert.equal(await exists(fileAt("face-photos", name)), false);
      // an upload token opens exactly the object it names
      const other = await uploader(owner, "face-photos", `${owner.id}/named.jpg`);
      const wrong = await other.storage.from("face-photos")
        .upload(name, jpeg, { contentType: "image/jpeg" });
      assert.equal(failure(wrong.error).statusCode, "403");
    });

    await t.step("another user cannot read the owner's photo: not found", async () => {
      const { data, error } = await other.client.storage.from("face-photos").download(face);
      assert.equal(data, null);
      assert.deepEqual(failure(error), {
        statusCode: "404",
        status: 400,
        message: "Object not found",
      });
      const info = await other.client.storage.from("face-photos").exists(face);
      assert.equal(info.data, false);
    });

    await t.step("another user cannot upload into the owner's folder", async () => {
      const name = `${owner.id}/intruder.jpg`;
      const { error } = await other.client.storage.from("face-photos")
        .upload(name, jpeg, { contentType: "image/jpeg" });
      assert.deepEqual(failure(error), {
        statusCode: "403",
        status: 400,
        message: "new row violates row-level security policy",
      });
      assert.equal(await countRows("face-photos", name), 0);
      assert.equal(await exists(fileAt("face-photos", name)), false);
      // nor overwrite the owner's photo with upsert
      const over = await other.client.storage.from("face-photos")
        .upload(face, png, { contentType: "image/png", upsert: true });
      assert.equal(failure(over.error).statusCode, "403");
      assert.deepEqual(await Deno.readFile(fileAt("face-photos", face)), jpeg);
    });

    await t.step("anon cannot upload", async () => {
      const anon = clientFor(anonKey);
      const name = `${owner.id}/anon.jpg`;
      const { error } = await anon.storage.from("face-photos")
        .upload(name, jpeg, { contentType: "image/jpeg" });
      assert.equal(failure(error).statusCode, "403");
      assert.equal(await countRows("face-photos", name), 0);
      assert.equal(await exists(fileAt("face-photos", name)), false);
    });

    await t.step("a bad or missing token is refused", async () => {
      const forged = await new SignJWT({ sub: owner.id, role: "authenticated" })
        .setProtectedHeader({ alg: "HS256" })
        .setExpirationTime("1h")
        .sign(new TextEncoder().encode("some-other-secret-with-32-characters!!"));
      const { error } = await clientFor(forged).storage.from("face-photos").download(face);
      assert.deepEqual(failure(error), {
        statusCode: "403",
        status: 400,
        message: "invalid signature",
      });
      const res = await fetch(`${base}/storage/v1/object/face-photos/${face}`);
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), {
        statusCode: "403",
        code: "AccessDenied",
        error: "Unauthorized",
        message: "jwt must be provided",
      });
    });

    await t.step("the bucket's size limit (5 MB) is enforced: 413, nothing kept", async () => {
      const name = `${owner.id}/big.jpg`;
      const big = new Uint8Array(5 * 1024 * 1024 + 1);
      const { error } = await (await uploader(owner, "face-photos", name)).storage.from(
        "face-photos",
      )
        .upload(name, big, { contentType: "image/jpeg" });
      assert.deepEqual(failure(error), {
        statusCode: "413",
        status: 400,
        message: "The object exceeded the maximum allowed size",
      });
      assert.equal(await countRows("face-photos", name), 0);
      assert.equal(await exists(fileAt("face-photos", name)), false);
      // exactly at the limit is fine
      const ok = await (await uploader(owner, "face-photos", name)).storage.from("face-photos")
        .upload(name, big.subarray(1), { contentType: "image/jpeg" });
      assert.equal(ok.error, null);
      assert.equal((await Deno.stat(fileAt("face-photos", name))).size, 5 * 1024 * 1024);
    });

    await t.step("a type outside the bucket's allowed mime types is refused: 415", async () => {
      for (const [name, type] of [["x.gif", "image/gif"], ["x.txt", undefined]] as const) {
        const path = `${owner.id}/${name}`;
        const { error } = await (await uploader(owner, "face-photos", path)).storage.from(
          "face-photos",
        )
          .upload(path, jpeg, type ? { contentType: type } : {});
        const f = failure(error);
        assert.equal(f.statusCode, "415");
        assert.match(f.message, /^mime type .* is not supported$/);
        assert.equal(await countRows("face-photos", path), 0);
        assert.equal(await exists(fileAt("face-photos", path)), false);
      }
      assert.equal(await tmpIsEmpty(), true);
    });

    await t.step("a key that would leave the bucket folder is invalid", async () => {
      const res = await fetch(
        `${base}/storage/v1/object/face-photos/${owner.id}/..%2F..%2Fescape.jpg`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${owner.token}`, "content-type": "image/jpeg" },
          body: jpeg,
        },
      );
      assert.equal(res.status, 400);
      assert.equal((await res.json()).code, "InvalidKey");
      assert.equal(await exists(`${root}/escape.jpg`), false);
    });

    await t.step("a signed URL opens the object without a token, until it expires", async () => {
      const { data, error } = await owner.client.storage.from("face-photos")
        .createSignedUrl(face, 60);
      assert.equal(error, null);
      assert.ok(data!.signedUrl.startsWith(`${base}/storage/v1/object/sign/face-photos/${face}?`));
      const res = await fetch(data!.signedUrl);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "image/jpeg");
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), jpeg);

      // the token opens only its own object
      const token = new URL(data!.signedUrl).searchParams.get("token");
      const elsewhere = await fetch(
        `${base}/storage/v1/object/sign/face-photos/${owner.id}/face.png?token=${token}`,
      );
      assert.equal(elsewhere.status, 400);
      assert.equal((await elsewhere.json()).code, "InvalidSignature");

      const short = await owner.client.storage.from("face-photos").createSignedUrl(face, 1);
      assert.equal(short.error, null);
      await new Promise((r) => setTimeout(r, 2100));
      const late = await fetch(short.data!.signedUrl);
      assert.equal(late.status, 400);
      assert.deepEqual(await late.json(), {
        statusCode: "400",
        code: "InvalidJWT",
        error: "InvalidJWT",
        message: "jwt expired",
      });
    });

    await t.step("a signed URL lives minutes, not years", async () => {
      const tenYears = await owner.client.storage.from("face-photos")
        .createSignedUrl(face, 10 * 365 * 24 * 3600);
      assert.equal(tenYears.data, null);
      assert.equal(failure(tenYears.error).statusCode, "400");
      const many = await owner.client.storage.from("face-photos")
        .createSignedUrls([face], 901);
      assert.equal(many.data, null);
      const fifteen = await owner.client.storage.from("face-photos").createSignedUrl(face, 900);
      assert.equal(fifteen.error, null);
    });

    await t.step("only a user who may read the object gets a signed URL", async () => {
      const { data, error } = await other.client.storage.from("face-photos")
        .createSignedUrl(face, 60);
      assert.equal(data, null);
      assert.equal(failure(error).statusCode, "404");
    });

    await t.step("remove: another user removes nothing, the owner removes", async () => {
      const theirs = await other.client.storage.from("face-photos").remove([face]);
      assert.equal(theirs.error, null);
      assert.deepEqual(theirs.data, []);
      assert.equal(await countRows("face-photos", face), 1);
      assert.equal(await exists(fileAt("face-photos", face)), true);

      const mine = await owner.client.storage.from("face-photos").remove([face]);
      assert.equal(mine.error, null);
      assert.deepEqual(mine.data?.map((o) => o.name), [face]);
      assert.equal(await countRows("face-photos", face), 0);
      assert.equal(await exists(fileAt("face-photos", face)), false);
      const gone = await owner.client.storage.from("face-photos").download(face);
      assert.equal(failure(gone.error).statusCode, "404");
    });

    await t.step("tip-photos follow their own policies: no overwrite, no delete", async () => {
      const tip = `${owner.id}/tip-1.jpg`;
      const up = await (await uploader(owner, "tip-photos", tip)).storage.from("tip-photos")
        .upload(tip, jpeg, { contentType: "image/jpeg" });
      assert.equal(up.error, null);
      // no UPDATE policy on tip-photos: an upsert over the existing object is refused
      const over = await (await uploader(owner, "tip-photos", tip)).storage.from("tip-photos")
        .upload(tip, png, { contentType: "image/png", upsert: true });
      assert.equal(failure(over.error).statusCode, "403");
      assert.deepEqual(await Deno.readFile(fileAt("tip-photos", tip)), jpeg);
      // no DELETE policy either: remove() reports nothing removed and the photo stays
      const rm = await owner.client.storage.from("tip-photos").remove([tip]);
      assert.deepEqual(rm.data, []);
      assert.equal(await countRows("tip-photos", tip), 1);
      const listed = await owner.client.storage.from("tip-photos").list(owner.id);
      assert.deepEqual(listed.data?.map((o) => o.name), ["tip-1.jpg"]);
    });
  } finally {
    await server.shutdown();
    await sql.end();
    await Deno.remove(root, { recursive: true });
  }
});

function mint(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(SECRET));
}
