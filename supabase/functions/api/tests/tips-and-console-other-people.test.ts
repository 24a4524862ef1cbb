// Other people's tips, tip photos and the police console, over HTTP through the real app:
// A's admin, zone admin and guard, the reporter herself, B's station officer (奔牛派出所: the
// anonymous tip is theirs, the named tip of 安家派出所 is not) and an officer of 天宁分局's
// 翠竹派出所. Each refusal answers its status and stable code and writes nothing (every table an
// operation could touch, fingerprinted as the table owner); a tip one may not see answers as a
// tip that does not exist; an anonymous reporter appears in no answer an officer gets.
import assert from "node:assert/strict";
import { apiTest, base } from "./helpers.ts";
import {
  assertRefused,
  attempt,
  type Fixture,
  once,
  request,
  writesNothing,
} from "./two-companies-fixtures.ts";

const fixture = once();

type Who = "aAdmin" | "aZoneAdmin" | "aGuard" | "citizen" | "bOfficer" | "farOfficer";
const A_SIDE: Who[] = ["aAdmin", "aZoneAdmin", "aGuard"];

function userOf(f: Fixture, who: Who) {
  return {
    aAdmin: f.a.admin,
    aZoneAdmin: f.a.zoneAdmin,
    aGuard: f.a.guard,
    citizen: f.citizen,
    bOfficer: f.stationOfficer,
    farOfficer: f.farOfficer,
  }[who];
}
const tokenOf = (f: Fixture, who: Who) => userOf(f, who).accessToken;

type Row = {
  method: string;
  path: string; // {anon} the anonymous tip (奔牛), {named} the named tip (安家), {X} a random id
  body?: unknown;
  who: Who[];
  answer: [number, string];
};

const HANDLE = ["accept", "close", "refuse", "reassign"] as const;
const handleBody = (action: string, f: Fixture) =>
  action === "reassign" ? { departmentId: f.a.zone.id } : { note: "不属实" };

const ROWS: Row[] = [
  {
    method: "GET",
    path: "/api/tips/{anon}",
    who: [...A_SIDE, "farOfficer"],
    answer: [404, "tip_not_found"],
  },
  {
    method: "GET",
    path: "/api/tips/{named}",
    who: [...A_SIDE, "bOfficer", "farOfficer"],
    answer: [404, "tip_not_found"],
  },
  {
    method: "GET",
    path: "/api/tips/{X}",
    who: [...A_SIDE, "citizen", "bOfficer", "farOfficer"],
    answer: [404, "tip_not_found"],
  },
  ...HANDLE.flatMap((action): Row[] => [
    {
      method: "POST",
      path: `/api/tips/{anon}/${action}`,
      who: [...A_SIDE, "citizen"],
      answer: [403, "not_police"],
    },
    {
      method: "POST",
      path: `/api/tips/{anon}/${action}`,
      who: ["farOfficer"],
      answer: [404, "tip_not_found"],
    },
    {
      method: "POST",
      path: `/api/tips/{named}/${action}`,
      who: ["bOfficer", "farOfficer"],
      answer: [404, "tip_not_found"],
    },
    {
      method: "POST",
      path: `/api/tips/{X}/${action}`,
      who: ["bOfficer", "farOfficer"],
      answer: [404, "tip_not_found"],
    },
  ]),
  {
    method: "POST",
    path: "/api/tips/{anon}/messages",
    body: { body: "你是谁" },
    who: [...A_SIDE, "farOfficer"],
    answer: [404, "tip_not_found"],
  },
  {
    method: "POST",
    path: "/api/tips/{named}/messages",
    body: { body: "你是谁" },
    who: ["bOfficer"],
    answer: [404, "tip_not_found"],
  },
  {
    method: "POST",
    path: "/api/tips/{X}/messages",
    body: { body: "你是谁" },
    who: [...A_SIDE, "farOfficer"],
    answer: [404, "tip_not_found"],
  },
  {
    method: "POST",
    path: "/api/tips/{anon}/blacklist",
    body: { reason: "恶意举报" },
    who: [...A_SIDE, "citizen", "bOfficer", "farOfficer"],
    answer: [403, "not_supervisor"],
  },
  {
    method: "GET",
    path: "/api/tip-inbox",
    who: [...A_SIDE, "citizen"],
    answer: [403, "not_police"],
  },
  {
    method: "GET",
    path: "/api/tip-supervision",
    who: [...A_SIDE, "citizen", "bOfficer", "farOfficer"],
    answer: [403, "not_supervisor"],
  },
  { method: "GET", path: "/api/reviews", who: [...A_SIDE, "citizen"], answer: [403, "not_police"] },
];

