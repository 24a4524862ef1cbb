// The shape of the API that later routes copy (issue 6): one folder per URL prefix under
// routes/, its router mounted once in app.ts, and no route file importing another folder's
// route file (what two routes share is a read model, a lib helper or _shared/).
import assert from "node:assert/strict";
import { app } from "../app.ts";

const api = new URL("../", import.meta.url);
const routes = new URL("routes/", api);

async function* filesOf(dir: URL): AsyncGenerator<URL> {
  for await (const e of Deno.readDir(dir)) {
    const url = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
    if (e.isDirectory) yield* filesOf(url);
    else if (e.name.endsWith(".ts")) yield url;
  }
}

Deno.test("no route file imports a route file of another folder", async () => {
  const offenders: string[] = [];
  for await (const file of filesOf(routes)) {
    const text = await Deno.readTextFile(file);
    for (const [, spec] of text.matchAll(/from\s+"([^"]+)"/g)) {
      const target = new URL(spec, file);
      if (!target.href.startsWith(routes.href)) continue;
      const folder = (u: URL) => u.href.slice(routes.href.length).split("/")[0];
      if (
        folder(target) !== folder(file) && !target.pathname.endsWith(".test.ts")
      ) {
        offenders.push(`${file.href.slice(api.href.length)} → ${spec}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});

Deno.test("each URL prefix is one router, mounted once", async () => {
  const text = await Deno.readTextFile(new URL("app.ts", api));
  const mounts = [...text.matchAll(/app\.route\("([^"]+)"/g)].map((m) => m[1]);
  assert.ok(mounts.length >= 9, mounts.join(" "));
  assert.deepEqual(
    mounts.filter((p, i) => mounts.indexOf(p) !== i),
    [],
    "mounted twice",
  );
  // every prefix the app serves comes from one mount
  const prefixes = new Set(
    app.routes.map((r) => r.path.split("/")[2]).filter((p) =>
      p && !/^(openapi\.json|docs)$/.test(p)
    ),
  );
  assert.deepEqual([...prefixes].sort(), mounts.map((p) => p.slice(1)).sort());
});

Deno.test("test files are kebab-case <capability>.test.ts; fixtures are not *.test.ts", async () => {
  const bad: string[] = [];
  for (const dir of [api, new URL("../../tests/", api)]) {
    for await (const file of filesOf(dir)) {
      const name = file.pathname.split("/").at(-1)!;
      if (
        name.endsWith(".test.ts") &&
        !/^[a-z0-9]+(-[a-z0-9]+)*\.test\.ts$/.test(name)
      ) {
        bad.push(name);
      }
      if (/_/.test(name) && !name.startsWith("_")) bad.push(name);
    }
  }
  assert.deepEqual(bad, []);
});
