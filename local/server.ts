// The local stack's one HTTP surface: the same URL layout as a hosted Supabase project
// (/functions/v1/<name>, /storage/v1), plus the stand-ins for the systems outside ours
// (/_wechat, /_registry), the H5 build of the mini-program at / and the police console.
import { Hono } from "hono";
import { serveStatic } from "hono/deno";
import type postgres from "postgres";
import { app as api } from "../supabase/functions/api/app.ts";
import { createStorageApp } from "./storage/app.ts";
import { wechatApp } from "./standins/wechat.ts";
import { registryApp } from "./standins/registry.ts";

export type StackOptions = {
  sql: postgres.Sql;
  storageRoot: string;
  h5Dir: string;
  consoleDir: string;
  jwtSecret: () => string;
};

export function createStack(opts: StackOptions): Hono {
  const stack = new Hono();

  // Hosted Supabase hands a function the path after /functions/v1, so the api app sees /api/...
  stack.all("/functions/v1/*", (c) => {
    const url = new URL(c.req.url);
    url.pathname = url.pathname.slice("/functions/v1".length);
    return api.fetch(new Request(url, c.req.raw));
  });
  stack.route(
    "/storage/v1",
    createStorageApp({ sql: opts.sql, root: opts.storageRoot, jwtSecret: opts.jwtSecret }),
  );
  stack.route("/_wechat", wechatApp);
  stack.route("/_registry", registryApp);

  stack.get("/console", (c) => c.redirect("/console/"));
  stack.use(
    "/console/*",
    serveStatic({ root: opts.consoleDir, rewriteRequestPath: (p) => p.replace(/^\/console/, "") }),
  );
  stack.use("/*", serveStatic({ root: opts.h5Dir }));
  stack.get("/", serveStatic({ path: `${opts.h5Dir}/index.html` }));
  return stack;
}
