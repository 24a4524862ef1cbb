// /api/me
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./me.handlers.ts";
import * as routes from "./me.routes.ts";

export default newApp()
  .openapi(routes.getMe, handlers.getMe)
  .openapi(routes.resign, handlers.resign)
  .openapi(routes.noticeSeen, handlers.noticeSeen)
  .openapi(routes.records, handlers.records);
