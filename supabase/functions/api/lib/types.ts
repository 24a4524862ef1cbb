// The handler type of a route definition: its input, its responses, and the claims that
// requireAuth puts on the context (hono-open-api-starter's AppRouteHandler).
import type { RouteConfig, RouteHandler } from "@hono/zod-openapi";
import type { AuthEnv } from "../../_shared/auth.ts";

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AuthEnv>;
