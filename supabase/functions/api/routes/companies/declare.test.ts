// POST /api/companies (申报保安单位) and GET /api/companies/mine: the declaration, its review QR,
// and every refusal, each of which writes nothing.
import assert from "node:assert/strict";
import {
  admin,
  approvedCompany,
  declared,
  decodeQrPng,
  departmentId,
  errorOf,
  get,
  officer,
  post,
  qrBase,
  registryCompany,
  verifiedUser,
} from "../../tests/companies-fixtures.ts";
import { apiTest, signIn } from "../../tests/helpers.ts";

const declarationsOf = async (userId: string) =>
  Number(
    (await admin()`select count(*)::int as n from public.companies where declarant_id = ${userId}`)[
      0
    ]
      .n,
  );

async function body(over: Record<string, unknown> = {}) {
  return {
    registryCompanyId: (await registryCompany()).id,
    departmentId: await departmentId("cz.xb.anjia"),
    address: "常州市新北区通江中路 88 号",
    contactPhone: "13912345678",
    ...over,
  };
}

apiTest(
  "POST /api/companies declares a company: pending, 保安服务企业, with a review QR link",
  async () => {
    const u = await verifiedUser();
    const company = await registryCompany();
    const res = await post("/api/companies", {
      ...(await body()),
      registryCompanyId: company.id,
      address: "  常州市新北区通江中路 88 号 ",
    }, u.accessToken);
    assert.equal(res.status, 200);
    const d = await res.json();
    assert.equal(d.status, "pending");
    assert.equal(d.companyName, company.name);
    assert.equal(d.creditCode, company.code);
    assert.equal(d.industry, "保安服务企业");
    assert.equal(d.departmentName, "新北分局 安家派出所");
    assert.equal(d.address, "常州市新北区通江中路 88 号");
    assert.equal(d.reviewedAt, null);
    const [row] = await admin()<{ review_token: string }[]>`
      select review_token from public.companies where id = ${d.id}`;
    assert.equal(d.reviewQr, `${qrBase()}/q/review/${row.review_token}`);
  },
);

apiTest(
  "GET /api/companies/mine shows the pending declaration and no membership",
  async () => {
    const d = await declared();
    const res = await get("/api/companies/mine", d.declarant.accessToken);
    assert.equal(res.status, 200);
    const mine = await res.json();
    assert.equal(mine.declaration.id, d.declarationId);
    assert.equal(mine.declaration.status, "pending");
    assert.equal(mine.membership, null);
  },
);

apiTest(
  "GET /api/companies/mine of a user who never declared is empty",
  async () => {
    const u = await signIn();
    const mine = await (await get("/api/companies/mine", u.accessToken)).json();
    assert.deepEqual(mine, { declaration: null, membership: null });
  },
);

apiTest(
  "GET /api/companies/mine/review-qr.png is a PNG whose QR decodes to the review link",
  async () => {
    const d = await declared();
    const text = await decodeQrPng(
      await get("/api/companies/mine/review-qr.png", d.declarant.accessToken),
    );
    assert.equal(text, `${qrBase()}/q/review/${d.reviewToken}`);
  },
);

apiTest(
  "GET /api/companies/mine/review-qr.png after the review answers 404 declaration_not_pending",
  async () => {
    const d = await declared();
    const police = await officer("cz.xb.anjia");
    await post(
      `/api/reviews/${d.reviewToken}`,
      { approve: true },
      police.accessToken,
    );
    const res = await get(
      "/api/companies/mine/review-qr.png",
      d.declarant.accessToken,
    );
    assert.deepEqual(await errorOf(res), [404, "declaration_not_pending"]);
    const mine = await (await get("/api/companies/mine", d.declarant.accessToken)).json();
    assert.equal(mine.declaration.status, "approved");
    assert.equal(mine.declaration.reviewQr, null);
    assert.equal(mine.membership.role, "admin");
  },
);

