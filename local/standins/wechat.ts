// Stand-in for the WeChat server API (api.weixin.qq.com), mounted by the stack at /_wechat:
// the real paths, request and response shapes and errcodes of code2Session, getStableAccessToken
// and getPhoneNumber, so the API's client runs unchanged against it. State is in memory.
// Development extras (absent in production): /_dev/codes hands out the one-time codes the
// mini-program would get from wx.login and the getPhoneNumber button; /_dev/fail injects errors.
import { Hono } from "hono";

const CODE_TTL_MS = 5 * 60 * 1000;
const TOKEN_TTL_S = 7200;
const RATE_LIMIT_PER_MINUTE = 100; // code2Session: 100 calls per user per minute

type Api = "jscode2session" | "stable_token" | "getuserphonenumber";
type Code = { kind: "login" | "phone"; phone: string; expiresAt: number; used: boolean };

const ERRMSG: Record<number, string> = {
  [-1]: "system error",
  40001: "invalid credential, access_token is invalid or not latest",
  40002: "invalid grant_type",
  40013: "invalid appid",
  40029: "invalid code",
  40125: "invalid appsecret",
  40163: "code been used",
  40226: "invalid user, risky user",
  42001: "access_token expired",
  45011: "api minute-quota reach limit, mustslower retry next minute",
  47001: "data format error",
};

const rid = () => crypto.randomUUID().replace(/-/g, "").slice(0, 24);
const fail = (errcode: number) => ({
  errcode,
  errmsg: `${ERRMSG[errcode] ?? "error"}, rid: ${rid()}`,
});

function randomToken(bytes: number): string {
  const b = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...b)).replace(/[+/=]/g, "").slice(0, bytes);
}