const CONSOLE_TABLES = ["reviews", "companies", "zones", "on-duty", "attendance", "tips", "audit"];
const CONSOLE_PATHS = [
  "/api/console/overview",
  "/api/console/charts",
  ...CONSOLE_TABLES.flatMap((t) => [`/api/console/${t}`, `/api/console/${t}/csv`]),
  "/api/console/companies/{B}/staff",
  "/api/console/companies/{B}/staff/csv",
];
for (const path of CONSOLE_PATHS) {
  ROWS.push({ method: "GET", path, who: [...A_SIDE, "citizen"], answer: [403, "not_police"] });
}

function pathOf(f: Fixture, template: string): string {
  return template.replace("{anon}", f.anonymousTip).replace("{named}", f.namedTip)
    .replace("{B}", f.b.company.companyId).replace("{X}", crypto.randomUUID());
}

for (const row of ROWS) {
  const [status, code] = row.answer;
  apiTest(
    `${row.method} ${row.path} by ${row.who.join(", ")} answers ${status} ${code}, writes nothing`,
    async () => {
      const f = await fixture();
      await writesNothing(`${row.method} ${row.path}`, async () => {
        for (const who of row.who) {
          const action = HANDLE.find((a) => row.path.endsWith(`/${a}`));
          const body = row.body ?? (action ? handleBody(action, f) : undefined);
          const got = await request(
            row.method,
            pathOf(f, row.path),
            tokenOf(f, who),
            body ?? (row.method === "POST" ? {} : undefined),
          );
          assertRefused(got, status, code, who);
        }
      });
    },
  );
}

/** What would name the reporter of the anonymous tip: her user id, her (unique) name, her phone.
 * (Not the masked phone: another person's may end in the same four digits.) */
async function reporterMarks(f: Fixture): Promise<string[]> {
  const { admin } = await import("./companies-fixtures.ts");
  const [p] = await admin()<{ name: string; phone: string }[]>`
    select name, phone from public.profiles where user_id = ${f.citizen.user.id}`;
  return [f.citizen.user.id, p.name, p.phone];
}

apiTest(
  "the anonymous tip's officer reads, replies and lists it without any mark of its reporter",
  async () => {
    const f = await fixture();
    const marks = await reporterMarks(f);
    // the reporter writes in the thread first, so that her message is in what the officer reads
    const mine = await attempt(
      "POST",
      `/api/tips/${f.anonymousTip}/messages`,
      f.citizen.accessToken,
      {
        body: "补充：车是蓝色的",
      },
    );
    assert.equal(mine.status, 201, mine.body);
    const reply = await attempt(
      "POST",
      `/api/tips/${f.anonymousTip}/messages`,
      f.stationOfficer.accessToken,
      { body: "已收到" },
    );
    assert.equal(reply.status, 201, reply.body);
    const reads = [
      `/api/tips/${f.anonymousTip}`,
      "/api/tip-inbox?status=all&limit=50",
      "/api/console/tips?limit=50",
      "/api/console/tips/csv",
      "/api/console/audit?limit=50",
      "/api/console/audit/csv",
      "/api/console/overview",
      "/api/console/charts",
    ];
    for (const path of reads) {
      const got = await attempt("GET", path, f.stationOfficer.accessToken);
      assert.equal(got.status, 200, `${path}: ${got.body.slice(0, 200)}`);
      assert.deepEqual(got.wrote, [], path);
      for (const mark of marks) {
        assert.ok(!got.body.includes(mark), `${path} names the reporter (${mark})`);
      }
    }
    const detail = JSON.parse(
      (await attempt("GET", `/api/tips/${f.anonymousTip}`, f.stationOfficer.accessToken)).body,
    );
    assert.equal(detail.reporter, null);
    assert.equal(detail.reporterBlacklisted, null);
    assert.deepEqual(
      detail.messages.map((m: { author: string; fromPolice: boolean }) => [m.fromPolice, m.author]),
      [[false, "匿名"], [true, "奔牛派出所"]],
    );
    assert.equal(detail.photos.length, 1);
  },
);

apiTest(
  "GET /api/tip-inbox?departmentId= of another station and /api/tips/mine of others list nothing",
  async () => {
    const f = await fixture();
    const { departmentId } = await import("./companies-fixtures.ts");
    const anjia = await departmentId("cz.xb.anjia");
    const inbox = await attempt(
      "GET",
      `/api/tip-inbox?status=all&departmentId=${anjia}`,
      f.stationOfficer.accessToken,
    );
    assert.equal(inbox.status, 200);
    assert.deepEqual(JSON.parse(inbox.body).items, []);
    for (const who of [...A_SIDE, "bOfficer", "farOfficer"] as Who[]) {
      const got = await attempt("GET", "/api/tips/mine?limit=50", tokenOf(f, who));
      assert.equal(got.status, 200);
      assert.ok(!got.body.includes(f.anonymousTip) && !got.body.includes(f.namedTip), who);
    }
  },
);

