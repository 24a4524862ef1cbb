// Every operation of the OpenAPI document that takes a bearer token, with a token that must not
// work: none, alg none (the real payload, unsigned), another key, expired, and the real token of
// a session that has logged out (what a thief holds after the owner signs out, or after a
// refresh-token reuse revoked the session). Each answers 401 with its stable code and writes no
// row anywhere. The bodies are valid, so a revoked session reaches the database, whose first
// statement (private.act_as) or writing function refuses it; access-token.test.ts holds the
// codes of GET /api/me alone. Found by this file: GET /api/identity/registry answered a
// logged-out token (the registry was asked), and POST /api/identity/sync wrote the identity.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { SignJWT } from "jose";
import { Image } from "imagescript";
import { app } from "../app.ts";
import { addRegistryPerson, apiTest, post, randomIdNumber, secret, signIn } from "./helpers.ts";
import { changed, fingerprint } from "./two-companies-fixtures.ts";

const UUID = "0b0e0e0e-0000-4000-8000-000000000000";
const ZONE_QR = "https://qunfang.example.cn/q/zone/abcdefghijklmnopqrstuvwxyz012345";

// A valid body of each operation that has one (else {}), so that validation lets it through.
const BODIES: Record<string, unknown> = {
  "POST /api/companies": {
    registryCompanyId: UUID,
    departmentId: UUID,
    address: "常州市新北区通江中路 88 号",
    contactPhone: "13700000000",
  },
  "POST /api/companies/join": {
    token: "abcdefghijklmnopqrstuvwxyz012345",
    hasGuardCertificate: true,
  },
  "POST /api/reviews/{token}": { approve: true },
  "POST /api/scan": { code: ZONE_QR },
  "POST /api/tips": {
    anonymous: true,
    categoryId: 2,
    content: "小区东门有人撬电动车锁",
    photos: [],
  },
  "POST /api/tips/{id}/messages": { body: "你好" },
  "POST /api/tips/{id}/close": { note: "已办结" },
  "POST /api/tips/{id}/refuse": { note: "不属实" },
  "POST /api/tips/{id}/reassign": { departmentId: UUID },
  "POST /api/tips/{id}/blacklist": { reason: "恶意举报" },
  "POST /api/zones": {
    name: "巡区甲",
    departmentId: UUID,
    lat: 31.8107,
    lng: 119.9741,
    address: "江苏省常州市新北区太湖东路101",
    addressDetail: "",
    remark: "",
  },
  "PATCH /api/zones/{id}": { name: "巡区乙" },
  "POST /api/zones/{id}/hand-over": { userId: UUID },
  "POST /api/duty": { action: "auto", requestId: UUID, code: ZONE_QR },
  "POST /api/duty/preview": { code: ZONE_QR },
  "POST /api/console/logins/confirm": { code: "https://qunfang.example.cn/q/console/abc" },
};

type Op = { method: string; path: string; key: string };

