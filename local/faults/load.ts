// A bounded load for the fault runs (the PostgreSQL-phase fault test and bench/faults.ts):
// workers that alternately sign in (a write: a new session row, acknowledged by its 200) and read
// /api/me, each request timed with its status and Retry-After. Afterwards, every acknowledged
// sign-in is looked for in the database.
import { decodeJwt } from "jose";
import type postgres from "postgres";

export type Outcome = {
  kind: "signin" | "me" | "probe";
  start: number;
  end: number;
  status: number; // 0: no HTTP answer (connection refused or reset)
  retryAfter: string | null;
  code: string | null;
};

// A request unanswered this long counts as failed (status 0) instead of stalling the run.
const HANG_MS = 10_000;

export type LoadResult = { outcomes: Outcome[]; acknowledgedSessions: string[] };

async function signIn(base: string, phone: string): Promise<Response> {
  const codes = await (await fetch(`${base}/_wechat/_dev/codes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phone }),
  })).json();
  return await fetch(`${base}/functions/v1/api/auth/wechat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(codes),
    signal: AbortSignal.timeout(HANG_MS),
  });
}

let phoneSeq = 0;
const nextPhone = () =>
  `134${String((Date.now() % 1e5) * 1000 + (phoneSeq++ % 1000)).padStart(8, "0").slice(-8)}`;

/**
 * Runs `workers` loops until `until()` is true; a small pause keeps the load bounded. Besides, a
 * probe reads /api/me every `probeMs` without waiting for the previous one, so that recovery is
 * seen when it happens, not when a worker is done with a slow request.
 */
export async function runLoad(
  base: string,
  o: {
    workers: number;
    until: () => boolean;
    pauseMs?: number;
    probeMs?: number;
    maxSignIns?: number;
  },
): Promise<LoadResult> {
  const outcomes: Outcome[] = [];
  const acknowledgedSessions: string[] = [];
  let token: string | null = null;
  const probes: Promise<void>[] = [];
  const probe = async () => {
    const start = performance.now();
    let res: Response | null = null;
    let code: string | null = null;
    try {
      res = await fetch(`${base}/functions/v1/api/me`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(HANG_MS),
      });
      code = (await res.json().catch(() => null))?.error?.code ?? null;
    } catch { /* no answer: status 0 */ }
    outcomes.push({
      kind: "probe",
      start,
      end: performance.now(),
      status: res?.status ?? 0,
      retryAfter: res?.headers.get("retry-after") ?? null,
      code,
    });
  };
  const prober = setInterval(() => {
    if (token && !o.until()) probes.push(probe());
  }, o.probeMs ?? 50);
  // Sign-ins are throttled per client address (120 in 10 minutes, _shared/throttle.ts): the
  // load stays under that, and reads fill the rest.
  let signIns = 0;
  const worker = async (w: number) => {
    for (let i = 0; !o.until(); i++) {
      const write = !token || ((i + w) % 2 === 0 && signIns < (o.maxSignIns ?? 100));
      const kind = write ? "signin" : "me";
      if (write) signIns++;
      const start = performance.now();
      let res: Response | null = null;
      let body: { accessToken?: string; error?: { code: string } } | null = null;
      try {
        res = kind === "signin"
          ? await signIn(base, nextPhone())
          : await fetch(`${base}/functions/v1/api/me`, {
            headers: { authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(HANG_MS),
          });
        body = await res.json().catch(() => null);
      } catch { /* no answer: counted as status 0 */ }
      const end = performance.now();
      outcomes.push({
        kind,
        start,
        end,
        status: res?.status ?? 0,
        retryAfter: res?.headers.get("retry-after") ?? null,
        code: body?.error?.code ?? null,
      });
      if (kind === "signin" && res?.status === 200 && body?.accessToken) {
        token = body.accessToken;
        acknowledgedSessions.push(String(decodeJwt(body.accessToken).session_id));
      }
      if (o.pauseMs) await new Promise((r) => setTimeout(r, o.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: o.workers }, (_, w) => worker(w)));
  clearInterval(prober);
  await Promise.all(probes);
  outcomes.sort((a, b) => a.start - b.start);
  return { outcomes, acknowledgedSessions };
}

/** The acknowledged sessions missing from the database (should be none). */
export async function lostSessions(sql: postgres.Sql, ids: string[]): Promise<string[]> {
  const found = await sql<{ id: string }[]>`
    select id::text from auth_bridge.sessions where id = any(${ids}::uuid[])`;
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

/**
 * Recovery after a fault at `t`: how long after `t` the first request that then succeeded was
 * sent (its own duration is the load's, not the fault's: on a busy machine a sign-in alone
 * takes a good part of a second).
 */
export function recoveryAfter(outcomes: Outcome[], t: number): number | null {
  const ok = outcomes.find((x) => x.start >= t && x.status === 200);
  return ok ? ok.start - t : null;
}
