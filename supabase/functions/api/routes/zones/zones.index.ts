// /api/zones
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./zones.handlers.ts";
import * as routes from "./zones.routes.ts";

export default newApp()
  .openapi(routes.list, handlers.list)
  .openapi(routes.create, handlers.create)
  .openapi(routes.detail, handlers.detail)
  .openapi(routes.update, handlers.update)
  .openapi(routes.remove, handlers.remove)
  .openapi(routes.codePng, handlers.codePng)
  .openapi(routes.regenerateCode, handlers.regenerateCode)
  .openapi(routes.members, handlers.members)
  .openapi(routes.grantAdmin, handlers.grantAdmin)
  .openapi(routes.revokeAdmin, handlers.revokeAdmin)
  .openapi(routes.handOver, handlers.handOver)
  .openapi(routes.records, handlers.records);
