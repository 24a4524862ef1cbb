// POST /api/scan { code }: any scanned string → kind, preview, actions or the reason why none;
// and the parsing of scanned strings by _shared/qr.ts.
import assert from "node:assert/strict";
import { parseQr, qrUrl } from "../../../_shared/qr.ts";
import {
  approvedCompany,
  declared,
  member,
  officer,
  post,
  qrBase,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { apiTest, signIn } from "../../tests/helpers.ts";

const scan = async (code: string, token: string) => {
  const res = await post("/api/scan", { code }, token);
  assert.equal(res.status, 200);
  return await res.json();
};

const TOKEN = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFi";

apiTest(
  "parseQr accepts our links, with whitespace or URL-encoded, and nothing else",
  () => {
    const url = qrUrl("company", TOKEN);
    assert.equal(url, `${qrBase()}/q/company/${TOKEN}`);
    const ok = { kind: "company", token: TOKEN };
    assert.deepEqual(parseQr(url), ok);
    assert.deepEqual(parseQr(`  ${url}\r\n`), ok);
    assert.deepEqual(parseQr(encodeURIComponent(url)), ok);
    assert.deepEqual(parseQr(qrUrl("review", TOKEN)), {
      kind: "review",
      token: TOKEN,
    });
    for (
      const bad of [
        "",
        TOKEN,
        `https://evil.example.com/q/company/${TOKEN}`,
        `${qrBase()}.evil.com/q/company/${TOKEN}`,
        `${qrBase()}/q/tip/${TOKEN}`,
        `${qrBase()}/q/company/${TOKEN}/extra`,
        `${qrBase()}/q/company/short`,
        `${qrBase()}/q/company/${TOKEN}?x=1`,
        `${qrBase()}/x/company/${TOKEN}`,
        "weixin://dl/business/?t=abc",
      ]
    ) assert.equal(parseQr(bad), null, bad);
    return Promise.resolve();
  },
);

apiTest(
  "POST /api/scan of a 单位码 offers join to a verified user without a company",
  async () => {
    const a = await approvedCompany();
    const u = await verifiedUser();
    const r = await scan(`${qrBase()}/q/company/${a.codeToken}`, u.accessToken);
    assert.deepEqual(r, {
      kind: "company",
      preview: { companyId: a.companyId, companyName: a.company.name },
      actions: ["join"],
    });
  },
);

apiTest(
  "POST /api/scan of a 单位码 by a member of a company gives already_in_company",
  async () => {
    const a = await approvedCompany();
    const b = await approvedCompany();
    const guard = await member(a.codeToken);
    const r = await scan(
      `${qrBase()}/q/company/${b.codeToken}`,
      guard.accessToken,
    );
    assert.equal(r.kind, "company");
    assert.deepEqual(r.actions, []);
    assert.equal(r.reasonCode, "already_in_company");
    assert.match(r.reason, new RegExp(a.company.name));
  },
);

apiTest(
  "POST /api/scan of a regenerated 单位码 gives code_unknown",
  async () => {
    const a = await approvedCompany();
    await post(`/api/companies/${a.companyId}/code`, {}, a.admin.accessToken);
    const r = await scan(
      `${qrBase()}/q/company/${a.codeToken}`,
      (await verifiedUser()).accessToken,
    );
    assert.deepEqual({ ...r, reason: undefined }, {
      kind: "company",
      actions: [],
      reason: undefined,
      reasonCode: "code_unknown",
    });
  },
);

apiTest(
  "POST /api/scan of a 单位码 by an unverified user gives identity_unverified",
  async () => {
    const a = await approvedCompany();
    const r = await scan(
      `${qrBase()}/q/company/${a.codeToken}`,
      (await signIn()).accessToken,
    );
    assert.equal(r.reasonCode, "identity_unverified");
    assert.deepEqual(r.actions, []);
  },
);

apiTest(
  "POST /api/scan of a 审核二维码 offers approve and reject to a covering officer",
  async () => {
    const d = await declared("cz.xb.anjia");
    const police = await officer("cz.xb");
    const r = await scan(
      `${qrBase()}/q/review/${d.reviewToken}`,
      police.accessToken,
    );
    assert.equal(r.kind, "review");
    assert.deepEqual(r.actions, ["approve", "reject"]);
    assert.equal(r.preview.id, d.declarationId);
    assert.equal(r.preview.companyName, d.company.name);
  },
);

apiTest(
  "POST /api/scan of a 审核二维码 gives not_police, out_of_scope or already_reviewed",
  async () => {
    const d = await declared("cz.xb.anjia");
    const url = `${qrBase()}/q/review/${d.reviewToken}`;
    const citizen = await scan(url, (await verifiedUser()).accessToken);
    assert.deepEqual([
      citizen.kind,
      citizen.actions,
      citizen.reasonCode,
      citizen.preview,
    ], [
      "review",
      [],
      "not_police",
      undefined,
    ]);
    const other = await scan(url, (await officer("cz.zl")).accessToken);
    assert.equal(other.reasonCode, "out_of_scope");
    assert.equal(other.preview, undefined);
    const police = await officer("cz.xb.anjia");
    await post(
      `/api/reviews/${d.reviewToken}`,
      { approve: true },
      police.accessToken,
    );
    const done = await scan(url, police.accessToken);
    assert.deepEqual([done.actions, done.reasonCode, done.preview.status], [
      [],
      "already_reviewed",
      "approved",
    ]);
  },
);

apiTest("POST /api/scan of anything else gives kind unknown", async () => {
  const u = await verifiedUser();
  for (
    const code of [
      "hello",
      `https://evil.example.com/q/company/${TOKEN}`,
      `${qrBase()}/q/review/${TOKEN}`.replace("/review/", "/tip/"),
    ]
  ) {
    const r = await scan(code, u.accessToken);
    assert.deepEqual([r.kind, r.actions, r.reasonCode], [
      "unknown",
      [],
      "not_ours",
    ], code);
  }
  const unknownReview = await scan(
    `${qrBase()}/q/review/${TOKEN}`,
    (await officer("cz")).accessToken,
  );
  assert.deepEqual([unknownReview.kind, unknownReview.reasonCode], [
    "review",
    "code_unknown",
  ]);
});

apiTest("POST /api/scan without a code answers 400 invalid_input", async () => {
  const res = await post("/api/scan", {}, (await signIn()).accessToken);
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, "invalid_input");
});
