// The 统一社会信用代码 of the twelve companies in the 2022 guide's 图8 search result, as printed.
// Shared by the database and the API tests of the GB 32100 check character.
export const GUIDE_CODES: string[] = [
  "91320404301884508B",
  "91320404083146987F",
  "91320411MA1MKAYW3X",
  "91320412MA1P4NU82B",
  "91320412072735743E",
  "91320412MA20R79T1M",
  "91320404MA20N0CG36",
  "91320411346089831L",
  "91320412MA1MBE111L",
  "91320412MA1TE0W56G",
  "91320404MA7EYX7TX7",
  "91320412559299242D",
];
