// The local stack's one HTTP surface: the same URL layout as a hosted Supabase project
// (/functions/v1/<name>, /storage/v1), plus the stand-ins for the systems outside ours
// (/_wechat, /_registry), the H5 build of the mini-program at / and the police console
// (/functions/v1/console/, short /console).
import { Hono } from "hono";
import { serveStatic } from "hono/deno";
import type postgres from "postgres";
import { app as api } from "../supabase/functions/api/app.ts";
import { app as policeConsole } from "../supabase/functions/console/app.ts";
import { errorBody } from "../supabase/functions/_shared/errors.ts";
import { createStorageApp } from "./storage/app.ts";
import { wechatApp } from "./standins/wechat.ts";
import { registryApp } from "./standins/registry.ts";

export type StackOptions = {
  sql: postgres.Sql;
  storageRoot: string;
  h5Dir: string;
  jwtSecret: () => string;
};

export function createStack(opts: StackOptions): Hono {
  const stack = new Hono();

  // Hosted Supabase hands a function the path after /functions/v1 (the api app's routes start
  // at /api). Mounted, not re-wrapped: building a new Request per call cost 90–120 µs of CPU and
  // read request.signal, which makes Deno print its legacy-abort warning. The api's own onError
  // comes along with its routes; its notFound does not, hence the last line.
  stack.route("/functions/v1", api);
  stack.route("/functions/v1", policeConsole);
  stack.all("/functions/v1/*", (c) => c.json(errorBody("not_found", "接口不存在"), 404));
  stack.route(
    "/storage/v1",
    createStorageApp({ sql: opts.sql, root: opts.storageRoot, jwtSecret: opts.jwtSecret }),
  );
  stack.route("/_wechat", wechatApp);
  stack.route("/_registry", registryApp);

  // the police console is its own function (supabase/functions/console); /console is short for it
  stack.get("/console", (c) => c.redirect("/functions/v1/console/"));
  stack.get("/console/", (c) => c.redirect("/functions/v1/console/"));
  stack.use("/*", serveStatic({ root: opts.h5Dir }));
  stack.get("/", serveStatic({ path: `${opts.h5Dir}/index.html` }));
  return stack;
}
