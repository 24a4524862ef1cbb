// The people the fuzzer acts as, made through the real API and the stand-ins only: an
// unverified user, a verified user, the admin of an approved company (declared by one user,
// approved by the demo city officer), a guard of that company, and the officer. Their ids and
// tokens fill the pool, so generated requests also aim at other users' rows.
import type { Pool } from "./arbitraries.ts";

export type Persona = {
  label: string;
  phone: string;
  accessToken: string;
  refreshToken: string;
};

export class Stack {
  constructor(readonly base: string) {}

  api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.token) headers.set("authorization", `Bearer ${init.token}`);
    return fetch(`${this.base}/functions/v1${path}`, { ...init, headers });
  }

  async json<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
    const res = await this.api(path, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  post<T>(path: string, body: unknown, token?: string): Promise<T> {
    return this.json<T>(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      token,
    });
  }

  async signIn(label: string, phone: string): Promise<Persona> {
    const codes = await (await fetch(`${this.base}/_wechat/_dev/codes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone }),
    })).json();
    const s = await this.post<{ accessToken: string; refreshToken: string }>(
      "/api/auth/wechat",
      codes,
    );
    return { label, phone, accessToken: s.accessToken, refreshToken: s.refreshToken };
  }

  /** A fresh access token for the persona: refreshed, or signed in again after a logout. */
  async renew(p: Persona): Promise<void> {
    const res = await this.api("/api/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken: p.refreshToken }),
    });
    if (res.ok) {
      const s = await res.json();
      p.accessToken = s.accessToken;
      p.refreshToken = s.refreshToken;
      return;
    }
    await res.body?.cancel();
    Object.assign(p, await this.signIn(p.label, p.phone));
  }

  async verified(label: string, phone: string, name: string, idNumber: string): Promise<Persona> {
    const p = await this.signIn(label, phone);
    await (await fetch(`${this.base}/_registry/_dev/persons`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, idNumber, phone }),
    })).body?.cancel();
    await this.post("/api/identity/sync", {}, p.accessToken);
    return p;
  }
}

export type World = { personas: Persona[]; pool: Pool };

/**
 * Builds the personas; `run` makes phones unique per fuzz run. Officers are provisioned by
 * administrators, never through the API: `provisionOfficer` does it in the database.
 */
export async function makeWorld(
  stack: Stack,
  run: number,
  provisionOfficer: (userId: string) => Promise<void>,
): Promise<World> {
  const phone = (n: number) =>
    `166${String(run % 10000).padStart(4, "0")}${String(n).padStart(4, "0")}`;
  const officer = await stack.signIn("officer", phone(5));
  await provisionOfficer(
    (await stack.json<{ id: string }>("/api/me", { token: officer.accessToken })).id,
  );
  const unverified = await stack.signIn("unverified", phone(1));
  const verified = await stack.verified("verified", phone(2), "王芳", idNumber(run, 2));
  const admin = await stack.verified("admin", phone(3), "李强", idNumber(run, 3));
  const guard = await stack.verified("guard", phone(4), "赵敏", idNumber(run, 4));

  const listed = await stack.json<Dept[] | { items: Dept[] }>("/api/departments", {
    token: admin.accessToken,
  });
  const departments = Array.isArray(listed) ? listed : listed.items;
  const station = flatten(departments).find((d) => d.kind === "station");
  const registry = await stack.json<{ items: { id: string }[] }>(
    "/api/registry-companies?limit=50",
    { token: admin.accessToken },
  );
  // the first registry companies nobody declared yet (the stack may have been fuzzed before)
  const declare = async (p: Persona, address: string) => {
    for (const r of registry.items) {
      const res = await stack.api("/api/companies", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          registryCompanyId: r.id,
          departmentId: station!.id,
          address,
          contactPhone: p.phone,
        }),
        token: p.accessToken,
      });
      if (res.ok) return await res.json() as { id: string; reviewQr: string };
      await res.body?.cancel();
    }
    throw new Error("no registry company left to declare");
  };
  const declared = await declare(admin, "常州市新北区通江中路 88 号");
  const reviewToken = declared.reviewQr.split("/").at(-1)!;
  await stack.post(`/api/reviews/${reviewToken}`, { approve: true }, officer.accessToken);
  // a second, pending declaration by the verified user: another review token in the pool
  const pending = await declare(verified, "常州市天宁区延陵西路 1 号");

  const me = async (p: Persona) =>
    (await stack.json<{ id: string }>("/api/me", { token: p.accessToken })).id;
  const uuids = [
    declared.id,
    pending.id,
    station!.id,
    ...registry.items.slice(0, 5).map((r) => r.id),
    await me(officer),
    await me(unverified),
    await me(verified),
    await me(admin),
    await me(guard),
  ];
  const tokens = [reviewToken, pending.reviewQr.split("/").at(-1)!, declared.reviewQr];
  return { personas: [officer, unverified, verified, admin, guard], pool: { uuids, tokens } };
}

/** Adds what only the database knows (the 单位码 token) and lets the guard join with it. */
export async function joinGuard(
  stack: Stack,
  world: World,
  codeToken: string,
  membershipIds: () => Promise<string[]>,
): Promise<void> {
  const guard = world.personas.find((p) => p.label === "guard")!;
  await stack.post(
    "/api/companies/join",
    { token: codeToken, hasGuardCertificate: true },
    guard.accessToken,
  );
  world.pool.tokens.push(codeToken);
  world.pool.uuids.push(...await membershipIds());
}

/** A valid GB 11643 number unique per run and persona. */
function idNumber(run: number, n: number): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first = `3204021990${String((run % 12) + 1).padStart(2, "0")}${
    String((Math.floor(run / 12) % 28) + 1).padStart(2, "0")
  }${String(n).padStart(3, "0")}`;
  const sum = [...first].reduce((s, ch, i) => s + Number(ch) * weights[i], 0);
  return first + "10X98765432"[sum % 11];
}

type Dept = { id: string; kind: string; children?: unknown[] };
function flatten(list: Dept[]): Dept[] {
  return list.flatMap((d) => [d, ...flatten((d.children ?? []) as Dept[])]);
}
