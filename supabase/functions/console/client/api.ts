/// <reference lib="dom" />
// The console's one way to the API (the `api` function beside this one): the officer's bearer
// token from 扫码登录, the error shape {error:{code,message}} turned into ApiError with the
// server's Chinese message, and a signed-out session when the token is no longer accepted.

export type Session = {
  accessToken: string;
  refreshToken: string;
  user: { id: string; identity: { name: string | null }; phoneMasked: string };
};

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** /functions/v1/api beside /functions/v1/console (hosted and local alike). */
export const API_ROOT = location.pathname.replace(/\/console(\/.*)?$/, "") +
  "/api";

const KEY = "qunfang.console.session";

export function session(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) as Session : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

let onSignedOut: (message: string) => void = () => {};
export function whenSignedOut(fn: (message: string) => void): void {
  onSignedOut = fn;
}

async function refresh(s: Session): Promise<boolean> {
  try {
    const res = await fetch(`${API_ROOT}/auth/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken: s.refreshToken }),
    });
    if (!res.ok) return false;
    const next = await res.json() as Session;
    saveSession({ ...s, ...next, user: s.user });
    return true;
  } catch {
    return false;
  }
}

async function send(
  path: string,
  init: RequestInit,
  retried = false,
): Promise<Response> {
  const s = session();
  const headers = new Headers(init.headers);
  if (s) headers.set("authorization", `Bearer ${s.accessToken}`);
  if (init.body && !headers.has("content-type")) {
    headers.set("content-type", "application/json");
  }
  let res: Response;
  try {
    res = await fetch(`${API_ROOT}${path}`, { ...init, headers });
  } catch {
    throw new ApiError(0, "network", "网络连接失败，请检查网络后重试");
  }
  if (res.status === 401 && s && !retried) {
    if (await refresh(s)) return send(path, init, true);
    saveSession(null);
    onSignedOut("登录已过期，请重新扫码登录");
  }
  if (!res.ok) {
    let code = "http_error", message = `请求失败（${res.status}）`;
    try {
      const body = await res.json();
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch { /* not our error shape */ }
    throw new ApiError(res.status, code, message);
  }
  return res;
}

export async function get<T>(path: string): Promise<T> {
  return await (await send(path, { method: "GET" })).json() as T;
}

export async function post<T>(path: string, body: unknown = {}): Promise<T> {
  return await (await send(path, {
    method: "POST",
    body: JSON.stringify(body),
  })).json() as T;
}

/** Downloads a CSV export under the officer's token, saved with the server's file name. */
export async function download(
  path: string,
): Promise<{ rows: number; truncated: boolean }> {
  const res = await send(path, { method: "GET" });
  const disposition = res.headers.get("content-disposition") ?? "";
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = m ? decodeURIComponent(m[1]) : "export.csv";
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return {
    rows: Number(res.headers.get("x-rows") ?? "0"),
    truncated: res.headers.get("x-truncated") === "true",
  };
}

export const errorText = (e: unknown) => e instanceof ApiError ? e.message : "出现错误，请稍后重试";
