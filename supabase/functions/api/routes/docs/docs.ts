// GET /api/openapi.json (generated from the zod route definitions) and GET /api/docs, a
// self-contained HTML reference of that document: no CDN, it works offline and in 内网.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AuthEnv } from "../../../_shared/auth.ts";

const CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "群防群治 API",
    version: "1.0.0",
    description: "常州市公安局 群防群治小程序接口。错误统一为 { error: { code, message } }。",
  },
  servers: [{ url: "/functions/v1" }],
};

// deno-lint-ignore no-explicit-any
type Doc = any;

export function registerDocs(app: OpenAPIHono<AuthEnv, Doc, "/api">): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  app.doc31("/openapi.json", CONFIG);
  app.get("/docs", (c) => c.html(renderPage(app.getOpenAPI31Document(CONFIG))));
}

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"]/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!,
  );

function schemaText(schema: unknown): string {
  return schema ? JSON.stringify(schema, null, 2) : "";
}

function renderPage(doc: Doc): string {
  const ops: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, Doc][]) {
    for (const [method, op] of Object.entries(item) as [string, Doc][]) {
      const body = op.requestBody?.content ?? {};
      const bodies = Object.entries(body).map(([type, media]: [string, Doc]) =>
        `<h4>请求体 <code>${esc(type)}</code></h4><pre>${esc(schemaText(media.schema))}</pre>`
      ).join("");
      const responses = Object.entries(op.responses ?? {}).map(([status, r]: [string, Doc]) => {
        const schema = r.content?.["application/json"]?.schema;
        return `<details><summary><b>${esc(status)}</b> ${esc(r.description)}</summary>` +
          `<pre>${esc(schemaText(schema))}</pre></details>`;
      }).join("");
      ops.push(`<section id="${esc(method + path)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code>
${op.security ? '<span class="lock">需登录 Bearer</span>' : ""}</h3>
<p>${esc(op.summary)}</p>${bodies}<h4>响应</h4>${responses}</section>`);
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, s]) =>
    `<details><summary><b>${esc(name)}</b></summary><pre>${esc(schemaText(s))}</pre></details>`
  ).join("");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info?.title)} 接口文档</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2933}
section{border:1px solid #d9e2ec;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}
pre{background:#f5f7fa;padding:.75rem;overflow:auto;font-size:12px}
.m{display:inline-block;min-width:4rem;text-align:center;border-radius:4px;color:#fff;padding:0 .4rem}
.get{background:#2680c2}.post{background:#199473}.put,.patch{background:#cb6e17}.delete{background:#ba2525}
.lock{font-size:12px;color:#cb6e17;margin-left:.5rem}
</style></head><body>
<h1>${esc(doc.info?.title)} <small>${esc(doc.info?.version)}</small></h1>
<p>${esc(doc.info?.description)}</p>
<p>服务地址前缀：<code>${
    esc(doc.servers?.[0]?.url)
  }</code>；机器可读文档：<a href="openapi.json">openapi.json</a></p>
${ops.join("\n")}
<h2>数据结构</h2>${schemas}
</body></html>`;
}
