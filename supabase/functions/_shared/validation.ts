// Input rules shared by the API: the resident ID number (GB 11643), Chinese names, phone
// masking, and the zod → Chinese message bridge. The database enforces the same ID and name
// rules (private.is_valid_id_number, register_identity); these give the early, clear answer.
import { z } from "@hono/zod-openapi";
import { AppError } from "./errors.ts";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** 18 characters, a real birth date (1900 … today), correct check character ('X' upper). */
export function isValidIdNumber(value: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d || date.getTime() > Date.now()
  ) return false;
  return idCheckChar(value.slice(0, 17)) === value[17];
}

/** The longest name accepted: transliterated minority names on ID cards run past 20 characters. */
export const NAME_MAX = 50;
export const NAME_PATTERN = /^[\u4e00-\u9fff\u3400-\u4dbf·]+$/u;

/** 2–50 Chinese characters or single · between them (private.is_valid_person_name). */
export function isValidChineseName(value: string): boolean {
  const n = [...value].length;
  return n >= 2 && n <= NAME_MAX && NAME_PATTERN.test(value) && !value.startsWith("·") &&
    !value.endsWith("·") && !value.includes("··");
}

// Letters, digits (half and full width) and Chinese characters; emoji and pictographs
// (private.is_real_text uses the same classes).
const REAL_CHAR = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u3400-\u4dbf\u4e00-\u9fff]/gu;
const EMOJI = /[\u{1F000}-\u{1FAFF}\u2600-\u27BF\uFE0F\u200D]/u;

/** Free text (an address) with at least two real characters and no emoji. */
export function isRealText(value: string): boolean {
  return (value.match(REAL_CHAR)?.length ?? 0) >= 2 && !EMOJI.test(value);
}

export const CN_MOBILE = /^1[3-9]\d{9}$/;

/** "13312341188" → "133****1188". */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : "***";
}

/** "张三丰" → "张**". */
export function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + "*".repeat(Math.max(chars.length - 1, 1));
}

// deno-lint-ignore no-control-regex -- these ARE the characters refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAKS = /[\t\n\r]+/g;

/**
 * Every free-text field of the API (names, addresses, remarks, reasons, notes, messages, search
 * queries, scanned codes and tokens) starts here. PostgreSQL's text and jsonb cannot hold U+0000
 * (a NUL reaching SQL is a 500), a lone UTF-16 surrogate is no character at all, and the other C0
 * and C1 controls are never what a person typed: all are refused as 400 invalid_input with a
 * message naming the field. Tab, line feed and carriage return are kept in a `multiline` field
 * (a tip, a message, a remark, a reason); elsewhere they become one space (a Textarea address or
 * a pasted search word), so the field stays one line. Chain .trim(), .min(), .max() after it.
 */
export function plainText(label: string, o: { multiline?: boolean; missing?: string } = {}) {
  const base = z.string({ error: o.missing ?? `${label}须为文字` })
    .refine((v) => v.isWellFormed() && !CONTROL.test(v), {
      error: `${label}不能含有控制字符等无效字符`,
    });
  return o.multiline ? base : base.overwrite((v) => v.replace(LINE_BREAKS, " "));
}

export const nameSchema = z.string({ error: "请填写姓名" }).trim()
  .refine((v) => [...v].length <= NAME_MAX, { error: `姓名不能超过 ${NAME_MAX} 个字` })
  .refine(isValidChineseName, { error: "姓名须为 2 个以上汉字（少数民族姓名可含 ·）" })
  .openapi({ example: "张三", description: `姓名，2–${NAME_MAX} 个汉字或 ·` });

export const idNumberSchema = z.string({ error: "请填写身份证号码" }).trim()
  .transform((v) => v.toUpperCase())
  .refine(isValidIdNumber, { error: "身份证号码不正确（18 位，校验位或出生日期有误）" })
  .openapi({ example: "32040219900307001X", description: "18 位居民身份证号码" });

// The field names of the API in Chinese, so that a 400 names what to fix.
const LABELS: Record<string, string> = {
  loginCode: "登录凭证 loginCode",
  phoneCode: "手机号凭证 phoneCode",
  refreshToken: "刷新令牌 refreshToken",
  name: "姓名",
  idNumber: "身份证号码",
  photo: "头像",
};

const HAS_CJK = /[\u4e00-\u9fff]/;

/** The first zod issue as a 400 invalid_input whose Chinese message names the field. */
export function invalidInput(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") ?? "";
  const label = LABELS[field] ?? (field || "请求体");
  const short = label.split(" ")[0];
  // A Chinese message was written for its field and is shown as it is (prefixing the label
  // gave "姓名：请输入巡区名称" for a zone's name); zod's own English ones become "<label>格式不正确".
  const message = issue && HAS_CJK.test(issue.message) ? issue.message : `${short}格式不正确`;
  return new AppError(400, "invalid_input", message);
}
