// Threat: a registry row (or a declaration built on it) carrying a mistyped or forged
// 统一社会信用代码. The GB 32100 check character catches every single-character change.
import {
  assertEquals,
  assertPgError,
  asUser,
  creditCheckChar,
  dbTest,
  newUser,
  sql,
} from "./_helpers.ts";
import { GUIDE_CODES } from "./guide-codes.ts";

const CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Every code with exactly one character replaced by another valid code character. */
function oneCharChanged(code: string): string[] {
  return [...code].map((c, i) => {
    const other = CHARS[(CHARS.indexOf(c) + 1 + (i % 7)) % CHARS.length];
    return code.slice(0, i) + other + code.slice(i + 1);
  });
}

async function validity(codes: string[]): Promise<boolean[]> {
  const rows = await sql<{ ok: boolean }[]>`
    select private.is_valid_credit_code(c) as ok
    from unnest(${codes}::text[]) with ordinality as t (c, n) order by n`;
  return rows.map((r) => r.ok);
}

dbTest("the twelve credit codes of the guide validate", async () => {
  assertEquals(await validity(GUIDE_CODES), GUIDE_CODES.map(() => true));
  // and the test's own implementation agrees, so fixtures built with it are valid
  for (const code of GUIDE_CODES) assertEquals(creditCheckChar(code.slice(0, 17)), code[17]);
});

dbTest("each guide code with one character changed does not validate", async () => {
  for (const code of GUIDE_CODES) {
    const changed = oneCharChanged(code);
    assertEquals(changed.length, 18);
    assertEquals(changed.every((c) => c !== code), true);
    assertEquals(await validity(changed), changed.map(() => false), code);
  }
});

dbTest("malformed codes do not validate", async () => {
  const bad = [
    "",
    "91320404301884508",
    "91320404301884508BB",
    "91320404301884508b", // lowercase
    "9132040430188450OB", // O is not a code character
    "91320404301884508I",
    " 91320404301884508B",
  ];
  assertEquals(await validity(bad), bad.map(() => false));
  const [row] = await sql`select private.is_valid_credit_code(null) as ok`;
  assertEquals(row.ok, false);
});

dbTest("the registry holds every guide company and refuses an invalid code", async () => {
  const a = await newUser();
  const rows = await asUser(
    a.id,
    (tx) =>
      tx<{ name: string; credit_code: string }[]>`
      select name, credit_code from public.registry_companies
      where credit_code = any(${GUIDE_CODES}::text[])`,
  );
  assertEquals(rows.length, 12);
  assertEquals(
    rows.find((r) => r.credit_code === "91320404301884508B")?.name,
    "上海沪杰保安服务有限公司常州分公司",
  );
  const [, typo] = oneCharChanged("91320412559299242D");
  await assertPgError(
    () =>
      sql`insert into public.registry_companies (name, credit_code) values ('错码保安公司', ${typo})`,
    "23514",
  );
});