apiTest(
  "the police console of an officer of another 分局 shows nothing of A or B; B's station none of A",
  async () => {
    const f = await fixture();
    const aMarks = [f.a.company.companyId, f.a.zone.id, f.a.company.company.name, f.namedTip];
    const bMarks = [f.b.company.companyId, f.b.zone.id, f.b.company.company.name, f.anonymousTip];
    const paths = [
      ...CONSOLE_TABLES.map((t) => `/api/console/${t}?limit=50`),
      "/api/console/charts",
      `/api/console/companies/${f.a.company.companyId}/staff`,
      `/api/console/companies/${f.b.company.companyId}/staff`,
    ];
    for (const path of paths) {
      const far = await attempt("GET", path, f.farOfficer.accessToken);
      assert.equal(far.status, 200, path);
      for (const mark of [...aMarks, ...bMarks]) {
        assert.ok(!far.body.includes(mark), `天宁's officer sees ${mark} in ${path}`);
      }
      const near = await attempt("GET", path, f.stationOfficer.accessToken);
      assert.equal(near.status, 200, path);
      for (const mark of aMarks) {
        assert.ok(!near.body.includes(mark), `奔牛's officer sees A's ${mark} in ${path}`);
      }
    }
    // the staff of another company's: an empty page, as for a company that does not exist
    for (const id of [f.a.company.companyId, crypto.randomUUID()]) {
      const got = await attempt(
        "GET",
        `/api/console/companies/${id}/staff`,
        f.stationOfficer.accessToken,
      );
      assert.deepEqual(JSON.parse(got.body), { items: [], nextCursor: null });
    }
  },
);

apiTest(
  "Storage: a tip photo opens to its reporter and its station only; nobody removes it",
  async () => {
    const f = await fixture();
    const anonKey = Deno.env.get("SUPABASE_ANON_KEY")!;
    const storage = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`${base}/storage/v1${path}`, {
        ...init,
        headers: { apikey: anonKey, authorization: `Bearer ${token}`, ...init.headers },
      });
    const tries = (path: string) =>
      [
        ["GET", `/object/authenticated/tip-photos/${path}`, undefined],
        ["GET", `/object/info/tip-photos/${path}`, undefined],
        ["POST", `/object/sign/tip-photos/${path}`, JSON.stringify({ expiresIn: 60 })],
      ] as const;
    const readers: [string, string, boolean][] = [
      ["citizen", f.citizen.accessToken, true],
      ["bOfficer", f.stationOfficer.accessToken, true],
      ...[...A_SIDE, "farOfficer" as const].map((w): [string, string, boolean] => [
        w,
        tokenOf(f, w),
        false,
      ]),
      ["anon key", anonKey, false],
    ];
    for (const [who, token, allowed] of readers) {
      for (const [method, path, body] of tries(f.photoPath)) {
        const res = await storage(path, token, {
          method,
          body,
          headers: body ? { "content-type": "application/json" } : {},
        });
        const text = await res.text();
        if (allowed) assert.equal(res.status, 200, `${who} ${method} ${path}`);
        else {
          // the answer of an object that does not exist: nothing tells the photo is there
          assert.equal(res.status, 400, `${who} ${method} ${path}`);
          assert.equal(JSON.parse(text).code, "NoSuchKey", `${who} ${method} ${path}`);
        }
      }
    }
    for (
      const [who, token] of [["citizen", f.citizen.accessToken], [
        "bOfficer",
        f.stationOfficer.accessToken,
      ]]
    ) {
      const res = await storage(`/object/tip-photos/${f.photoPath}`, token, { method: "DELETE" });
      await res.body?.cancel();
      assert.notEqual(res.status, 200, who);
      const bulk = await storage("/object/tip-photos", token, {
        method: "DELETE",
        body: JSON.stringify({ prefixes: [f.photoPath] }),
        headers: { "content-type": "application/json" },
      });
      assert.deepEqual(await bulk.json(), [], who);
    }
    // still there, and still the reporter's evidence
    const still = await storage(
      `/object/authenticated/tip-photos/${f.photoPath}`,
      f.citizen.accessToken,
    );
    assert.equal(still.status, 200);
    assert.equal(still.headers.get("content-type"), "image/jpeg");
    await still.body?.cancel();
    // no upload into the sent tip's folder, nor into one's own folder without the API's token
    for (const folder of [f.photoPath.split("/")[0], f.citizen.user.id]) {
      const res = await storage(`/object/tip-photos/${folder}/extra.jpg`, f.citizen.accessToken, {
        method: "POST",
        body: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
        headers: { "content-type": "image/jpeg" },
      });
      assert.equal(JSON.parse(await res.text()).code, "AccessDenied", folder);
    }
  },
);
