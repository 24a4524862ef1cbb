// Throttling of the requests an attacker repeats: sign-in (each one also spends a WeChat API
// call), refresh, registration, and the 409 id_number_taken answer that tells whether an ID
// number is registered. Edge functions share no memory and run as several instances, so the
// counters live in Postgres (auth_bridge.throttle, fixed windows); one round trip counts every
// key of a request. Over a limit: 429 rate_limited, a Retry-After header, a Chinese message.
import type { Context, MiddlewareHandler } from "hono";
import type { AuthEnv } from "./auth.ts";
import { type Tx, withAuthBridge } from "./db.ts";
import { AppError } from "./errors.ts";

export type Limit = { limit: number; windowSeconds: number };

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

// Limits a real guard never meets, chosen from what one person or one network does:
// - a guard signs in once per device every 30 days (the refresh token's life), a few times on
//   a bad day: 20 sign-ins per phone an hour. One address can be a whole company's Wi-Fi at
//   shift change or a carrier NAT: 120 code exchanges per address in 10 minutes.
// - the mini-program refreshes once an hour per device: 60 per user an hour; per address the
//   same NAT argument, 600 in 10 minutes.
// - registration is done once; a few retries for a typo or a blurred photo: 10 per user an
//   hour, 60 per address an hour.
// - id_number_taken: a real person meets it once (their number is already someone's, and the
//   answer sends them to the police); 3 per user a day, 10 per address a day. An enumerator
//   gets 3 answers per account a day, and every account costs a WeChat-verified phone.
export const LIMITS = {
  signInPerAddress: { limit: 120, windowSeconds: 10 * MINUTE },
  signInPerPhone: { limit: 20, windowSeconds: HOUR },
  refreshPerAddress: { limit: 600, windowSeconds: 10 * MINUTE },
  refreshPerUser: { limit: 60, windowSeconds: HOUR },
  registerPerUser: { limit: 10, windowSeconds: HOUR },
  registerPerAddress: { limit: 60, windowSeconds: HOUR },
  idTakenPerUser: { limit: 3, windowSeconds: DAY },
  idTakenPerAddress: { limit: 10, windowSeconds: DAY },
} satisfies Record<string, Limit>;

export type Hit = { key: string } & Limit & { cost?: 0 | 1 };

/** 429 with the seconds to wait; app.onError turns retryAfter into the Retry-After header. */
export class RateLimited extends AppError {
  constructor(readonly retryAfter: number) {
    super(429, "rate_limited", `操作太频繁，请${waitText(retryAfter)}后再试`);
  }
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds}秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)}分钟`;
  return `${Math.ceil(seconds / 3600)}小时`;
}

/**
 * Counts every hit (cost 1; cost 0 only asks whether the limit is reached) and throws
 * RateLimited with the longest wait when any of them is over its limit. Hits without a key
 * (an unknown client address) are skipped.
 */
export async function throttle(hits: (Hit | null)[]): Promise<void> {
  if (hits.some((h) => h !== null)) await withAuthBridge((tx) => throttleIn(tx, hits));
}

/** throttle() inside a transaction of the auth_bridge role (a refused hit rolls it back). */
export async function throttleIn(tx: Tx, hits: (Hit | null)[]): Promise<void> {
  const rows = hits.filter((h): h is Hit => h !== null).map((h) => ({
    key: h.key.slice(0, 200),
    lim: h.limit,
    win: h.windowSeconds,
    cost: h.cost ?? 1,
  }));
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  const [{ wait }] = await tx<{ wait: number }[]>`
    select coalesce(max(auth_bridge.throttle(r.key, r.lim, r.win, r.cost)), 0)::int as wait
    from jsonb_to_recordset(${json}::text::jsonb) as r(key text, lim int, win int, cost int)`;
  if (wait > 0) throw new RateLimited(wait);
}

/** A hit of `limit` on `key`, or null when the key's subject is unknown. */
export function hit(key: string | null, limit: Limit, cost: 0 | 1 = 1): Hit | null {
  return key === null ? null : { key, ...limit, cost };
}

/**
 * The client's address: the first entry of X-Forwarded-For, which the hosted platform's proxy
 * sets to the address it received the request from. A client can prepend a made-up entry
 * behind a proxy that appends, which is why every limit on an address is paired with one on
 * the phone or the user. A first entry that is no address at all is such a made-up one: those
 * requests share the one key `unparsed` (it used to be null, which switched the address limits
 * off for anyone who sent `X-Forwarded-For: x`). Null when there is no such header (tests, the
 * local stack).
 */
export function clientAddress(c: Context): string | null {
  const header = c.req.header("x-forwarded-for");
  if (header === undefined) return null;
  const first = header.split(",")[0].trim();
  return /^[0-9a-fA-F:.]{2,45}$/.test(first) ? first : "unparsed";
}

/** Middleware that throttles before anything of the body is read (after requireAuth). */
export function throttleBy(
  hits: (c: Context<AuthEnv>) => (Hit | null)[],
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    await throttle(hits(c));
    await next();
  };
}

/** The keys of self-registration: attempts, and whether id_number_taken answers are spent. */
export function registrationHits(c: Context<AuthEnv>, idTakenCost: 0 | 1): (Hit | null)[] {
  const user = c.get("claims").sub;
  const address = clientAddress(c);
  return [
    ...(idTakenCost === 0
      ? [
        hit(`register:user:${user}`, LIMITS.registerPerUser),
        hit(address && `register:addr:${address}`, LIMITS.registerPerAddress),
      ]
      : []),
    hit(`idtaken:user:${user}`, LIMITS.idTakenPerUser, idTakenCost),
    hit(address && `idtaken:addr:${address}`, LIMITS.idTakenPerAddress, idTakenCost),
  ];
}
