// Adds up the axe watcher's findings (test-results/**/axe.json, see axe-watch.ts) per page state:
// for each state, the elements in violation (per rule, the most any test saw), counted by impact.
// `node e2e/axe-summary.mjs [test-results]` prints a table, and the JSON with --json.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "test-results";
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name === "axe.json") files.push(p);
  }
};
walk(dir);

const states = new Map();
for (const f of files) {
  for (const s of JSON.parse(readFileSync(f, "utf8")).states) {
    const rules = states.get(s.state) ?? new Map();
    for (const v of s.findings) {
      const nodes = v.nodes ?? v.targets.length; // older files kept only the first targets
      const before = rules.get(v.rule);
      rules.set(v.rule, { impact: v.impact, nodes: Math.max(nodes, before?.nodes ?? 0) });
    }
    states.set(s.state, rules);
  }
}
const rows = [...states.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([state, rules]) => {
  const c = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const { impact, nodes } of rules.values()) c[impact] += nodes;
  return { state, ...c, rules: [...rules.keys()].join(" ") };
});
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const total = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const r of rows) for (const k of Object.keys(total)) total[k] += r[k];
  console.log("| page state | critical | serious | moderate | minor | rules |\n|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.state} | ${r.critical} | ${r.serious} | ${r.moderate} | ${r.minor} | ${r.rules} |`);
  console.log(`| **${rows.length} states** | ${total.critical} | ${total.serious} | ${total.moderate} | ${total.minor} | |`);
}
