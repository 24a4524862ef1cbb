// /api/auth
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./auth.handlers.ts";
import * as routes from "./auth.routes.ts";

export default newApp()
  .openapi(routes.signIn, handlers.signIn)
  .openapi(routes.refresh, handlers.refresh)
  .openapi(routes.logout, handlers.logout);
