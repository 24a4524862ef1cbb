// Control characters in free text (issue 9). PostgreSQL's text and jsonb cannot hold U+0000,
// so a NUL that reached SQL surfaced as a 500 on most routes; the other C0/C1 controls and lone
// surrogates are never what a person typed. Every free-text field of the API goes through one
// schema helper (_shared/validation.ts `plainText`), which refuses them as 400 invalid_input
// before anything is written; a line break in a one-line field becomes a space. One test per
// route kind.
import assert from "node:assert/strict";
import { apiTest, get, post, signIn } from "./helpers.ts";
import {
  admin,
  approvedCompany,
  declared,
  officer,
  registryCompany,
  verifiedUser,
} from "./companies-fixtures.ts";
import { createZone, send, zoneForm } from "./zones-fixtures.ts";
import { departmentIdOf, sendTip, supervisor, tipBody } from "../routes/tips/tips-fixtures.ts";

/** Controls a client could slip in, and a lone surrogate (no character at all). */
const CONTROLS = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009f",
  "\ud800",
];

async function refused(res: Response, what: string) {
  const text = await res.text();
  assert.equal(res.status, 400, `${what}: ${res.status} ${text}`);
  const body = JSON.parse(text);
  assert.equal(body.error.code, "invalid_input", `${what}: ${text}`);
  assert.match(body.error.message, /[\u4e00-\u9fff]/, what);
}

/** In a URL: the controls (a lone surrogate has no UTF-8 form to percent-encode). */
const IN_URL = CONTROLS.filter((c) => c !== "\ud800");
const q = (s: string) => encodeURIComponent(s);

apiTest(
  "control characters in a search query (GET ?q=) are refused with 400, not 500",
  async () => {
    const company = await approvedCompany();
    const zone = await createZone(company);
    const token = company.admin.accessToken;
    for (const c of IN_URL) {
      await refused(
        await get(`/api/registry-companies?q=${q(`沪杰${c}`)}`, token),
        "registry",
      );
      await refused(
        await get(
          `/api/companies/${company.companyId}/staff?q=${q(`张${c}`)}`,
          token,
        ),
        "staff",
      );
      await refused(await get(`/api/zones?q=${q(`巡区${c}`)}`, token), "zones");
      await refused(
        await get(`/api/zones/${zone.id}/members?q=${q(`张${c}`)}`, token),
        "members",
      );
    }
    // ordinary text still searches, and a pasted line break is a space
    const found = await get(`/api/registry-companies?q=${q("上海沪杰\n")}`, token);
    assert.equal(found.status, 200);
    const { items } = await found.json();
    assert.ok(items.some((c: { name: string }) => c.name.includes("沪杰")));
  },
);

apiTest(
  "control characters in a declaration's address or phone are refused, nothing written",
  async () => {
    const user = await verifiedUser();
    const company = await registryCompany();
    const form = {
      registryCompanyId: company.id,
      departmentId: await departmentIdOf("cz.xb.anjia"),
      address: "常州市新北区通江中路 88 号",
      contactPhone: user.phone,
    };
    for (const c of CONTROLS) {
      await refused(
        await post(
          "/api/companies",
          { ...form, address: `通江中路${c}88 号` },
          user.accessToken,
        ),
        "address",
      );
      await refused(
        await post(
          "/api/companies",
          { ...form, contactPhone: `${user.phone}${c}` },
          user.accessToken,
        ),
        "phone",
      );
    }
    const before = await admin()`
      select 1 from public.companies where registry_company_id = ${company.id}`;
    assert.equal(before.length, 0);
    // the address is a Textarea: a line typed in it becomes a space
    const ok = await post(
      "/api/companies",
      { ...form, address: "通江中路\r\n88 号" },
      user.accessToken,
    );
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal((await ok.json()).address, "通江中路 88 号");
  },
);

apiTest(
  "control characters in a zone's name, address, description or remark are refused",
  async () => {
    const company = await approvedCompany();
    const token = company.admin.accessToken;
    const zone = await createZone(company, { remark: "第一行\n第二行" }); // a remark may have lines
    for (const c of CONTROLS) {
      for (const field of ["name", "address", "addressDetail", "remark"]) {
        await refused(
          await post(
            "/api/zones",
            await zoneForm({ [field]: `东门${c}岗` }),
            token,
          ),
          `create ${field}`,
        );
        await refused(
          await send("PATCH", `/api/zones/${zone.id}`, token, {
            [field]: `东门${c}岗`,
          }),
          `edit ${field}`,
        );
      }
    }
    const zones = await admin()<{ remark: string }[]>`
      select remark from public.zones where company_id = ${company.companyId}`;
    assert.deepEqual(zones.map((z) => z.remark), ["第一行\n第二行"]);
    // a name is one line: a pasted line break becomes a space
    const named = await post("/api/zones", await zoneForm({ name: "东门\n岗" }), token);
    assert.equal(named.status, 201, await named.clone().text());
    assert.equal((await named.json()).name, "东门 岗");
  },
);

