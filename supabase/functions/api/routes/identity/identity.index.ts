// /api/identity
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./identity.handlers.ts";
import * as routes from "./identity.routes.ts";

export default newApp()
  .openapi(routes.registry, handlers.registry)
  .openapi(routes.sync, handlers.sync)
  .openapi(routes.register, handlers.register);
