// The 401 answers of the auth middleware: each way a bearer token can be wrong has its code.
import assert from "node:assert/strict";
import { SignJWT } from "jose";
import { apiTest, get, secret, signIn } from "./helpers.ts";

const b64url = (o: unknown) =>
  btoa(JSON.stringify(o)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

async function token(
  claims: Record<string, unknown> = {},
  o: { key?: string; expiresIn?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return await new SignJWT({
    sub: crypto.randomUUID(),
    role: "authenticated",
    aud: "authenticated",
    session_id: crypto.randomUUID(),
    phone: "13700000000",
    ...claims,
  }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setIssuedAt(now)
    .setExpirationTime(now + (o.expiresIn ?? 600))
    .sign(new TextEncoder().encode(o.key ?? secret()));
}

async function expect401(res: Response, code: string) {
  assert.equal(res.status, 401);
  const body = await res.json();
  assert.equal(body.error.code, code);
  assert.match(body.error.message, /[\u4e00-\u9fff]/);
}

async function meWith(header?: string): Promise<Response> {
  const { app } = await import("../app.ts");
  return await app.request("/api/me", { headers: header ? { authorization: header } : {} });
}

apiTest("GET /api/me without Authorization answers 401 token_missing", async () => {
  await expect401(await meWith(), "token_missing");
});

apiTest("GET /api/me with an empty bearer answers 401 token_missing", async () => {
  await expect401(await meWith("Bearer "), "token_missing");
});

apiTest("GET /api/me with a non-JWT bearer answers 401 token_malformed", async () => {
  await expect401(await meWith("Bearer not-a-jwt"), "token_malformed");
});

apiTest("GET /api/me with a Basic scheme answers 401 token_malformed", async () => {
  await expect401(await meWith("Basic dXNlcjpwYXNz"), "token_malformed");
});

apiTest("GET /api/me with a token missing session_id answers 401 token_malformed", async () => {
  await expect401(
    await meWith(`Bearer ${await token({ session_id: undefined })}`),
    "token_malformed",
  );
});

apiTest("GET /api/me with a token of another key answers 401 token_invalid", async () => {
  const t = await token({}, { key: "another-secret-that-is-at-least-32-characters" });
  await expect401(await meWith(`Bearer ${t}`), "token_invalid");
});

apiTest("GET /api/me with a tampered payload answers 401 token_invalid", async () => {
  const [h, , s] = (await token()).split(".");
  const forged = b64url({ sub: crypto.randomUUID(), role: "authenticated", aud: "authenticated" });
  await expect401(await meWith(`Bearer ${h}.${forged}.${s}`), "token_invalid");
});

apiTest("GET /api/me with alg none answers 401 token_invalid", async () => {
  const now = Math.floor(Date.now() / 1000);
  const t = `${b64url({ alg: "none", typ: "JWT" })}.${
    b64url({
      sub: crypto.randomUUID(),
      role: "authenticated",
      aud: "authenticated",
      session_id: crypto.randomUUID(),
      phone: "13700000000",
      iat: now,
      exp: now + 600,
    })
  }.`;
  await expect401(await meWith(`Bearer ${t}`), "token_invalid");
});

apiTest("GET /api/me with an expired token answers 401 token_expired", async () => {
  await expect401(await meWith(`Bearer ${await token({}, { expiresIn: -60 })}`), "token_expired");
});

apiTest("GET /api/me with another audience answers 401 token_audience", async () => {
  await expect401(await meWith(`Bearer ${await token({ aud: "other" })}`), "token_audience");
});

apiTest("GET /api/me with role service_role answers 401 token_role", async () => {
  await expect401(await meWith(`Bearer ${await token({ role: "service_role" })}`), "token_role");
});

apiTest("GET /api/me with the anon key answers 401 (not a user)", async () => {
  const res = await meWith(`Bearer ${Deno.env.get("SUPABASE_ANON_KEY")}`);
  assert.equal(res.status, 401);
  assert.ok(["token_audience", "token_role"].includes((await res.json()).error.code));
});

apiTest("GET /api/me with a signed-in token answers 200", async () => {
  const s = await signIn();
  const res = await get("/api/me", s.accessToken);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).id, s.user.id);
});
