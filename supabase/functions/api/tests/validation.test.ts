// The shared input rules, as tables.
import assert from "node:assert/strict";
import {
  idCheckChar,
  isValidChineseName,
  isValidIdNumber,
  maskName,
  maskPhone,
  plainText,
} from "../../_shared/validation.ts";

const withCheck = (first17: string) => first17 + idCheckChar(first17);

Deno.test("isValidIdNumber accepts and refuses the ID number table", () => {
  const table: [string, boolean, string][] = [
    ["11010519491231002X", true, "GB 11643 example, X check char"],
    ["320402198503120027", true, "seeded demo person"],
    ["32041219950220009X", true, "X check char"],
    [withCheck("32040220000229001"), true, "29 February of a leap year"],
    ["11010519491231002x", false, "lower-case x (the API upper-cases before checking)"],
    ["110105194912310021", false, "wrong check char"],
    [withCheck("32040219990230001"), false, "19990230 does not exist"],
    [withCheck("32040219000229001"), false, "1900 was not a leap year"],
    [withCheck("32040218991231001"), false, "born before 1900"],
    [withCheck(`320402${new Date().getFullYear() + 1}0101001`), false, "born in the future"],
    [withCheck("32040219901301001"), false, "month 13"],
    [withCheck("02040219900101001"), false, "leading zero"],
    ["32040219900101001", false, "17 characters"],
    ["3204021990010100123", false, "19 characters"],
    ["32040219900101A01X", false, "letter inside"],
    ["", false, "empty"],
  ];
  for (const [id, ok, why] of table) assert.equal(isValidIdNumber(id), ok, `${id}: ${why}`);
});

Deno.test("isValidChineseName accepts 2–50 Chinese characters or single ·", () => {
  const table: [string, boolean][] = [
    ["张三", true],
    ["欧阳娜娜", true],
    ["阿依古丽·买买提", true],
    ["张", false],
    // a transliterated Uyghur name of 23 characters, as its ID card carries it
    ["阿卜杜热合曼·买买提艾力·阿不都热依木·吐尔逊", true],
    ["张".repeat(21), true],
    ["张".repeat(50), true],
    ["张".repeat(51), false],
    ["张··三", false],
    ["🏠🏢🏠", false],
    ["Zhang San", false],
    ["张 三", false],
    ["·张三", false],
    ["张三·", false],
    ["张3", false],
  ];
  for (const [name, ok] of table) assert.equal(isValidChineseName(name), ok, name);
});

Deno.test("maskPhone and maskName hide all but the edges", () => {
  assert.equal(maskPhone("13312341188"), "133****1188");
  assert.equal(maskPhone("123"), "***");
  assert.equal(maskName("张三"), "张*");
  assert.equal(maskName("欧阳娜娜"), "欧***");
});

Deno.test("plainText refuses controls and lone surrogates, keeps lines only where multiline", () => {
  const line = plainText("地址");
  const lines = plainText("备注", { multiline: true });
  const table: [string, string | null, string | null][] = [
    // input, one-line result, multiline result (null: refused)
    ["通江中路 88 号", "通江中路 88 号", "通江中路 88 号"],
    ["第一行\n第二行", "第一行 第二行", "第一行\n第二行"],
    ["a\r\n\tb", "a b", "a\r\n\tb"],
    ["𠮷野家 😀", "𠮷野家 😀", "𠮷野家 😀"],
    ["a\u0000b", null, null],
    ["a\u0007b", null, null],
    ["a\u000bb", null, null],
    ["a\u001fb", null, null],
    ["a\u007fb", null, null],
    ["a\u0085b", null, null],
    ["a\ud800b", null, null],
    ["a\udc00", null, null],
  ];
  for (const [input, one, multi] of table) {
    const a = line.safeParse(input);
    assert.equal(a.success ? a.data : null, one, JSON.stringify(input));
    const b = lines.safeParse(input);
    assert.equal(b.success ? b.data : null, multi, JSON.stringify(input));
  }
  const refused = line.safeParse("a\u0000b");
  assert.ok(!refused.success && refused.error.issues[0].message.startsWith("地址不能含有"));
});
