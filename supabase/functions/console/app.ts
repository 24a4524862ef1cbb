// The police console (issue 10) as an Edge Function: one HTML page and one bundled script
// (client/, built by build.ts into dist/). It holds no data and no secret: the page calls the
// `api` function with the officer's session from 扫码登录, and RLS scopes every answer.
// Hosted, it is /functions/v1/console/; the local stack mounts the same app there.
import { Hono } from "hono";
import { compress } from "hono/compress";

/** Where the bundle is: built by `build.ts` (npm start and the test phases run it when stale). */
export const DIST = new URL("./dist/", import.meta.url);

const PAGE = new URL("./client/index.html", import.meta.url);

// The page's settings, from the function's environment: the tile server of the 巡区 map
// (`{z}/{x}/{y}` template; none = the offline coordinate plot) and its attribution.
function settings() {
  return {
    tileUrl: Deno.env.get("CONSOLE_TILE_URL") ?? "",
    tileAttribution: Deno.env.get("CONSOLE_TILE_ATTRIBUTION") ?? "",
  };
}

const escapeJson = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c");

let bundle: { js: Uint8Array; etag: string; mtime: number } | null = null;
/** The bundle, read again when the file changed (a rebuild while the local stack runs). */
async function loadBundle() {
  const file = new URL("app.js", DIST);
  const mtime = (await Deno.stat(file)).mtime?.getTime() ?? 0;
  if (!bundle || bundle.mtime !== mtime) {
    const js = await Deno.readFile(file);
    const digest = await crypto.subtle.digest("SHA-1", js);
    const etag = `"${
      [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
        .join("").slice(0, 16)
    }"`;
    bundle = { js, etag, mtime };
  }
  return bundle;
}

export const app = new Hono();

// the bundle is ~1 MB of JavaScript (ECharts is most of it), ~330 KB gzipped
app.use("/console/app.js", compress());

// the page's relative ./app.js must resolve inside the function: /console goes to /console/
app.get("/console", (c) => {
  const url = new URL(c.req.url);
  return c.redirect(`${url.pathname}/${url.search}`, 301);
});

app.get("/console/", async (c) => {
  const html = (await Deno.readTextFile(PAGE)).replace(
    "<!--settings-->",
    `<script id="settings" type="application/json">${escapeJson(settings())}</script>`,
  );
  c.header("cache-control", "no-store");
  c.header("x-content-type-options", "nosniff");
  c.header("referrer-policy", "no-referrer");
  return c.html(html);
});

app.get("/console/app.js", async (c) => {
  let b;
  try {
    b = await loadBundle();
  } catch {
    return c.text(
      "控制台脚本尚未构建：请运行 npm start（或 deno run -A supabase/functions/console/build.ts）",
      503,
    );
  }
  if (c.req.header("if-none-match") === b.etag) return c.body(null, 304);
  c.header("content-type", "text/javascript; charset=utf-8");
  c.header("etag", b.etag);
  c.header("cache-control", "no-cache");
  return c.body(b.js as Uint8Array<ArrayBuffer>, 200);
});

app.get("/console/*", (c) => c.text("未找到", 404));