async function securedOperations(): Promise<Op[]> {
  const doc = await (await app.request("/api/openapi.json")).json();
  const ops: Op[] = [];
  for (
    const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { security?: unknown[] }>>,
    )
  ) {
    for (const [method, op] of Object.entries(item)) {
      if (!op.security?.length) continue;
      const concrete = path.replace("{token}", "abcdefghijklmnopqrstuvwxyz012345")
        .replace(/\{[A-Za-z]+\}/g, UUID);
      ops.push({
        method: method.toUpperCase(),
        path: concrete,
        key: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return ops;
}

async function faceJpeg(): Promise<Blob> {
  const img = new Image(64, 64);
  img.fill(0x886644ff);
  return new Blob([Buffer.from(await img.encodeJPEG(80))], { type: "image/jpeg" });
}

async function send(op: Op, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (op.key === "POST /api/identity") {
    const form = new FormData();
    form.set("name", "张三");
    form.set("idNumber", randomIdNumber());
    form.set("photo", await faceJpeg(), "face.jpg");
    return await app.request(op.path, { method: op.method, headers, body: form });
  }
  if (op.method === "GET" || op.method === "DELETE" || op.method === "PUT") {
    return await app.request(op.path, { method: op.method, headers });
  }
  return await app.request(op.path, {
    method: op.method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(BODIES[op.key] ?? {}),
  });
}

const b64url = (o: unknown) =>
  btoa(JSON.stringify(o)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

async function signed(claims: Record<string, unknown>, key: string, exp: number) {
  const now = Math.floor(Date.now() / 1000);
  return await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now - 7200).setExpirationTime(exp).sign(new TextEncoder().encode(key));
}

const payload = (token: string) =>
  JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));

/** A verified user (registry) whose session then logs out, and forged forms of its token. */
async function badTokens() {
  const s = await signIn();
  // the registry knows the phone, the profile is not verified yet: sync would write
  await addRegistryPerson({ name: "测试甲", idNumber: randomIdNumber(), phone: s.phone });
  const claims = payload(s.accessToken);
  // a live session of someone else, which no request of s may use (nor end)
  const other = await signIn();
  const logout = await post("/api/auth/logout", {}, s.accessToken);
  assert.equal(logout.status, 200);
  await logout.body?.cancel();
  return {
    user: s,
    other,
    tokens: [
      ["no token", undefined, "token_missing"],
      [
        "alg none",
        `${b64url({ alg: "none", typ: "JWT" })}.${s.accessToken.split(".")[1]}.`,
        "token_invalid",
      ],
      [
        "another key",
        await signed(claims, "another-secret-that-is-at-least-32-characters", claims.exp),
        "token_invalid",
      ],
      [
        "expired",
        await signed(claims, secret(), Math.floor(Date.now() / 1000) - 60),
        "token_expired",
      ],
      ["logged out", s.accessToken, "session_revoked"],
      // the right key and a live session, but another user's: refused as well
      [
        "another user's session",
        await signed(
          { ...claims, session_id: payload(other.accessToken).session_id },
          secret(),
          claims.exp,
        ),
        "session_revoked",
      ],
    ] as [string, string | undefined, string][],
  };
}

let made: ReturnType<typeof badTokens> | null = null;
const fixture = () => (made ??= badTokens());

apiTest(
  "every signed-in operation refuses a missing, forged, expired or logged-out token",
  async () => {
    const { tokens } = await fixture();
    const ops = await securedOperations();
    assert.ok(ops.length >= 60, `${ops.length} operations`);
    const wrong: string[] = [];
    for (const op of ops) {
      const before = await fingerprint();
      for (const [label, token, code] of tokens) {
        // logging out again with a logged-out token is allowed (and changes nothing); with a
        // token naming another user's session it ends nothing (the next test)
        const expected = op.key === "POST /api/auth/logout" &&
            (label === "logged out" || label === "another user's session")
          ? [200, undefined]
          : [401, code];
        const res = await send(op, token);
        const text = await res.text();
        let got: string | undefined;
        try {
          got = JSON.parse(text)?.error?.code;
        } catch { /* a PNG or CSV: wrong anyway */ }
        if (res.status !== expected[0] || got !== expected[1]) {
          wrong.push(`${op.key} with ${label}: ${res.status} ${got ?? text.slice(0, 60)}`);
        }
      }
      const wrote = changed(before, await fingerprint());
      if (wrote.length) wrong.push(`${op.key} wrote ${wrote}`);
    }
    assert.deepEqual(wrong, []);
  },
);

apiTest(
  "POST /api/identity/sync with a logged-out token leaves the profile unverified",
  async () => {
    const { user } = await fixture();
    const res = await app.request("/api/identity/sync", {
      method: "POST",
      headers: { authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" },
      body: "{}",
    });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, "session_revoked");
    const { admin } = await import("./helpers.ts");
    const [p] = await admin()<{ verified_at: Date | null; name: string | null }[]>`
    select verified_at, name from public.profiles where user_id = ${user.user.id}`;
    assert.deepEqual({ ...p }, { verified_at: null, name: null });
    // and a live session of the same user still syncs
    const again = await signIn(user.phone);
    const ok = await post("/api/identity/sync", {}, again.accessToken);
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal((await ok.json()).identity.status, "verified");
  },
);

apiTest(
  "a token naming another user's session can neither act nor log that user out",
  async () => {
    const { other, tokens } = await fixture();
    const [, token] = tokens.find(([label]) => label === "another user's session")!;
    const me = await app.request("/api/me", { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 401);
    assert.equal((await me.json()).error.code, "session_revoked");
    const out = await post("/api/auth/logout", {}, token);
    assert.equal(out.status, 200);
    await out.body?.cancel();
    // the other user's own token still works: their session was not ended
    const still = await app.request("/api/me", {
      headers: { authorization: `Bearer ${other.accessToken}` },
    });
    assert.equal(still.status, 200, await still.clone().text());
    await still.body?.cancel();
  },
);
