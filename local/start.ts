// `npm start`: the whole system on one laptop. Installs and builds what is missing, showing
// each step (a first start takes minutes; silence would look like a hang), then serves the
// stack until Ctrl-C. A second start reuses .data/ and the build, and is ready in seconds.
import { parseArgs } from "node:util";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "./database.ts";
import { createStack } from "./server.ts";
import { configureEnv } from "./env.ts";
import { ensureConsoleBuild, ensureH5Build, ensureMiniappDeps } from "./miniapp.ts";
import { useSql } from "../supabase/functions/_shared/db.ts";
import { errorBody } from "../supabase/functions/_shared/errors.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    port: { type: "string", default: Deno.env.get("PORT") ?? "54321" },
    data: { type: "string", default: join(root, ".data") },
    "no-build": { type: "boolean", default: false },
  },
});
const t0 = performance.now();
const step = (n: number, text: string) => console.log(`[${n}/6] ${text}`);
const since = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

// Step 1 (the npm tools) is done by scripts/bootstrap.mjs before Deno runs.
if (!args["no-build"]) {
  step(2, "小程序依赖 (miniapp/node_modules)…");
  await ensureMiniappDeps(root);
  step(3, "构建 H5 版小程序 (miniapp/dist/h5)…");
  await ensureH5Build(root);
  console.log("      民警控制台 (supabase/functions/console/dist)…");
  await ensureConsoleBuild(root);
} else {
  step(2, "跳过小程序构建 (--no-build)");
}

let t = performance.now();
step(
  4,
  Deno.env.get("DATABASE_URL")
    ? "连接数据库 (DATABASE_URL)…"
    : `启动内嵌数据库 (PGlite, ${args.data}/pglite)…`,
);
await Deno.mkdir(args.data, { recursive: true });
const db = await openDatabase({
  dataDir: join(args.data, "pglite"),
  log: (m) => console.log(`      ${m}`),
});
console.log(`      ready in ${since(t)}`);

t = performance.now();
step(5, "迁移、种子与演示数据…");
await db.prepare({ demo: true, log: (m) => console.log(`      ${m}`) });
console.log(`      done in ${since(t)}`);

const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
await configureEnv({ base, dbUrl: db.url, poolMax: db.poolMax });
// One client for the whole process: on PGlite a second connection would share its one session.
useSql(db.sql);

step(6, "启动服务…");
const stack = createStack({
  sql: db.sql,
  storageRoot: join(args.data, "storage"),
  h5Dir: join(root, "miniapp/dist/h5"),
  jwtSecret: () => Deno.env.get("SUPABASE_JWT_SECRET")!,
});
// Stopping drains: API calls in flight finish (and may still call Storage and the stand-ins on
// this same server, so those keep answering); new API calls get 503 + Retry-After meanwhile.
let draining = false;
let inFlight = 0;
let idle: (() => void) | null = null;
const isApiCall = (url: string) => url.indexOf("/functions/v1/", 7) !== -1;
const server = Deno.serve(
  { port, hostname: "127.0.0.1", onListen: () => {} },
  async (req, info) => {
    if (!isApiCall(req.url)) return await stack.fetch(req, info);
    if (draining) {
      return Response.json(errorBody("stopping", "服务正在停止，请稍后重试"), {
        status: 503,
        headers: { "retry-after": "5", connection: "close" },
      });
    }
    inFlight++;
    try {
      return await stack.fetch(req, info);
    } finally {
      if (--inFlight === 0) idle?.();
    }
  },
);
console.log(`
群防群治 本地环境已就绪 (${since(t0)})
  小程序 H5     ${base}/   (演示账号见 README.md「Trying it」)
  民警控制台    ${base}/console
  API 文档      ${base}/functions/v1/api/docs
  接口基址      API ${base}/functions/v1/api   Storage ${base}/storage/v1
                微信接口替身 ${base}/_wechat   微警务替身 ${base}/_registry
  数据库        ${db.describe}
Ctrl-C 停止。`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  draining = true;
  console.log(`\n正在停止…${inFlight ? `（等待 ${inFlight} 个进行中的请求）` : ""}`);
  if (inFlight > 0) {
    await Promise.race([
      new Promise<void>((r) => idle = r),
      new Promise((r) => setTimeout(r, 10_000)),
    ]);
  }
  await server.shutdown();
  await db.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);
