// The OpenAPI document lists every route, and the reference page serves without a CDN.
import assert from "node:assert/strict";
import { apiTest, get } from "../../tests/helpers.ts";
import { app } from "../../app.ts";

// Every route the app serves, read from the app itself: a route added without an OpenAPI
// definition (a plain app.get) fails here. Hono lists each middleware too, hence the Set.
const ROUTES = [
  ...new Set(
    app.routes
      .filter((r) =>
        r.method !== "ALL" &&
        !["/api/openapi.json", "/api/docs"].includes(r.path)
      )
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
  ),
].map((k) => k.split(" ") as [string, string]);

apiTest(
  "the app serves the routes of docs/foundation.md and docs/companies.md",
  () => {
    for (
      const route of [
        "post /api/auth/wechat",
        "get /api/me",
        "post /api/identity",
        "post /api/scan",
      ]
    ) {
      assert.ok(ROUTES.some(([m, p]) => `${m} ${p}` === route), route);
    }
    assert.ok(ROUTES.length >= 20, `${ROUTES.length} routes`);
    return Promise.resolve();
  },
);

apiTest("GET /api/openapi.json lists every route of the API", async () => {
  const res = await get("/api/openapi.json");
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc.openapi, "3.1.0");
  for (const [method, path] of ROUTES) {
    assert.ok(
      doc.paths[path]?.[method],
      `${method.toUpperCase()} ${path} documented`,
    );
  }
  assert.ok(doc.components.schemas.Session && doc.components.schemas.Me);
  assert.equal(doc.components.securitySchemes.bearerAuth.scheme, "bearer");
  assert.ok(
    doc.paths["/api/identity"].post.requestBody.content["multipart/form-data"],
  );
});

apiTest(
  "GET /api/docs serves a self-contained HTML reference of every route",
  async () => {
    const res = await get("/api/docs");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    const html = await res.text();
    assert.match(html, /群防群治 API/);
    for (const [, path] of ROUTES) {
      assert.ok(
        html.includes(`<code>${path}</code>`),
        path,
      );
    }
    assert.ok(html.includes("<code>/api/companies/{id}/staff</code>"));
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="https?:|cdn/i);
  },
);

apiTest(
  "GET /api/nowhere answers 404 not_found in the error shape",
  async () => {
    const res = await get("/api/nowhere");
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, "not_found");
  },
);
