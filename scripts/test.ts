// `npm test`: every test of the project, in the order that fails fastest.
//   static   deno fmt --check, lint, check
//   pg       database + API + Storage suites on a fresh database of a real PostgreSQL
//            (127.0.0.1:5432 or TEST_PG_ADMIN_URL), the fault test (terminated backends
//            under load), then the Supabase CLI check
//   pglite   the same suites again on embedded PGlite (what `npm start` runs on)
//   fuzz     requests generated from the OpenAPI document against the whole local stack
//            (fuzz/), every answer checked against the document
//   miniapp  typecheck, weapp build, H5 build
//   weapp    the weapp build checked and run the way WeChat would (scripts/weapp/check.mjs)
//   e2e      Playwright in Chromium against the whole local stack
// A phase that cannot run on this machine is skipped with the reason, except under CI=true,
// where a missing PostgreSQL or browser is a failure.
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { migrate } from "../local/db/migrate.ts";
import { openPglite } from "../local/db/pglite.ts";
import { createFreshPostgresDb } from "../local/db/fresh.ts";
import {
  ensureConsoleBuild,
  ensureH5Build,
  ensureMiniappDeps,
  ensureWeappBuild,
} from "../local/miniapp.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({ args: Deno.args, options: { only: { type: "string" } } });
const only = args.only ? new Set(args.only.split(",")) : null;
const CI = Deno.env.get("CI") === "true";
const deno = Deno.execPath();
const adminUrl = Deno.env.get("TEST_PG_ADMIN_URL") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const suites = ["supabase", "local"];

let passed = 0, failed = 0;
const problems: string[] = [];
const timings: string[] = [];

/** Runs a command, echoing its output, and counts the pass/fail lines of the runners we use. */
async function run(
  label: string,
  cmd: string,
  argv: string[],
  env: Record<string, string> = {},
  cwd = root,
) {
  const child = new Deno.Command(cmd, { args: argv, cwd, env, stdout: "piped", stderr: "inherit" })
    .spawn();
  let text = "";
  const dec = new TextDecoder();
  for await (const chunk of child.stdout) {
    await Deno.stdout.write(chunk);
    text += dec.decode(chunk, { stream: true });
  }
  const { code } = await child.status;
  // deno test: "ok | 12 passed | 0 failed"; Playwright: "  5 passed (3.1s)" / "  1 failed"
  // deno-lint-ignore no-control-regex -- strips the ANSI colours of the runners' output
  const plain = text.replace(/\x1b\[[0-9;]*m/g, "");
  for (const m of plain.matchAll(/\|\s*(\d+) passed[^|]*\|\s*(\d+) failed/g)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  for (const m of plain.matchAll(/^\s+(\d+) (passed|failed|flaky)\b/gm)) {
    if (m[2] === "passed") passed += Number(m[1]);
    else failed += Number(m[1]);
  }
  if (code !== 0) problems.push(`${label}: exit ${code}`);
  return code === 0;
}

async function phase(name: string, fn: () => Promise<void>) {
  if (only && !only.has(name)) return;
  console.log(`\n=== ${name} ===`);
  const t = performance.now();
  try {
    await fn();
  } catch (e) {
    problems.push(`${name}: ${e instanceof Error ? e.message : e}`);
    console.error(e);
  }
  timings.push(`${name} ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

function skip(name: string, why: string) {
  if (CI) throw new Error(`${name} cannot run under CI: ${why}`);
  console.log(`(skipped: ${why})`);
}

const testEnv = (url: string, poolMax: number) => ({
  SUPABASE_DB_URL: url,
  DB_POOL_MAX: String(poolMax),
});
const denoTest = (label: string, env: Record<string, string>) =>
  run(label, deno, ["test", "-A", "--no-check=remote", ...suites], env);

await phase("static", async () => {
  await run("deno fmt", deno, ["fmt", "--check"]);
  await run("deno lint", deno, ["lint"]);
  await run("deno check", deno, ["check", "local", "scripts", "supabase", "bench", "fuzz"]);
});

await phase("pg", async () => {
  let db;
  try {
    db = await createFreshPostgresDb(adminUrl, "qunfang_test");
  } catch (e) {
    return skip("pg", `no PostgreSQL at ${adminUrl} (${e instanceof Error ? e.message : e})`);
  }
  try {
    const sql = postgres(db.url, { max: 1, prepare: false, onnotice: () => {} });
    await migrate(sql, { seed: true, log: (m) => console.log(`  ${m}`) });
    await sql.end();
    await denoTest("tests on PostgreSQL", testEnv(db.url, 5));
  } finally {
    await db.drop();
  }
  // Terminates every backend of its own fresh database under load (issue 12): not on PGlite.
  await run("fault test on PostgreSQL", deno, [
    "test",
    "-A",
    "--no-check=remote",
    "local/faults/terminate_backends.pg.ts",
  ], { TEST_PG_ADMIN_URL: adminUrl });
  await run("supabase CLI check", deno, ["run", "-A", "local/db/check-cli.ts", adminUrl]);
});

await phase("pglite", async () => {
  const lite = await openPglite();
  try {
    const sql = postgres(lite.url, { max: 1, prepare: false, onnotice: () => {} });
    await migrate(sql, { seed: true, log: (m) => console.log(`  ${m}`) });
    await sql.end();
    await denoTest("tests on PGlite", testEnv(lite.url, 1));
  } finally {
    await lite.close();
  }
});

// The stack on a port, on a fresh PostgreSQL database (several connections: faster than PGlite
// for the fuzzer's hundreds of requests); FUZZ_SEED and FUZZ_RUNS pass through.
await phase("fuzz", async () => {
  let db;
  try {
    db = await createFreshPostgresDb(adminUrl, "qunfang_fuzz");
  } catch (e) {
    return skip("fuzz", `no PostgreSQL at ${adminUrl} (${e instanceof Error ? e.message : e})`);
  }
  const port = 20000 + Math.floor(Math.random() * 20000);
  const data = await Deno.makeTempDir({ prefix: "qunfang-fuzz-" });
  const stack = new Deno.Command(deno, {
    args: ["run", "-A", "local/start.ts", "--no-build", "--port", String(port), "--data", data],
    cwd: root,
    env: { DATABASE_URL: db.url },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/functions/v1/api/openapi.json`, 120_000);
    await run("fuzz", deno, ["test", "-A", "--no-check=remote", "fuzz/"], {
      FUZZ_BASE_URL: base,
      FUZZ_DB_URL: db.url,
    });
  } finally {
    stack.kill("SIGTERM");
    await stack.status;
    await Deno.remove(data, { recursive: true });
    await db.drop();
  }
});

