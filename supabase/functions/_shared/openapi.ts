// The Hono app factory of the functions: OpenAPIHono (routes are zod definitions, so the
// OpenAPI document is generated from the same code that validates) whose validation failures
// become 400 invalid_input with a Chinese message naming the field.
import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type AuthEnv, requireAuth } from "./auth.ts";
import { AppError } from "./errors.ts";
import { invalidInput } from "./validation.ts";

export function newApp(): OpenAPIHono<AuthEnv> {
  return new OpenAPIHono<AuthEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error);
    },
  });
}

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string().openapi({ example: "invalid_input" }),
    message: z.string().openapi({ example: "身份证号码不正确" }),
  }),
}).openapi("Error");

const STATUS_TEXT: Record<number, string> = {
  400: "输入有误（invalid_input 等）",
  401:
    "未登录或登录凭证无效（token_missing, token_malformed, token_invalid, token_expired, token_audience, token_role）",
  403: "被拒绝",
  404: "未找到",
  409: "冲突",
  410: "已失效（二维码已更新、巡区已删除）",
  413: "文件过大",
  429: "请求过于频繁",
  502: "外部服务出错",
  503: "外部服务繁忙或不可用",
};

/** Error responses of a route, all with the one error shape. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, {
    description: STATUS_TEXT[s] ?? "错误",
    content: { "application/json": { schema: ErrorSchema } },
  }]));
}

export const bearer = [{ bearerAuth: [] }];

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { "application/json": { schema } },
  };
}

/** A JSON response of the given schema. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A PNG response (QR codes). */
export function pngContent(description: string) {
  return {
    description,
    content: { "image/png": { schema: z.string().openapi({ format: "binary" }) } },
  };
}

/** The largest JSON body of any route: our biggest form is a few hundred bytes. */
export const JSON_BODY_LIMIT = 8 * 1024;

/**
 * Refuses a body over `maxSize` bytes with 413 before the route reads it: by Content-Length
 * when sent, else while streaming, so a 100 MB body costs at most maxSize of memory.
 */
export function limitBody(
  maxSize = JSON_BODY_LIMIT,
  error = () => new AppError(413, "payload_too_large", "请求体过大"),
): MiddlewareHandler<AuthEnv> {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw error();
    },
  });
}

type SignedInConfig = Omit<RouteConfig, "security" | "middleware"> & {
  /** Middleware after requireAuth and the body limit (throttles, …). */
  middleware?: MiddlewareHandler<AuthEnv>[];
  /** Replaces the JSON_BODY_LIMIT body limit (uploads set their own). */
  bodyLimit?: MiddlewareHandler<AuthEnv>;
  /** The route's own error statuses; 401 (not signed in) is added to every one. */
  errors?: number[];
};

/**
 * A route for a signed-in user: bearer security in the document, requireAuth and a body limit
 * (413) before the handler, and the error responses, so that a definition says only what is
 * particular to it.
 */
export function signedInRoute<const R extends SignedInConfig>(config: R) {
  const { errors = [], middleware = [], bodyLimit: limit, responses, ...rest } = config;
  // a GET has no body to limit (and Hono never reads one)
  const hasBody = rest.method !== "get";
  const statuses = [...new Set([401, ...(hasBody ? [413] : []), ...errors])];
  const limits = hasBody ? [limit ?? limitBody()] : [];
  return createRoute({
    ...rest,
    security: bearer,
    middleware: [requireAuth, ...limits, ...middleware] as const,
    responses: { ...responses, ...errorResponses(...statuses) } as
      & R["responses"]
      & ReturnType<typeof errorResponses>,
  });
}