apiTest(
  "control characters in a QR code's content (join, scan, duty, console) are refused",
  async () => {
    const company = await approvedCompany();
    const user = await verifiedUser();
    for (const c of CONTROLS) {
      await refused(
        await post("/api/companies/join", {
          token: `${company.codeToken}${c}`,
          hasGuardCertificate: true,
        }, user.accessToken),
        "join",
      );
      await refused(
        await post(
          "/api/scan",
          { code: `https://qunfang.example.cn/q/zone/x${c}` },
          user.accessToken,
        ),
        "scan",
      );
      await refused(
        await post("/api/duty/preview", { code: `zone${c}` }, user.accessToken),
        "duty preview",
      );
      await refused(
        await post("/api/duty", {
          code: `zone${c}`,
          action: "auto",
          requestId: crypto.randomUUID(),
        }, user.accessToken),
        "duty",
      );
      await refused(
        await post(
          "/api/console/logins/confirm",
          { code: `login${c}` },
          user.accessToken,
        ),
        "console confirm",
      );
    }
  },
);

apiTest(
  "control characters in a review's reason or token are refused, the declaration untouched",
  async () => {
    const d = await declared();
    const police = await officer("cz.xb");
    for (const c of CONTROLS) {
      await refused(
        await post(
          `/api/reviews/${d.reviewToken}`,
          { approve: false, reason: `材料${c}不全` },
          police.accessToken,
        ),
        "reason",
      );
    }
    for (const c of IN_URL) {
      await refused(
        await get(`/api/reviews/${d.reviewToken}${q(c)}`, police.accessToken),
        "token",
      );
    }
    const [row] = await admin()<{ status: string }[]>`
    select status::text from public.companies where id = ${d.declarationId}`;
    assert.equal(row.status, "pending");
  },
);

apiTest(
  "control characters in a tip, a message, a note or a blacklist reason are refused",
  async () => {
    const reporter = await verifiedUser();
    const tip = await sendTip(reporter, {
      departmentId: await departmentIdOf("cz.xb.anjia"),
    });
    const police = await officer("cz.xb.anjia");
    const sup = await supervisor();
    for (const c of CONTROLS) {
      await refused(
        await post(
          "/api/tips",
          tipBody({ content: `东门${c}有人` }),
          reporter.accessToken,
        ),
        "content",
      );
      await refused(
        await post(
          "/api/tips",
          tipBody({ place: `东门${c}` }),
          reporter.accessToken,
        ),
        "place",
      );
      await refused(
        await post(
          `/api/tips/${tip.id}/messages`,
          { body: `补充${c}` },
          reporter.accessToken,
        ),
        "message",
      );
      await refused(
        await post(
          `/api/tips/${tip.id}/accept`,
          { note: `受理${c}` },
          police.accessToken,
        ),
        "note",
      );
      await refused(
        await post(
          `/api/tips/${tip.id}/blacklist`,
          { reason: `恶意${c}` },
          sup.accessToken,
        ),
        "reason",
      );
    }
    // a tip's content and a message may span lines
    assert.equal(
      (await post(
        `/api/tips/${tip.id}/messages`,
        { body: "第一行\r\n第二行\t完" },
        reporter.accessToken,
      )).status,
      201,
    );
    const [t] = await admin()<
      { status: string }[]
    >`select status::text from public.tips where id = ${tip.id}`;
    assert.equal(t.status, "pending");
  },
);

apiTest(
  "control characters in sign-in codes and tokens are refused, not sent on",
  async () => {
    for (const c of CONTROLS) {
      await refused(
        await post("/api/auth/wechat", {
          loginCode: `abc${c}`,
          phoneCode: "def",
        }),
        "loginCode",
      );
      await refused(
        await post("/api/auth/refresh", { refreshToken: `abc${c}` }),
        "refreshToken",
      );
    }
    const s = await signIn();
    await refused(
      await post(
        `/api/console/logins/${crypto.randomUUID()}/poll`,
        { pollSecret: "a\u0000b" },
        s.accessToken,
      ),
      "pollSecret",
    );
  },
);
