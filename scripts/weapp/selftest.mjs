// The checker must not pass everything: copies of the weapp build, each broken on purpose the way
// a real mistake would break it, must fail — each for its own reason, on its own line — while the
// untouched pages of the same copy still pass.
//   1. a WXML syntax error                → wcc names the file
//   2. app.json lists a page not built    → that page fails to open
//      a page whose component throws      → that page fails to render
//      a page without page-meta, a font size in rpx → the a11y checks name them (issue 14)
// Usage: node scripts/weapp/selftest.mjs [dist]
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pagesOf } from "./simulator.mjs";
import { indent, reporter } from "./report.mjs";

const dist = resolve(
  process.argv[2] ?? fileURLToPath(new URL("../../miniapp/dist/weapp", import.meta.url)),
);
const { check, results } = reporter("weapp self-test");
const tmp = mkdtempSync(join(tmpdir(), "weapp-broken-"));

function copy(name) {
  const dir = join(tmp, name);
  cpSync(dist, dir, { recursive: true, filter: (src) => !src.endsWith(".map") });
  return dir;
}

/** Runs the checker on a broken copy; it must exit non-zero. Returns its output. */
function checker(dir, only) {
  const r = spawnSync(process.execPath, [
    fileURLToPath(new URL("./check.mjs", import.meta.url)),
    `--only=${only}`,
    dir,
  ], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status === 0) throw new Error(`the checker passed a broken build:\n${indent(r.stdout)}`);
  return r.stdout;
}

/** The FAIL line of a check whose name includes `name`, with its reason lines. */
function failure(out, name) {
  const lines = out.split("\n");
  const at = lines.findIndex((l) => l.startsWith("FAIL ") && l.includes(name));
  if (at < 0) throw new Error(`no FAIL line for “${name}” in:\n${indent(out)}`);
  let end = at + 1;
  while (end < lines.length && lines[end].startsWith("       ")) end++;
  return lines.slice(at, end).join("\n");
}

const expect = (text, pattern, what) => {
  if (!pattern.test(text)) throw new Error(`${what}: ${pattern} not in:\n${indent(text)}`);
};

const pages = pagesOf(dist).map((p) => p.path);
const victim = pages.find((p) => p !== "pages/index/index" && p !== "pages/auth/index") ?? pages[0];

try {
  await check("a WXML syntax error fails wcc, naming the file", () => {
    const dir = copy("wxml");
    const file = `${victim}.wxml`;
    writeFileSync(
      join(dir, file),
      `${readFileSync(join(dir, file), "utf8")}\n<view class="broken"><text>未闭合</view>\n`,
    );
    const line = failure(checker(dir, "compile"), "wcc");
    expect(line, new RegExp(file.replace(/[/.]/g, "\\$&")), "wcc's error");
  });

  await check("a page missing from the build and a page that throws fail, and only they", () => {
    const dir = copy("pages");
    const app = JSON.parse(readFileSync(join(dir, "app.json"), "utf8"));
    app.pages.push("pages/missing/index");
    writeFileSync(join(dir, "app.json"), JSON.stringify(app));
    // The page's React component replaced by one that throws when rendered; the rest of the
    // page's code (its config, its chunk) unchanged.
    const js = join(dir, `${victim}.js`);
    const src = readFileSync(js, "utf8");
    const pattern = new RegExp(
      `\\(0,(\\w+)\\.(\\w+)\\)\\((\\w+),"${victim.replace(/[/.-]/g, "\\$&")}"`,
    );
    if (!pattern.test(src)) {
      throw new Error(`createPageConfig(…, "${victim}") not found in ${victim}.js`);
    }
    writeFileSync(
      js,
      src.replace(
        pattern,
        `(0,$1.$2)(function(){throw new Error("broken on purpose")},"${victim}"`,
      ),
    );
    // Issue 14: another page's WXML without its page-meta, and a font size back in rpx.
    const plain = pages.find((p) => p !== victim && p.startsWith("package-company/")) ?? pages[1];
    const wxml = join(dir, `${plain}.wxml`);
    writeFileSync(
      wxml,
      readFileSync(wxml, "utf8").replace(
        /<page-meta\b[\s\S]*?<\/page-meta>|<page-meta\b[^>]*\/>/,
        "",
      ),
    );
    const wxss = join(dir, `${plain}.wxss`);
    writeFileSync(wxss, `${readFileSync(wxss, "utf8")}\n.broken-on-purpose{font-size:28rpx}\n`);
    const out = checker(dir, "pages");
    expect(
      failure(out, "starts with page-meta"),
      new RegExp(`${plain.replace(/[/.-]/g, "\\$&")}\\.wxml does not start`),
      "the page without page-meta",
    );
    expect(failure(out, "sizes text in rem"), /font-size: 28rpx/, "the rpx font size");
    expect(
      failure(out, "renders pages/missing/index"),
      /pages\/missing\/index\.js is missing/,
      "the missing page",
    );
    expect(failure(out, `renders ${victim} `), /broken on purpose/, "the throwing page");
    const others = pages.filter((p) => p !== victim).filter((p) =>
      !new RegExp(`^ok .*renders ${p} `, "m").test(out)
    );
    if (others.length) {
      throw new Error(`untouched pages failed too: ${others.join(", ")}\n${indent(out)}`);
    }
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok).length;
console.log(`weapp self-test | ${results.length - failed} passed | ${failed} failed`);
process.exit(failed ? 1 : 0);
