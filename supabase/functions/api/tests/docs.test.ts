// The OpenAPI document lists every route, and the reference page serves without a CDN.
import assert from "node:assert/strict";
import { apiTest, get } from "./helpers.ts";

const ROUTES = [
  ["post", "/api/auth/wechat"],
  ["post", "/api/auth/refresh"],
  ["post", "/api/auth/logout"],
  ["get", "/api/me"],
  ["get", "/api/identity/registry"],
  ["post", "/api/identity/sync"],
  ["post", "/api/identity"],
  ["get", "/api/departments"],
];

apiTest("GET /api/openapi.json lists every route of the API", async () => {
  const res = await get("/api/openapi.json");
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.openapi, "3.1.0");
  for (const [method, path] of ROUTES) {
    assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path} documented`);
  }
  assert.ok(doc.components.schemas.Session && doc.components.schemas.Me);
  assert.equal(doc.components.securitySchemes.bearerAuth.scheme, "bearer");
  assert.ok(doc.paths["/api/identity"].post.requestBody.content["multipart/form-data"]);
});

apiTest("GET /api/docs serves a self-contained HTML reference of every route", async () => {
  const res = await get("/api/docs");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /text\/html/);
  const html = await res.text();
  assert.match(html, /群防群治 API/);
  for (const [, path] of ROUTES) assert.ok(html.includes(`<code>${path}</code>`), path);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="https?:|cdn/i);
});

apiTest("GET /api/nowhere answers 404 not_found in the error shape", async () => {
  const res = await get("/api/nowhere");
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, "not_found");
});
