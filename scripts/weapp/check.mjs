// The weapp build checked and run the way WeChat would (issue 11). Three checks, two of them in
// child processes that run side by side (miniprogram-ci is slow and mostly waits on its own
// compiler process; the simulator needs a process of its own for its globals):
//   compile  WeChat's wcc / wcsc over every WXML, WXS and WXSS file          (compilers.mjs)
//   pages    every page of app.json rendered in WeChat's component framework,
//            and the WeChat-only paths against a recording `wx`                (pages.mjs)
//   ci       miniprogram-ci offline: compile as uploaded, analyse, code quality (wechat-ci.mjs)
//   selftest broken copies of the build must fail, each for its own reason     (selftest.mjs)
// Prints one `ok`/`FAIL` line per check and `weapp | N passed | N failed` (read by scripts/test.ts).
// Usage: node scripts/weapp/check.mjs [--only=compile,pages,ci,selftest] [dist]   (dist: miniapp/dist/weapp)
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileWxml, compileWxss } from "./compilers.mjs";
import { count, indent, reporter } from "./report.mjs";

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const runs = (name) => !only || only.includes(name);
const dist = resolve(
  args.find((a) => !a.startsWith("--")) ??
    fileURLToPath(new URL("../../miniapp/dist/weapp", import.meta.url)),
);
if (!existsSync(resolve(dist, "app.json"))) {
  console.log(`FAIL weapp › no weapp build at ${dist} (npm run build:weapp in miniapp/)`);
  console.log("weapp | 0 passed | 1 failed");
  process.exit(1);
}

const started = performance.now();
/** Runs one of our check scripts; resolves with its output once it ends (a crash is a FAIL). */
function child(script, name, onStderr = () => {}) {
  return new Promise((done) => {
    const p = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), dist], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "", err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => {
      err += d;
      onStderr(err);
    });
    p.on("close", (code) => {
      if (code !== 0 && !/^FAIL /m.test(out)) {
        out += `FAIL weapp › ${name} exited ${code}\n${
          indent(err.trim().split("\n").slice(-15).join("\n"))
        }\n`;
      }
      done(out);
    });
  });
}

// miniprogram-ci keeps one core busy; the simulator, then the self-test, take the other.
// miniprogram-ci's compiler process must start within 20 s (its own limit): the others wait until
// it has started, or the ci check has ended, so as not to slow that start down.
let started_ = () => {};
const ciStarted = new Promise((r) => (started_ = r));
const ci = runs("ci")
  ? child("./wechat-ci.mjs", "miniprogram-ci", (err) => /forkProcess done/.test(err) && started_())
  : null;
if (ci) ci.then(started_);
else started_();
await ciStarted;
const pages = runs("pages") ? child("./pages.mjs", "the page simulator") : null;
const selfTest = runs("selftest")
  ? (pages ?? Promise.resolve()).then(() => child("./selftest.mjs", "the checker's self-test"))
  : null;

const compile = reporter("weapp compile");
let text = "";
const log = console.log;
console.log = (line) => {
  text += `${line}\n`;
  log(line);
};
if (runs("compile")) {
  await compile.check("wcc: every WXML and WXS file", () => compileWxml(dist));
  await compile.check("wcsc: every WXSS file", () => compileWxss(dist));
}
console.log = log;

for (const running of [pages, selfTest, ci]) {
  if (running === null) continue;
  // Only this script's total line is for the test driver: children's totals would count twice.
  const out = (await running).replace(/^.*\| \d+ passed \| \d+ failed\n?/gm, "");
  process.stdout.write(out);
  text += out;
}
const { passed, failed } = count(text);
log(`weapp checks in ${((performance.now() - started) / 1000).toFixed(1)} s`);
log(`weapp | ${passed} passed | ${failed} failed`);
process.exit(failed ? 1 : 0);
