// Client-side checks that give an early, clear message. The server is the authority: it runs the
// same rules (supabase/functions/_shared/validation.ts and the database's check constraint).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** null when valid, otherwise the Chinese message to show under the field. */
export function idNumberProblem(raw: string): string | null {
  const value = raw.trim().toUpperCase()
  if (!value) return '请输入身份证号码'
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return '身份证号码应为18位（前17位为数字，最后一位为数字或X）'
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  const realDate = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  if (y < 1900 || !realDate || date.getTime() > Date.now()) return '身份证号码中的出生日期不正确'
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return '身份证号码校验位不正确，请核对后重新输入'
  return null
}

/** The longest name accepted (as the API and the database): minority names run past 20. */
export const NAME_MAX = 50
const NAME_PATTERN = /^[\u4e00-\u9fff\u3400-\u4dbf·]+$/

export function nameProblem(raw: string): string | null {
  const value = raw.trim()
  if (!value) return '请输入姓名'
  if ([...value].length > NAME_MAX) return `姓名不能超过 ${NAME_MAX} 个字`
  if ([...value].length < 2 || !NAME_PATTERN.test(value) || value.startsWith('·') || value.endsWith('·') || value.includes('··')) {
    return '姓名须为 2 个以上汉字（少数民族姓名可含 ·）'
  }
  return null
}

// Letters, digits and Chinese characters; emoji (the same classes as the API's isRealText).
const REAL_CHAR = /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u3400-\u4dbf\u4e00-\u9fff]/g
const EMOJI = /[\u{1F000}-\u{1FAFF}\u2600-\u27BF\uFE0F\u200D]/u
export const ADDRESS_MAX = 100

/** null when the address can be submitted, otherwise the message to show under it. */
export function addressProblem(raw: string): string | null {
  const value = raw.trim()
  const n = [...value].length
  if (n < 2) return '请输入经营地址（2–100 个字）'
  if (n > ADDRESS_MAX) return `经营地址不能超过 ${ADDRESS_MAX} 个字（现 ${n} 个字）`
  if ((value.match(REAL_CHAR)?.length ?? 0) < 2 || EMOJI.test(value)) return '经营地址须填写文字，不能只有表情或符号'
  return null
}

export function phoneProblem(raw: string): string | null {
  return /^1[3-9]\d{9}$/.test(raw.trim()) ? null : '请输入11位手机号码'
}
