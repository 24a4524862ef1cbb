// The mini-program API: one sub-app per resource under /api, one error shape for everything.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AuthEnv } from "../_shared/auth.ts";
import { AppError, databaseUnavailable, errorBody, isConnectionLost } from "../_shared/errors.ts";
import { invalidInput } from "../_shared/validation.ts";
import { authApp } from "./routes/auth.ts";
import { companiesApp } from "./routes/companies.ts";
import { companyCodeApp } from "./routes/company-code.ts";
import { departmentsApp } from "./routes/departments.ts";
import { registerDocs } from "./routes/docs.ts";
import { identityApp } from "./routes/identity.ts";
import { meApp } from "./routes/me.ts";
import { membershipsApp, resignApp } from "./routes/memberships.ts";
import { registryCompaniesApp } from "./routes/registry-companies.ts";
import { reviewsApp } from "./routes/reviews.ts";
import { scanApp } from "./routes/scan.ts";
import { staffApp } from "./routes/staff.ts";

export const app = new OpenAPIHono<AuthEnv>().basePath("/api");

app.route("/auth", authApp);
app.route("/me", meApp);
app.route("/identity", identityApp);
app.route("/departments", departmentsApp);
app.route("/registry-companies", registryCompaniesApp);
app.route("/companies", companiesApp);
app.route("/companies", companyCodeApp);
app.route("/companies", staffApp);
app.route("/reviews", reviewsApp);
app.route("/scan", scanApp);
app.route("/memberships", membershipsApp);
app.route("/me", resignApp);
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
    return c.json(err.body(), err.status as ContentfulStatusCode, err.headers);
  }
  // A database that went away under a route that queried it outside withUser/readAs.
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
