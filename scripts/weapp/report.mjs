// One line per check, `ok …` or `FAIL …` with the reason indented under it; check.mjs counts
// these lines (also from its child processes) and prints the total the test driver reads.

export function reporter(prefix) {
  const results = [];
  return {
    results,
    async check(name, fn) {
      const t = performance.now();
      try {
        const note = await fn();
        const ms = Math.round(performance.now() - t);
        console.log(`ok   ${prefix} › ${name} (${ms} ms)${note ? ` ${note}` : ""}`);
        results.push({ name, ok: true });
      } catch (e) {
        console.log(
          `FAIL ${prefix} › ${name}\n${indent(e instanceof Error ? e.message : String(e))}`,
        );
        results.push({ name, ok: false });
      }
    },
  };
}

export const indent = (text) =>
  String(text).split("\n").slice(0, 30).map((l) => `       ${l}`).join("\n");

/** Counts the ok/FAIL lines of a check's output. */
export function count(text) {
  return {
    passed: (text.match(/^ok {3}/gm) ?? []).length,
    failed: (text.match(/^FAIL /gm) ?? []).length,
  };
}
