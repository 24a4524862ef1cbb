// The mini-program API: one router per URL prefix under /api, one error shape for everything.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AuthEnv } from "../_shared/auth.ts";
import { AppError, databaseUnavailable, errorBody, isConnectionLost } from "../_shared/errors.ts";
import { RateLimited } from "../_shared/throttle.ts";
import { invalidInput } from "../_shared/validation.ts";
import auth from "./routes/auth/auth.index.ts";
import companies from "./routes/companies/companies.index.ts";
import consoleLogin from "./routes/console/console.index.ts";
import departments from "./routes/departments/departments.index.ts";
import duty from "./routes/duty/duty.index.ts";
import { registerDocs } from "./routes/docs/docs.ts";
import identity from "./routes/identity/identity.index.ts";
import me from "./routes/me/me.index.ts";
import memberships from "./routes/memberships/memberships.index.ts";
import registryCompanies from "./routes/registry-companies/registry-companies.index.ts";
import reviews from "./routes/reviews/reviews.index.ts";
import scan from "./routes/scan/scan.index.ts";
import tipInbox from "./routes/tip-inbox/tip-inbox.index.ts";
import tipSupervision from "./routes/tip-supervision/tip-supervision.index.ts";
import tips from "./routes/tips/tips.index.ts";
import zones from "./routes/zones/zones.index.ts";

export const app = new OpenAPIHono<AuthEnv>().basePath("/api");

// One router per URL prefix, each mounted once.
app.route("/auth", auth);
app.route("/me", me);
app.route("/identity", identity);
app.route("/departments", departments);
app.route("/registry-companies", registryCompanies);
app.route("/companies", companies);
app.route("/reviews", reviews);
app.route("/scan", scan);
app.route("/memberships", memberships);
app.route("/tips", tips);
app.route("/tip-inbox", tipInbox);
app.route("/tip-supervision", tipSupervision);
app.route("/zones", zones);
app.route("/duty", duty);
app.route("/console", consoleLogin);
registerDocs(app);

// Hono's own HTTP errors (bad JSON, wrong content type, too large) in our shape and language.
const HTTP_ERRORS: Record<number, [string, string]> = {
  400: ["invalid_input", "请求格式不正确"],
  401: ["token_missing", "请先登录"],
  413: ["payload_too_large", "请求体过大"],
  415: ["unsupported_media_type", "请求的 Content-Type 不受支持"],
};

app.onError((err, c) => {
  if (err instanceof AppError) {
    if (err instanceof RateLimited) c.header("Retry-After", String(err.retryAfter));
    return c.json(err.body(), err.status as ContentfulStatusCode, err.headers);
  }
  // A database that went away under a route that queried it outside withUser/callAs.
  if (isConnectionLost(err)) {
    const e = databaseUnavailable();
    return c.json(e.body(), 503, e.headers);
  }
  if (err instanceof z.ZodError) {
    const e = invalidInput(err);
    return c.json(e.body(), 400);
  }
  if (err instanceof HTTPException) {
    const [code, message] = HTTP_ERRORS[err.status] ?? ["http_error", "请求无法处理"];
    const text = err.status === 400 && /JSON/i.test(err.message)
      ? "请求体不是有效的 JSON"
      : message;
    return c.json(errorBody(code, text), err.status);
  }
  console.error(err);
  return c.json(errorBody("internal_error", "服务器内部错误，请稍后再试"), 500);
});

app.notFound((c) => c.json(errorBody("not_found", "接口不存在"), 404));
