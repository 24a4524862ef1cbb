// Builds the console's bundle: client/main.ts and its imports (ECharts from npm) into one
// minified dist/app.js with `deno bundle`. Run by `npm start` and the test phases when the
// sources are newer than the bundle (ensureConsoleBuild in local/miniapp.ts), or by hand before a deploy:
//   deno run -A supabase/functions/console/build.ts
import { fileURLToPath } from "node:url";

export const CLIENT = fileURLToPath(new URL("./client/", import.meta.url));
export const OUT = fileURLToPath(new URL("./dist/app.js", import.meta.url));

export async function buildConsole(): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--minify",
      "--output",
      OUT,
      `${CLIENT}main.ts`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const dec = new TextDecoder();
    throw new Error(
      `deno bundle failed:\n${dec.decode(out.stdout)}${dec.decode(out.stderr)}`,
    );
  }
}

if (import.meta.main) {
  const t = performance.now();
  await buildConsole();
  console.log(
    `console bundle ${OUT} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
