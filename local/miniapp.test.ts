// Start-up noise: `npm start` (and the test phases) build the mini-program through
// local/miniapp.ts; a build that succeeds shows one line, not Taro's progress bar and webpack's
// notes, and a build that fails shows everything. The Taro config also turns webpack's web size
// hints off (the weapp package size has its own check, scripts/weapp-size.ts).
import assert from "node:assert/strict";
import { run } from "./miniapp.ts";

const NOISE = "AssetsOverSizeLimitWarning: asset size limit: The following asset(s) exceed";

function collector() {
  const lines: string[] = [];
  const dec = new TextDecoder();
  return {
    lines,
    out: {
      log: (line: string) => lines.push(line),
      write: (bytes: Uint8Array) => lines.push(dec.decode(bytes)),
    },
  };
}

Deno.test("a build step that succeeds prints one line, none of the tool's warnings", async () => {
  const { lines, out } = collector();
  await run(
    ".",
    Deno.execPath(),
    ["eval", `console.log(${JSON.stringify(NOISE)}); console.error("建议开启持久化缓存功能")`],
    {},
    out,
  );
  assert.equal(lines.length, 1, lines.join("\n"));
  assert.match(lines[0], /^\s+done in \d+\.\d s$/);
});

Deno.test("a long step says every so often that it still runs (no minutes of silence)", async () => {
  const { lines, out } = collector();
  await run(
    ".",
    Deno.execPath(),
    ["eval", "await new Promise((r) => setTimeout(r, 400))"],
    {},
    out,
    100,
  );
  assert.ok(lines.length >= 2, lines.join("\n"));
  for (const line of lines.slice(0, -1)) assert.match(line, /^\s+…仍在进行（\d+ s）$/);
  assert.match(lines.at(-1)!, /^\s+done in \d+\.\d s$/);
});

Deno.test("a build step that fails shows the tool's output and throws", async () => {
  const { lines, out } = collector();
  await assert.rejects(
    () =>
      run(
        ".",
        Deno.execPath(),
        ["eval", `console.error("Module not found"); Deno.exit(3)`],
        {},
        out,
      ),
    /exit 3/,
  );
  assert.match(lines.join(""), /Module not found/);
});

Deno.test("the Taro config turns webpack's size hints off for weapp and h5", async () => {
  const config = await Deno.readTextFile(new URL("../miniapp/config/index.ts", import.meta.url));
  assert.equal(config.match(/chain\.performance\.hints\(false\)/g)?.length, 2);
});
