// WeChat's own CI package on the weapp build, offline: the compile an upload runs (es7 + minify:
// parses every JS, WXML and WXSS, checks app.json and the page and component paths), the code
// analysis, and the code-quality check whose package sizes are WeChat's own numbers (the budget).
// Usage: node scripts/weapp/wechat-ci.mjs <dist>
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { miniRequire, pagesOf } from "./simulator.mjs";
import { reporter } from "./report.mjs";

const dist = resolve(process.argv[2]);
const { check, results } = reporter("weapp ci");
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

// checkCodeQuality's size items are enforced: the main package under 1.5 MB (its own threshold,
// below WeChat's hard 2 MB), media under 200 KB, no JS or components in the main package that only
// subpackages use. On top, WeChat's hard limits per subpackage (2 MB) and in total (20 MB) on the
// sizes it reports. Its other items (compression and lazy loading switches of the uploader's
// project settings) are printed as advice.
const SIZE_CHECKS = [
  "PACKAGE_SIZE_LIMIT",
  "IMAGE_AND_AUDIO_LIMIT",
  "CONTAINS_OTHER_PKG_JS",
  "CONTAINS_OTHER_PKG_COMPONENTS",
];
const MB = 1024 * 1024;

// miniprogram-ci talks to its own child process and, before some calls, to WeChat's servers:
// quiet its chatter so the phase's output stays readable (errors still show in the results).
const log = console.log;
console.log = (...args) => {
  if (typeof args[0] === "string" && /^(ok|FAIL) /.test(args[0])) log(...args);
};

const ci = miniRequire("miniprogram-ci");
// A throwaway RSA key: miniprogram-ci insists on one; offline it signs nothing.
const keyDir = mkdtempSync(join(tmpdir(), "weapp-ci-"));
const keyPath = join(keyDir, "private.key");
writeFileSync(
  keyPath,
  generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey,
);
const project = new ci.Project({
  appid: "wx0000000000000000",
  type: "miniProgram",
  projectPath: dist,
  privateKeyPath: keyPath,
  ignores: ["**/*.map", "**/*.LICENSE.txt"],
  // Without `attr` every call first asks WeChat's server for the project's attributes.
  attr: () => Promise.resolve(ci.DefaultProjectAttr),
});

// miniprogram-ci gives its compiler process 20 s to start (PROCESS_READY_TIMEOUT, not settable);
// on a busy machine that start alone can take longer. That one failure, of the tool and not of our
// build, is retried (twice); every other error fails the check.
async function retried(call) {
  for (let attempt = 1;; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (attempt > 2 || !/fork process timeout/.test(e?.message ?? "")) throw e;
      process.stderr.write(
        `miniprogram-ci: its compiler process did not start in 20 s; again (${attempt})\n`,
      );
    }
  }
}

try {
  await check(
    "getCompiledResult (es7 + minify): JS, WXML, WXSS, app.json and paths compile as an upload would",
    async () => {
      const out = await retried(() =>
        ci.getCompiledResult({
          project,
          setting: { es7: true, minify: true },
          onProgressUpdate: () => {},
        })
      );
      const files = Object.keys(out);
      const missing = pagesOf(dist).map((p) => p.path).filter((p) =>
        !files.some((f) => f.startsWith(`${p}.`))
      );
      if (missing.length) throw new Error(`compiled result lacks the pages ${missing.join(", ")}`);
      return `${files.length} files`;
    },
  );

  await check("analyseCode", async () => {
    const a = await retried(() => ci.analyseCode(project, { silent: true }));
    if (!a?.files?.length) throw new Error("analyseCode found no files");
    const by = {};
    for (const f of a.files) {
      by[f.subPackage ?? "main"] = (by[f.subPackage ?? "main"] ?? 0) + f.size;
    }
    return Object.entries(by).map(([k, v]) => `${k} ${kb(v)}`).join(", ");
  });

  await check("checkCodeQuality: package sizes within WeChat's limits", async () => {
    const items = await retried(() => ci.checkCodeQuality(project));
    const bad = items.filter((i) => SIZE_CHECKS.includes(i.name) && !i.success);
    const sizes = items.find((i) => i.name === "PACKAGE_SIZE_LIMIT")?.detail ?? {};
    if (!sizes.__APP__) {
      throw new Error(`checkCodeQuality reported no package sizes: ${JSON.stringify(items)}`);
    }
    const report = Object.entries(sizes).map(([k, v]) => `${k === "__APP__" ? "main" : k} ${kb(v)}`)
      .join(", ");
    const advice = items.filter((i) => !SIZE_CHECKS.includes(i.name) && !i.success).map((i) =>
      i.name
    );
    const problems = bad.map((i) => `${i.name}: ${i.text} ${JSON.stringify(i.detail ?? "")}`);
    for (const [k, v] of Object.entries(sizes)) {
      if (k !== "__APP__" && v > 2 * MB) {
        problems.push(`subpackage ${k} is ${kb(v)}: WeChat's limit is 2 MB`);
      }
    }
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    if (total > 20 * MB) {
      problems.push(`all packages together are ${kb(total)}: WeChat's limit is 20 MB`);
    }
    if (problems.length) throw new Error(`${problems.join("\n")}\n(sizes: ${report})`);
    return `${report}${advice.length ? ` (advice not enforced: ${advice.join(", ")})` : ""}`;
  });
} finally {
  rmSync(keyDir, { recursive: true, force: true });
}
process.exit(results.some((r) => !r.ok) ? 1 : 0);
