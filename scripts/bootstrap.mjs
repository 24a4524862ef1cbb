#!/usr/bin/env node
// The README's two commands (`npm start`, `npm test`) land here: a fresh clone has only
// Node and npm, so this installs the npm-side tools (the deno runtime among them) when they
// are missing, then hands over to the Deno task of the same name.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [task, ...args] = process.argv.slice(2);
const deno = join(root, "node_modules", ".bin", "deno");

if (!existsSync(deno)) {
  console.log("[1/6] 安装开发工具 (npm ci: deno, supabase CLI, Playwright)…");
  const started = Date.now();
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`      done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Deno lays node_modules out its own way (node_modules/.deno) the first time it runs here. Left
// to a long-running process, that re-layout deletes the very deno binary npm installed while it
// runs, and every child it spawns from Deno.execPath() fails; so a short `deno install` does it first.
if (!existsSync(join(root, "node_modules", ".deno"))) {
  console.log("      deno install (node_modules laid out for Deno)…");
  const r = spawnSync(deno, ["install", "--quiet"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Its own process group, so that Ctrl-C reaches the real deno process and not only the
// Node launcher that node_modules/.bin/deno is (stopping the launcher alone leaves deno running).
// `deno run` rather than `deno task`: on a clone whose node_modules npm just filled, deno 2.9.6's
// task runner panics (NotFound in task_runner.rs) before Deno has laid out node_modules itself.
const scripts = {
  start: "local/start.ts",
  test: "scripts/test.ts",
  bench: "bench/all.ts",
  "gen-api-types": "scripts/gen-api-types.ts",
};
if (!scripts[task]) {
  console.error(`usage: bootstrap.mjs (${Object.keys(scripts).join("|")}) [args…]`);
  process.exit(2);
}
const child = spawn(deno, ["run", "-A", scripts[task], ...args], {
  cwd: root,
  stdio: "inherit",
  detached: true,
});
const forward = (signal) => () => {
  try {
    process.kill(-child.pid, signal);
  } catch { /* already gone */ }
};
process.on("SIGINT", forward("SIGINT"));
process.on("SIGTERM", forward("SIGTERM"));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
