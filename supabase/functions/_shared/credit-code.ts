// 统一社会信用代码 (GB 32100-2015): 18 characters of a 31-symbol alphabet (no I, O, S, V, Z),
// the last one a check character. The database enforces the same rule
// (private.is_valid_credit_code); this gives the API and its tests the same answer early.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character of the first 17 characters (which must be of the alphabet). */
export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(value: string): boolean {
  return CREDIT_CODE_PATTERN.test(value) && creditCheckChar(value.slice(0, 17)) === value[17];
}