// Stable per (appid, phone), 28 characters beginning with "o" like a real openid.
async function openidOf(appid: string, phone: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${appid}:${phone}`));
  return ("o" + btoa(String.fromCharCode(...new Uint8Array(d))).replace(/[+/=]/g, "")).slice(0, 28);
}

const appid = () => Deno.env.get("WECHAT_APPID") || "wxdev";
const secret = () => Deno.env.get("WECHAT_SECRET") || "devsecret";

const codes = new Map<string, Code>();
const tokens = new Map<string, number>(); // access_token → expiresAt (ms)
let stableToken: { token: string; expiresAt: number } | null = null;
// The stand-in's own clock, which tests move forward (/_dev/clock) to prove that codes expire
// after 5 minutes and access tokens after 2 hours without waiting for them.
let clockOffsetMs = 0;
const now = () => Date.now() + clockOffsetMs;
const failures: { errcode: number; times: number; api?: Api }[] = [];
const calls = new Map<string, number[]>(); // openid → call times, for 45011

/** An injected failure for this call, if any (consumes one). */
function injected(api: Api): number | null {
  const i = failures.findIndex((f) => !f.api || f.api === api);
  if (i < 0) return null;
  const f = failures[i];
  if (--f.times <= 0) failures.splice(i, 1);
  return f.errcode;
}

function takeCode(value: string | undefined, kind: Code["kind"]): Code | number {
  const code = value ? codes.get(value) : undefined;
  if (!code || code.kind !== kind || code.expiresAt < now()) return 40029;
  if (code.used) return 40163;
  code.used = true;
  return code;
}

export const wechatApp = new Hono();

wechatApp.get("/sns/jscode2session", async (c) => {
  const injectedCode = injected("jscode2session");
  if (injectedCode !== null) return c.json(fail(injectedCode));
  const q = c.req.query();
  if (q.grant_type !== "authorization_code") return c.json(fail(40002));
  if (q.appid !== appid()) return c.json(fail(40013));
  if (q.secret !== secret()) return c.json(fail(40125));
  const code = takeCode(q.js_code, "login");
  if (typeof code === "number") return c.json(fail(code));
  const openid = await openidOf(appid(), code.phone);
  const t = now();
  const recent = (calls.get(openid) ?? []).filter((at) => at > t - 60_000);
  recent.push(t);
  calls.set(openid, recent);
  if (recent.length > RATE_LIMIT_PER_MINUTE) return c.json(fail(45011));
  return c.json({ openid, session_key: randomToken(24) });
});

wechatApp.post("/cgi-bin/stable_token", async (c) => {
  const injectedCode = injected("stable_token");
  if (injectedCode !== null) return c.json(fail(injectedCode));
  const body = await c.req.json().catch(() => null) as Record<string, unknown> | null;
  if (!body) return c.json(fail(47001));
  if (body.grant_type !== "client_credential") return c.json(fail(40002));
  if (body.appid !== appid()) return c.json(fail(40013));
  if (body.secret !== secret()) return c.json(fail(40125));
  const t = now();
  // Normal mode returns the current token while it is valid; force_refresh replaces it and
  // the previous one stops working.
  if (body.force_refresh === true || !stableToken || stableToken.expiresAt <= t) {
    if (stableToken) tokens.delete(stableToken.token);
    stableToken = { token: randomToken(64), expiresAt: t + TOKEN_TTL_S * 1000 };
    tokens.set(stableToken.token, stableToken.expiresAt);
  }
  return c.json({
    access_token: stableToken.token,
    expires_in: Math.floor((stableToken.expiresAt - t) / 1000),
  });
});

wechatApp.post("/wxa/business/getuserphonenumber", async (c) => {
  const injectedCode = injected("getuserphonenumber");
  if (injectedCode !== null) return c.json(fail(injectedCode));
  const token = c.req.query("access_token") ?? "";
  const expiresAt = tokens.get(token);
  if (expiresAt === undefined) return c.json(fail(40001));
  if (expiresAt <= now()) return c.json(fail(42001));
  const body = await c.req.json().catch(() => null) as { code?: string } | null;
  if (!body) return c.json(fail(47001));
  const code = takeCode(body.code, "phone");
  if (typeof code === "number") return c.json(fail(code));
  return c.json({
    errcode: 0,
    errmsg: "ok",
    phone_info: {
      phoneNumber: code.phone,
      purePhoneNumber: code.phone,
      countryCode: "86",
      watermark: { timestamp: Math.floor(now() / 1000), appid: appid() },
    },
  });
});

// --- development only -------------------------------------------------------------------

/** `{ phone }` → the codes a real device would get for that phone: one use, 5 minutes. */
wechatApp.post("/_dev/codes", async (c) => {
  const body = await c.req.json().catch(() => ({})) as { phone?: unknown };
  const phone = String(body.phone ?? "");
  if (!/^1[3-9]\d{9}$/.test(phone)) {
    return c.json({ error: "phone must be an 11-digit mainland mobile number" }, 400);
  }
  const expiresAt = now() + CODE_TTL_MS;
  const loginCode = randomToken(32);
  const phoneCode = randomToken(32);
  codes.set(loginCode, { kind: "login", phone, expiresAt, used: false });
  codes.set(phoneCode, { kind: "phone", phone, expiresAt, used: false });
  for (const [k, v] of codes) if (v.expiresAt < now()) codes.delete(k);
  return c.json({ loginCode, phoneCode });
});

/**
 * `{ errcode, times, api? }`: the next `times` WeChat calls (only those of `api` when given:
 * jscode2session, stable_token, getuserphonenumber) answer that errcode.
 */
wechatApp.post("/_dev/fail", async (c) => {
  const body = await c.req.json().catch(() => ({})) as Record<string, unknown>;
  const errcode = Number(body.errcode);
  const times = Number(body.times ?? 1);
  const api = body.api as Api | undefined;
  const apis: Api[] = ["jscode2session", "stable_token", "getuserphonenumber"];
  if (!Number.isInteger(errcode) || !Number.isInteger(times) || times < 0) {
    return c.json({ error: "errcode and times must be integers" }, 400);
  }
  if (api !== undefined && !apis.includes(api)) {
    return c.json({ error: `api must be one of ${apis.join(", ")}` }, 400);
  }
  if (times > 0) failures.push({ errcode, times, api });
  return c.json({ ok: true });
});

/** Clears injected failures (tests). */
wechatApp.post("/_dev/clock", async (c) => {
  const body = await c.req.json().catch(() => ({})) as { advanceMs?: unknown };
  if (typeof body.advanceMs !== "number" || !(body.advanceMs >= 0)) {
    return c.json({ errcode: 40097, errmsg: "invalid args: advanceMs" }, 400);
  }
  clockOffsetMs += body.advanceMs;
  return c.json({ errcode: 0, errmsg: "ok", offsetMs: clockOffsetMs });
});

wechatApp.delete("/_dev/clock", (c) => {
  clockOffsetMs = 0;
  return c.json({ errcode: 0, errmsg: "ok" });
});

wechatApp.delete("/_dev/fail", (c) => {
  failures.length = 0;
  return c.json({ ok: true });
});
