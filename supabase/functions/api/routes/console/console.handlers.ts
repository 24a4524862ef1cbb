import { ACCESS_TOKEN_TTL, signAccessToken } from "../../../_shared/auth.ts";
import { callAs, type Claims, withAuthBridge, withUser } from "../../../_shared/db.ts";
import { env } from "../../../_shared/env.ts";
import { qrPng } from "../../../_shared/qr.ts";
import { AppError } from "../../../_shared/errors.ts";
import { clientAddress, hit, throttle } from "../../../_shared/throttle.ts";
import { asIs } from "../../lib/as-is.ts";
import type { AppRouteHandler } from "../../lib/types.ts";
import { loadProfile } from "../../read-models/me.ts";
import type * as routes from "./console.routes.ts";

// A console asks for a new QR every 2 minutes while shown, and polls every 2 seconds.
const START_LIMIT = { limit: 120, windowSeconds: 10 * 60 };
const POLL_LIMIT = { limit: 1200, windowSeconds: 10 * 60 };

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(
    /\//g,
    "_",
  )
    .replace(/=+$/, "");
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** What the console's QR says: a link under QR_BASE_URL, as every QR of the platform. */
export function consoleQrText(code: string): string {
  return `${env.qrBaseUrl().replace(/\/+$/, "")}/q/console/${code}`;
}

export const start: AppRouteHandler<typeof routes.start> = async (c) => {
  const address = clientAddress(c);
  await throttle([hit(address && `console:start:${address}`, START_LIMIT)]);
  const pollSecret = randomSecret();
  const hash = await sha256(pollSecret);
  const row = await withAuthBridge(async (tx) => {
    const [r] = await tx<{ id: string; code: string; expires_at: Date }[]>`
      select * from auth_bridge.console_login_start(${hash})`;
    return r;
  });
  return c.json({
    id: row.id,
    pollSecret,
    qrText: consoleQrText(row.code),
    qrImage: `data:image/png;base64,${
      btoa(String.fromCharCode(...await qrPng(consoleQrText(row.code))))
    }`,
    expiresAt: row.expires_at.toISOString(),
  }, 200);
};

export const poll: AppRouteHandler<typeof routes.poll> = async (c) => {
  const { id } = c.req.valid("param");
  const { pollSecret } = c.req.valid("json");
  const address = clientAddress(c);
  await throttle([hit(address && `console:poll:${address}`, POLL_LIMIT)]);
  const refreshToken = randomSecret();
  const refreshHash = await sha256(refreshToken);
  const row = await withAuthBridge(async (tx) => {
    const [r] = await tx<
      { status: string; user_id: string | null; session_id: string | null }[]
    >`
      select * from auth_bridge.console_login_poll(${id}, ${await sha256(
      pollSecret,
    )})`;
    if (r.status === "confirmed") {
      await tx`select auth_bridge.issue_refresh_token(${r.session_id}::uuid, ${refreshHash}, null)`;
    }
    return r;
  });
  const status = row.status as
    | "pending"
    | "expired"
    | "used"
    | "not_found"
    | "confirmed";
  if (status !== "confirmed" || !row.user_id || !row.session_id) {
    return c.json({ status, session: null }, 200);
  }
  const claims: Claims = {
    sub: row.user_id,
    role: "authenticated",
    aud: "authenticated",
    session_id: row.session_id,
  };
  const { me, phone } = await withUser(claims, loadProfile);
  return c.json({
    status,
    session: {
      accessToken: await signAccessToken({
        userId: row.user_id,
        sessionId: row.session_id,
        phone,
      }),
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL,
      user: me,
    },
  }, 200);
};

// The stable codes of confirm_console_login, with the status each deserves.
const CONFIRM_STATUS: Record<string, 403 | 404 | 409 | 410> = {
  not_police: 403,
  console_login_not_found: 404,
  console_login_used: 409,
  console_login_expired: 410,
};

export const confirm: AppRouteHandler<typeof routes.confirm> = async (c) => {
  const { code: scanned } = c.req.valid("json");
  // the scanned link or the bare code
  const code = scanned.trim().replace(/^.*\/q\/console\//, "");
  try {
    await withUser(
      c.get("claims"),
      (tx) => tx`select public.confirm_console_login(${code})`,
    );
  } catch (e) {
    if (e instanceof AppError && e.code in CONFIRM_STATUS) {
      throw new AppError(CONFIRM_STATUS[e.code], e.code, e.message);
    }
    throw e;
  }
  return c.json({ ok: true as const }, 200);
};

// the police views under the officer's own RLS: the numbers are their department's; 403
// not_police for anyone else (private.console_overview_as, one statement, answered as is)
export const overview: AppRouteHandler<typeof routes.overview> = async (c) => {
  return asIs(c, await callAs(c.get("claims"), "private.console_overview_as"));
};
