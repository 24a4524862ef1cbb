// Installing and building the mini-program for the local stack, only when the sources changed
// since the last build: a warm start must not pay the ~30 s of a Taro build.
import { join } from "node:path";

async function mtime(path: string): Promise<number> {
  try {
    return (await Deno.stat(path)).mtime?.getTime() ?? 0;
  } catch {
    return 0;
  }
}

/** Newest modification time below a folder (sources only: small, no node_modules). */
async function newest(path: string): Promise<number> {
  let max = await mtime(path);
  try {
    for await (const e of Deno.readDir(path)) {
      const p = join(path, e.name);
      max = Math.max(max, e.isDirectory ? await newest(p) : await mtime(p));
    }
  } catch { /* a file, or missing */ }
  return max;
}

export type Output = { log: (line: string) => void; write: (bytes: Uint8Array) => void };
const console_: Output = {
  log: (line) => console.log(line),
  write: (bytes) => Deno.stderr.writeSync(bytes),
};

// The tools' own output (npm's, and Taro's progress bar, tips and webpack's notes) is kept back
// and shown only when the step fails: a newcomer sees one line per step, and what matters.
export async function run(
  cwd: string,
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
  out: Output = console_,
  beatMs = 30_000,
) {
  const started = performance.now();
  // The tools are silent for minutes (npm ci, a Taro build): a line every 30 s says it still runs.
  const beat = setInterval(() => {
    out.log(`      …仍在进行（${((performance.now() - started) / 1000).toFixed(0)} s）`);
  }, beatMs);
  const result = await new Deno.Command(cmd, { args, cwd, env, stdout: "piped", stderr: "piped" })
    .output()
    .finally(() => clearInterval(beat));
  if (!result.success) {
    out.write(result.stdout);
    out.write(result.stderr);
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${result.code}) in ${cwd}`);
  }
  out.log(`      done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function ensureMiniappDeps(root: string) {
  const dir = join(root, "miniapp");
  const installed = await mtime(join(dir, "node_modules/.package-lock.json"));
  if (installed >= await mtime(join(dir, "package-lock.json"))) {
    console.log("      已安装，跳过");
    return;
  }
  console.log("      npm ci（首次约 2–4 分钟）…");
  await run(dir, "npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
}

async function newestSource(dir: string): Promise<number> {
  return Math.max(
    await newest(join(dir, "src")),
    await newest(join(dir, "config")),
    await mtime(join(dir, "package-lock.json")),
  );
}

export async function ensureH5Build(root: string) {
  const dir = join(root, "miniapp");
  const built = await mtime(join(dir, "dist/h5/index.html"));
  if (built > await newestSource(dir)) {
    console.log("      已是最新，跳过");
    return;
  }
  console.log("      taro build --type h5（约 1–2 分钟）…");
  await run(dir, "npm", ["run", "build:h5"], { TARO_APP_API_BASE: "" });
}

/** The weapp build (as `npm test`'s miniapp phase makes it), unless one newer than the sources exists. */
export async function ensureWeappBuild(root: string) {
  const dir = join(root, "miniapp");
  const built = await mtime(join(dir, "dist/weapp/app.json"));
  if (built > await newestSource(dir)) {
    console.log("      weapp 构建已是最新，跳过");
    return;
  }
  await run(dir, "npm", ["run", "build:weapp"]);
}

/** The police console's bundle (supabase/functions/console/build.ts), when its client changed. */
export async function ensureConsoleBuild(root: string, out: Output = console_) {
  const dir = join(root, "supabase/functions/console");
  const built = await mtime(join(dir, "dist/app.js"));
  const sources = Math.max(
    await newest(join(dir, "client")),
    await mtime(join(dir, "build.ts")),
    await mtime(join(root, "deno.lock")),
  );
  if (built > sources) {
    out.log("      控制台已是最新，跳过");
    return;
  }
  await run(root, Deno.execPath(), ["run", "-A", join(dir, "build.ts")], {}, out);
}