const refusals: [
  string,
  () => Promise<Record<string, unknown>>,
  number,
  string,
][] = [
  [
    "a landline",
    async () => await body({ contactPhone: "051988001234" }),
    400,
    "phone_invalid",
  ],
  [
    "a 12-digit mobile",
    async () => await body({ contactPhone: "139123456789" }),
    400,
    "phone_invalid",
  ],
  [
    "an empty address",
    async () => await body({ address: "  " }),
    400,
    "address_invalid",
  ],
  [
    "a 101-character address",
    async () => await body({ address: "路".repeat(101) }),
    400,
    "address_invalid",
  ],
  [
    "an address of emoji only (🏠🏢🏠)",
    async () => await body({ address: "🏠🏢🏠" }),
    400,
    "address_invalid",
  ],
  [
    "an address of one character among emoji",
    async () => await body({ address: "🏠路🏢" }),
    400,
    "address_invalid",
  ],
  [
    "a 分局 as department",
    async () => await body({ departmentId: await departmentId("cz.xb") }),
    400,
    "department_invalid",
  ],
  [
    "an unknown registry company",
    async () => await body({ registryCompanyId: crypto.randomUUID() }),
    404,
    "registry_company_not_found",
  ],
  [
    "no registry company",
    async () => await body({ registryCompanyId: "x" }),
    400,
    "invalid_input",
  ],
];

for (const [what, make, status, code] of refusals) {
  apiTest(
    `POST /api/companies with ${what} answers ${status} ${code} and writes nothing`,
    async () => {
      const u = await verifiedUser();
      const res = await post("/api/companies", await make(), u.accessToken);
      assert.deepEqual(await errorOf(res), [status, code]);
      assert.equal(await declarationsOf(u.user.id), 0);
    },
  );
}

apiTest(
  "POST /api/companies by an unverified user answers 403 identity_unverified and writes nothing",
  async () => {
    const u = await signIn();
    const res = await post("/api/companies", await body(), u.accessToken);
    assert.deepEqual(await errorOf(res), [403, "identity_unverified"]);
    assert.equal(await declarationsOf(u.user.id), 0);
  },
);

apiTest(
  "POST /api/companies of a company already declared answers 409 company_already_declared",
  async () => {
    const first = await declared();
    const u = await verifiedUser();
    const res = await post(
      "/api/companies",
      await body({ registryCompanyId: first.company.id }),
      u.accessToken,
    );
    assert.deepEqual(await errorOf(res), [409, "company_already_declared"]);
    assert.equal(await declarationsOf(u.user.id), 0);
    const [{ n }] = await admin()`
      select count(*)::int as n from public.companies where registry_company_id = ${first.company.id}`;
    assert.equal(n, 1);
  },
);

apiTest(
  "POST /api/companies a second time while pending answers 409 declaration_pending",
  async () => {
    const d = await declared();
    const res = await post(
      "/api/companies",
      await body(),
      d.declarant.accessToken,
    );
    assert.deepEqual(await errorOf(res), [409, "declaration_pending"]);
    assert.equal(await declarationsOf(d.declarant.user.id), 1);
  },
);

apiTest(
  "POST /api/companies of a rejected company may declare it again",
  async () => {
    const d = await declared();
    const police = await officer("cz.xb.anjia");
    const rejected = await post(
      `/api/reviews/${d.reviewToken}`,
      { approve: false, reason: "经营地址不符" },
      police.accessToken,
    );
    assert.equal(rejected.status, 200);
    const mine = await (await get("/api/companies/mine", d.declarant.accessToken)).json();
    assert.equal(mine.declaration.status, "rejected");
    assert.equal(mine.declaration.rejectReason, "经营地址不符");
    const again = await post(
      "/api/companies",
      await body({ registryCompanyId: d.company.id }),
      d.declarant.accessToken,
    );
    assert.equal(again.status, 200);
    const second = await again.json();
    assert.notEqual(second.id, d.declarationId);
    assert.equal(second.status, "pending");
    assert.notEqual(second.reviewQr, `${qrBase()}/q/review/${d.reviewToken}`);
  },
);

apiTest(
  "POST /api/companies by a member of a company answers 409 already_in_company",
  async () => {
    const a = await approvedCompany();
    const res = await post(
      "/api/companies",
      await body(),
      a.admin.accessToken,
    );
    assert.deepEqual(await errorOf(res), [409, "already_in_company"]);
    assert.equal(await declarationsOf(a.admin.user.id), 1);
  },
);

apiTest("POST /api/companies by a police officer answers 403 police_cannot_declare", async () => {
  const police = await officer("cz.xb.anjia");
  const res = await post("/api/companies", await body(), police.accessToken);
  assert.deepEqual(await errorOf(res), [403, "police_cannot_declare"]);
  assert.equal(await declarationsOf(police.user.id), 0);
});
