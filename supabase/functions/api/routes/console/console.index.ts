// /api/console
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./console.handlers.ts";
import * as routes from "./console.routes.ts";

export default newApp()
  .openapi(routes.start, handlers.start)
  .openapi(routes.confirm, handlers.confirm)
  .openapi(routes.poll, handlers.poll)
  .openapi(routes.overview, handlers.overview);
