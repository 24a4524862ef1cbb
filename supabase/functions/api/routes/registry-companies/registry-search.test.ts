// GET /api/registry-companies: the registry a declaration picks from. The twelve companies of the
// guide's 图8 are there with codes that pass the GB 32100 check; a changed character fails it.
import assert from "node:assert/strict";
import { isValidCreditCode } from "../../../_shared/credit-code.ts";
import {
  admin,
  approvedCompany,
  declared,
  errorOf,
  get,
  randomCreditCode,
  registryCompany,
} from "../../tests/companies-fixtures.ts";
import { apiTest, signIn } from "../../tests/helpers.ts";
import { GUIDE_CODES } from "../../../../tests/guide-codes.ts";

type Item = { id: string; name: string; creditCode: string };

/** Every page of a search, following nextCursor. */
async function allPages(token: string, q: string, limit: number) {
  const items: Item[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const qs = new URLSearchParams({
      q,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    const res = await get(`/api/registry-companies?${qs}`, token);
    assert.equal(res.status, 200);
    const page = await res.json() as {
      items: Item[];
      nextCursor: string | null;
    };
    items.push(...page.items);
    pages.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, pages };
}

/** The code with character i replaced by another character of the alphabet. */
function changed(code: string, i: number): string {
  const next = code[i] === "0" ? "1" : code[i] === "9" ? "8" : "0";
  return code.slice(0, i) + next + code.slice(i + 1);
}

apiTest(
  "GET /api/registry-companies?q= finds the twelve companies of the guide, whose codes validate",
  async () => {
    const s = await signIn();
    const { items } = await allPages(s.accessToken, "保安服务", 7);
    const byCode = new Map(items.map((i) => [i.creditCode, i]));
    for (const code of GUIDE_CODES) {
      const item = byCode.get(code);
      assert.ok(item, `${code} listed`);
      assert.match(item.name, /保安服务/);
      assert.ok(isValidCreditCode(item.creditCode), `${code} passes GB 32100`);
    }
    const hujie = byCode.get("91320404301884508B")!;
    assert.equal(hujie.name, "上海沪杰保安服务有限公司常州分公司");
  },
);

apiTest(
  "GET /api/registry-companies?q= a guide code with one character changed answers 400 credit_code_invalid",
  async () => {
    const s = await signIn();
    for (const code of GUIDE_CODES) {
      for (const i of [3, 10, 17]) {
        const bad = changed(code, i);
        assert.equal(isValidCreditCode(bad), false, `${bad} (from ${code})`);
        const [{ ok }] = await admin()`select private.is_valid_credit_code(${bad}) as ok`;
        assert.equal(ok, false, `SQL refuses ${bad}`);
      }
      // typed in full with a wrong check character: the code is invalid, not 未找到该单位
      const res = await get(
        `/api/registry-companies?q=${changed(code, 17)}`,
        s.accessToken,
      );
      assert.deepEqual(await errorOf(res), [400, "credit_code_invalid"]);
    }
  },
);

apiTest(
  "GET /api/registry-companies?q= searches by a credit code prefix",
  async () => {
    const s = await signIn();
    const res = await get(
      "/api/registry-companies?q=91320404301884508b",
      s.accessToken,
    );
    const { items } = await res.json();
    assert.deepEqual(items.map((i: Item) => i.name), [
      "上海沪杰保安服务有限公司常州分公司",
    ]);
  },
);

apiTest(
  "GET /api/registry-companies pages by keyset in name order without gaps or repeats",
  async () => {
    const s = await signIn();
    // Seven companies of this test alone (other tests add registry companies too).
    const marker = `翻页${crypto.randomUUID().slice(0, 8)}`;
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const name = `常州${marker}${"甲乙丙丁戊己庚"[i]}保安服务有限公司`;
      const [row] = await admin()<{ id: string }[]>`
        insert into public.registry_companies (name, credit_code)
        values (${name}, ${randomCreditCode()})
        returning id`;
      made.push(row.id);
    }
    const whole = await (await get(
      `/api/registry-companies?q=${marker}&limit=50`,
      s.accessToken,
    ))
      .json();
    assert.equal(whole.items.length, 7);
    assert.equal(whole.nextCursor, null);
    assert.deepEqual(
      new Set(whole.items.map((i: Item) => i.id)),
      new Set(made),
    );
    const { items, pages } = await allPages(s.accessToken, marker, 3);
    assert.deepEqual(pages, [3, 3, 1]);
    assert.deepEqual(
      items.map((i) => i.id),
      whole.items.map((i: Item) => i.id),
    );
  },
);

apiTest(
  "GET /api/registry-companies treats % and _ as plain characters",
  async () => {
    const s = await signIn();
    for (const q of ["%", "_"]) {
      const res = await get(
        `/api/registry-companies?q=${encodeURIComponent(q)}`,
        s.accessToken,
      );
      assert.deepEqual((await res.json()).items, [], q);
    }
  },
);

apiTest(
  "GET /api/registry-companies with a forged cursor answers 400 cursor_invalid",
  async () => {
    const s = await signIn();
    const res = await get(
      "/api/registry-companies?cursor=bm90LWEtY3Vyc29y",
      s.accessToken,
    );
    assert.deepEqual(await errorOf(res), [400, "cursor_invalid"]);
  },
);

apiTest(
  "GET /api/registry-companies without a token answers 401 token_missing",
  async () => {
    assert.deepEqual(
      await errorOf(await get("/api/registry-companies?q=保安")),
      [
        401,
        "token_missing",
      ],
    );
  },
);

apiTest(
  "GET /api/registry-companies marks companies already declared (pending, approved) before 提交",
  async () => {
    const s = await signIn();
    const [free, pending, approved] = [
      await registryCompany(),
      (await declared()).company,
      (await approvedCompany()).company,
    ];
    const declaredOf = async (code: string) => {
      const res = await get(`/api/registry-companies?q=${code}`, s.accessToken);
      const items = (await res.json()).items as { declared: string | null }[];
      assert.equal(items.length, 1, code);
      return items[0].declared;
    };
    assert.equal(await declaredOf(free.code), null);
    assert.equal(await declaredOf(pending.code), "pending");
    assert.equal(await declaredOf(approved.code), "approved");
  },
);

apiTest(
  "GET /api/registry-companies?q= a lower-case full code with a wrong check character is invalid too",
  async () => {
    const s = await signIn();
    const good = randomCreditCode();
    const bad = changed(good, 17).toLowerCase();
    const res = await get(`/api/registry-companies?q=${bad}`, s.accessToken);
    const body = await res.json();
    assert.equal(res.status, 400);
    assert.equal(body.error.code, "credit_code_invalid");
    assert.match(body.error.message, /统一社会信用代码/);
  },
);
