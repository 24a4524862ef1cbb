// ID numbers for test users, shared by the database and the API suites (one test process runs
// both against one database). Picked at random, two of a run's ~2,000 users now and then got
// the same number (id_number_taken, a flaky fixture even over six districts and 65 years);
// consecutive numbers from a random start never repeat within the process.
import { idCheckChar } from "../functions/_shared/validation.ts";

const CZ_DISTRICTS = ["320402", "320404", "320411", "320412", "320413", "320481"];
const DAYS = 65 * 365; // birth dates 1940-01-01 … 2004
let next = crypto.getRandomValues(new Uint32Array(1))[0] % (DAYS * 1000);

/** A valid ID number of a 常州 district (birth 1940–2004), new in this process; optionally one
 * whose check character is X. */
export function testIdNumber(checkChar?: "X"): string {
  for (;;) {
    const n = next++ % (DAYS * 1000);
    const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(n / 1000) * 86_400_000);
    const ymd = day.toISOString().slice(0, 10).replaceAll("-", "");
    const district = CZ_DISTRICTS[crypto.getRandomValues(new Uint8Array(1))[0] % 6];
    const first17 = `${district}${ymd}${String(n % 1000).padStart(3, "0")}`;
    const check = idCheckChar(first17);
    if (!checkChar || check === checkChar) return first17 + check;
  }
}