await phase("miniapp", async () => {
  await ensureMiniappDeps(root);
  const dir = join(root, "miniapp");
  await run("miniapp typecheck", "npm", ["run", "-s", "typecheck"], {}, dir);
  await run("weapp build", "npm", ["run", "-s", "build:weapp"], {}, dir);
  await ensureH5Build(root);
});

// The build of the miniapp phase, checked by WeChat's own tools and run in WeChat's component
// framework; alone (--only=weapp) it builds when the build is missing or older than the sources.
await phase("weapp", async () => {
  await ensureMiniappDeps(root);
  await ensureWeappBuild(root);
  await run("weapp checks", "node", ["scripts/weapp/check.mjs"]);
});

await phase("e2e", async () => {
  const chromium = await which("chromium");
  if (!chromium) return skip("e2e", "no chromium (apt-get install -y chromium)");
  await ensureH5Build(root);
  await ensureConsoleBuild(root);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const data = await Deno.makeTempDir({ prefix: "qunfang-e2e-" });
  const stack = new Deno.Command(deno, {
    args: ["run", "-A", "local/start.ts", "--no-build", "--port", String(port), "--data", data],
    cwd: root,
    env: { DATABASE_URL: "" },
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/functions/v1/api/openapi.json`, 120_000);
    await run("e2e", join(root, "node_modules/.bin/playwright"), [
      "test",
      "-c",
      "e2e/playwright.config.ts",
    ], {
      BASE_URL: base,
      CHROMIUM_PATH: chromium,
    });
  } finally {
    stack.kill("SIGTERM");
    await stack.status;
    await Deno.remove(data, { recursive: true });
  }
});

async function which(cmd: string): Promise<string | null> {
  const r = await new Deno.Command("sh", { args: ["-c", `command -v ${cmd}`], stdout: "piped" })
    .output();
  return r.success ? new TextDecoder().decode(r.stdout).trim() : null;
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      await r.body?.cancel();
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the stack did not answer ${url} within ${ms / 1000} s`);
}

console.log(`\n=== summary ===\n${timings.join("\n")}`);
if (problems.length) console.log(`problems:\n- ${problems.join("\n- ")}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
Deno.exit(problems.length || failed ? 1 : 0);
