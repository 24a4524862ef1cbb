// Test harness of the API: the real app against the real database of SUPABASE_DB_URL (already
// migrated by the driver), with the stand-ins of what lies outside the project (WeChat, the
// 微警务 registry, Storage) served on free ports and the env pointed at them.
import postgres from "postgres";
import { createStorageApp } from "../../../../local/storage/app.ts";
import { wechatApp } from "../../../../local/standins/wechat.ts";
import { registryApp } from "../../../../local/standins/registry.ts";
import { anonKey, DEV_JWT_SECRET } from "../../../../local/env.ts";
import { Hono } from "hono";
import { app } from "../app.ts";
import { db, useSql } from "../../_shared/db.ts";
import type { Session } from "../schemas.ts";

const setDefault = (k: string, v: string) => {
  if (!Deno.env.get(k)) Deno.env.set(k, v);
};
setDefault("SUPABASE_JWT_SECRET", DEV_JWT_SECRET);
setDefault("WECHAT_APPID", "wxdev");
setDefault("WECHAT_SECRET", "devsecret");
setDefault("REGISTRY_API_KEY", "devkey");
const dbUrl = Deno.env.get("SUPABASE_DB_URL");
if (!dbUrl) throw new Error("SUPABASE_DB_URL must point at a migrated database");

export const secret = () => Deno.env.get("SUPABASE_JWT_SECRET")!;

// On PGlite only one connection is safe: the functions and Storage share one client of one
// connection, as in the local stack. On PostgreSQL each has its own pool.
const poolMax = Number(Deno.env.get("DB_POOL_MAX") ?? "5");
const storageSql = postgres(dbUrl, { max: poolMax, prepare: false, onnotice: () => {} });
if (poolMax === 1) useSql(storageSql);

const storageRoot = await Deno.makeTempDir({ prefix: "qf_api_storage_" });
globalThis.addEventListener("unload", () => Deno.removeSync(storageRoot, { recursive: true }));
const stack = new Hono();
stack.route(
  "/storage/v1",
  createStorageApp({ sql: storageSql, root: storageRoot, jwtSecret: secret }),
);
stack.route("/_wechat", wechatApp);
stack.route("/_registry", registryApp);
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, stack.fetch);
export const base = `http://127.0.0.1:${server.addr.port}`;

Deno.env.set("SUPABASE_URL", base);
Deno.env.set("WECHAT_API_BASE", `${base}/_wechat`);
Deno.env.set("REGISTRY_API_BASE", `${base}/_registry`);
Deno.env.set("SUPABASE_ANON_KEY", await anonKey(secret()));

/** Superuser access to the test database, for assertions only (never used by the app). */
export const admin = () => db();

/** Deno.test with the pool and servers living across tests (they are shared on purpose). */
export function apiTest(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, fn, sanitizeOps: false, sanitizeResources: false });
}

export function randomPhone(): string {
  return "137" + String(crypto.getRandomValues(new Uint32Array(1))[0] % 1e8).padStart(8, "0");
}

/** A valid ID number of a 常州 district, new in this test process (supabase/tests/id-numbers.ts). */
export { testIdNumber as randomIdNumber } from "../../../tests/id-numbers.ts";

export async function wechat(path: string, body: unknown, method = "POST"): Promise<Response> {
  return await fetch(`${base}/_wechat${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function devCodes(phone: string): Promise<{ loginCode: string; phoneCode: string }> {
  const res = await wechat("/_dev/codes", { phone });
  if (!res.ok) throw new Error(`dev codes: ${res.status}`);
  return await res.json();
}

/** Makes the next `times` calls (of `api`, when given) of the WeChat stand-in fail. */
export async function failWechat(errcode: number, times: number, api?: string): Promise<void> {
  const res = await wechat("/_dev/fail", { errcode, times, api });
  if (!res.ok) throw new Error(`dev fail: ${res.status}`);
  await res.body?.cancel();
}

export async function clearWechatFailures(): Promise<void> {
  await (await wechat("/_dev/fail", undefined, "DELETE")).body?.cancel();
}

export async function addRegistryPerson(p: { name: string; idNumber: string; phone: string }) {
  const res = await fetch(`${base}/_registry/_dev/persons`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(p),
  });
  if (!res.ok) throw new Error(`registry person: ${res.status}`);
  await res.body?.cancel();
}

export function post(path: string, body: unknown, token?: string): Promise<Response> {
  return Promise.resolve(app.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  }));
}

/** POST as a client at `address` (the proxy's X-Forwarded-For). */
export function postFrom(address: string, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(body),
  }));
}

/** A random documentation address (TEST-NET-3), so tests never share a throttle key. */
export function randomAddress(): string {
  const r = crypto.getRandomValues(new Uint8Array(2));
  return `203.0.${r[0]}.${r[1]}`;
}

/** Sets the counter of `key` in the current window, as an earlier flood would have left it. */
export async function preloadThrottle(key: string, windowSeconds: number, hits: number) {
  await db()`
    insert into private.throttle_counters (key, window_start, hits)
    values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}),
            ${hits})
    on conflict (key, window_start) do update set hits = excluded.hits`;
}

export function get(path: string, token?: string): Promise<Response> {
  return Promise.resolve(
    app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
  );
}

/** Signs a new (or given) phone in through the WeChat stand-in and the real API. */
export async function signIn(phone = randomPhone()): Promise<Session & { phone: string }> {
  const codes = await devCodes(phone);
  const res = await post("/api/auth/wechat", codes);
  if (res.status !== 200) throw new Error(`sign in: ${res.status} ${await res.text()}`);
  return { ...(await res.json() as Session), phone };
}

export function identityForm(
  o: { name?: string; idNumber?: string; photo?: Blob | null; filename?: string },
): FormData {
  const form = new FormData();
  if (o.name !== undefined) form.set("name", o.name);
  if (o.idNumber !== undefined) form.set("idNumber", o.idNumber);
  if (o.photo) form.set("photo", o.photo, o.filename ?? "face.jpg");
  return form;
}

export function postForm(path: string, form: FormData, token: string): Promise<Response> {
  return Promise.resolve(app.request(path, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: form,
  }));
}

/** The caller's objects in a bucket, as stored (superuser view). */
export async function objectsOf(userId: string, bucket = "face-photos"): Promise<string[]> {
  const rows = await admin()<{ name: string }[]>`
    select name from storage.objects where bucket_id = ${bucket} and name like ${userId + "/%"}`;
  return rows.map((r) => r.name);
}

export type ProfileRow = {
  name: string | null;
  id_number: string | null;
  face_path: string | null;
  verified_at: Date | null;
  source: string | null;
};

export async function profileOf(userId: string): Promise<ProfileRow> {
  const [row] = await admin()<ProfileRow[]>`
    select name, id_number, face_path, verified_at, source::text as source
      from public.profiles where user_id = ${userId}`;
  return row;
}
