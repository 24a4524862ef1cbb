// Client of the WeChat server API (or the local stand-in at the same paths). Errcode rules
// (docs/foundation.md): -1 "system busy" is retried once; 40001/42001 (access token invalid or
// expired) refresh the access token once and retry; the rest map to stable API errors.
import { AppError } from "./errors.ts";
import { env } from "./env.ts";

type WxReply = { errcode?: number; errmsg?: string };
export type Code2Session = { openid: string; session_key: string; unionid?: string };
type PhoneReply = WxReply & {
  phone_info?: { phoneNumber: string; purePhoneNumber: string; countryCode: string | number };
};
type TokenReply = WxReply & { access_token?: string; expires_in?: number };

// A cached stable access token is dropped this long before WeChat says it expires.
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
let tokenCache: { key: string; token: string; expiresAt: number } | null = null;

/** Forget the cached access token (tests; a changed appid). */
export function resetWechatTokenCache(): void {
  tokenCache = null;
}

export function wechatError(errcode: number, errmsg = ""): AppError {
  switch (errcode) {
    case 40029:
      return new AppError(400, "wechat_code_invalid", "微信授权凭证无效，请重新授权");
    case 40163:
      return new AppError(400, "wechat_code_used", "微信授权凭证已使用，请重新授权");
    case 45011:
      return new AppError(429, "wechat_rate_limited", "操作太频繁，请稍后再试");
    case -1:
      return new AppError(503, "wechat_busy", "微信系统繁忙，请稍后再试");
    case 40226:
      return new AppError(403, "wechat_user_blocked", "该微信账号存在安全风险，已被微信拦截");
    case 40001:
    case 42001:
    case 40013:
    case 40125:
    case 40164:
      return new AppError(502, "wechat_config_invalid", "微信服务配置有误，请联系管理员");
    default:
      // WeChat's errmsg is English text with a request id: for our logs, never for users.
      console.error(`wechat errcode ${errcode}: ${errmsg}`);
      return new AppError(502, "wechat_error", "微信服务暂时异常，请稍后再试");
  }
}

async function request<T extends WxReply>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${env.wechatApiBase()}${path}`, {
      ...init,
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new AppError(503, "wechat_unreachable", "无法连接微信服务，请稍后再试");
  }
  try {
    return await res.json() as T;
  } catch {
    throw new AppError(502, "wechat_error", `微信接口返回异常（HTTP ${res.status}）`);
  }
}

/** One call, and once more when WeChat answers -1 (system busy). */
async function busyRetry<T extends WxReply>(call: () => Promise<T>): Promise<T> {
  const first = await call();
  return first.errcode === -1 ? await call() : first;
}

function ok<T extends WxReply>(reply: T): T {
  if (reply.errcode !== undefined && reply.errcode !== 0) {
    throw wechatError(reply.errcode, reply.errmsg);
  }
  return reply;
}

const postJson = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** wx.login code → openid (GET /sns/jscode2session). */
export async function code2Session(jsCode: string): Promise<Code2Session> {
  const q = new URLSearchParams({
    appid: env.wechatAppid(),
    secret: env.wechatSecret(),
    js_code: jsCode,
    grant_type: "authorization_code",
  });
  const reply = ok(
    await busyRetry(() => request<Code2Session & WxReply>(`/sns/jscode2session?${q}`)),
  );
  if (!reply.openid) throw new AppError(502, "wechat_error", "微信接口未返回 openid");
  return reply;
}

/** The stable access token (POST /cgi-bin/stable_token), cached until expiry − margin. */
export async function accessToken(forceRefresh = false): Promise<string> {
  const key = `${env.wechatApiBase()}|${env.wechatAppid()}`;
  if (!forceRefresh && tokenCache?.key === key && tokenCache.expiresAt > Date.now()) {
    return tokenCache.token;
  }
  const body = {
    grant_type: "client_credential",
    appid: env.wechatAppid(),
    secret: env.wechatSecret(),
    force_refresh: forceRefresh,
  };
  const reply = ok(
    await busyRetry(() => request<TokenReply>("/cgi-bin/stable_token", postJson(body))),
  );
  if (!reply.access_token) throw new AppError(502, "wechat_error", "微信接口未返回 access_token");
  const ttlMs = (reply.expires_in ?? 7200) * 1000;
  tokenCache = { key, token: reply.access_token, expiresAt: Date.now() + ttlMs - TOKEN_MARGIN_MS };
  return reply.access_token;
}

/** getPhoneNumber button code → the bare 11-digit number (POST /wxa/business/getuserphonenumber). */
export async function userPhoneNumber(code: string): Promise<string> {
  const ask = (token: string) =>
    busyRetry(() =>
      request<PhoneReply>(
        `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
        postJson({ code }),
      )
    );
  let reply = await ask(await accessToken());
  if (reply.errcode === 40001 || reply.errcode === 42001) {
    tokenCache = null;
    reply = await ask(await accessToken(true));
  }
  const info = ok(reply).phone_info;
  if (!info?.purePhoneNumber) throw new AppError(502, "wechat_error", "微信接口未返回手机号");
  if (String(info.countryCode) !== "86" || !/^1[3-9]\d{9}$/.test(info.purePhoneNumber)) {
    throw new AppError(400, "phone_unsupported", "仅支持中国大陆手机号");
  }
  return info.purePhoneNumber;
}
