// WeChat refuses to upload a mini-program whose main package exceeds 2 MB. Measures the weapp
// build's main package (everything outside the subpackage roots of app.json, source maps
// excluded, as the uploader counts it) and fails past a margin below the limit.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const LIMIT = 2 * 1024 * 1024;
const BUDGET = 1.5 * 1024 * 1024; // keep room for the pages still to come

const dist = fileURLToPath(new URL("../miniapp/dist/weapp", import.meta.url));
const appJson = JSON.parse(await Deno.readTextFile(join(dist, "app.json")));
const subRoots: string[] = (appJson.subPackages ?? appJson.subpackages ?? []).map((
  s: { root: string },
) => s.root.replace(/\/?$/, "/"));
let main = 0, sub = 0;
for await (const path of files(dist)) {
  if (path.endsWith(".map")) continue;
  const size = (await Deno.stat(path)).size;
  const rel = relative(dist, path);
  if (subRoots.some((r) => rel.startsWith(r))) sub += size;
  else main += size;
}
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
console.log(
  `weapp main package: ${kb(main)} (WeChat limit ${kb(LIMIT)}, our budget ${
    kb(BUDGET)
  }); subpackages: ${kb(sub)}`,
);
if (main > BUDGET) {
  console.error("weapp main package is over budget: move pages into subpackages");
  Deno.exit(1);
}

async function* files(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* files(p);
    else yield p;
  }
}
