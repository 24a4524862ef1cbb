// /api/companies
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./companies.handlers.ts";
import * as routes from "./companies.routes.ts";

export default newApp()
  .openapi(routes.declare, handlers.declare)
  .openapi(routes.mine, handlers.mine)
  .openapi(routes.reviewQr, handlers.reviewQr)
  .openapi(routes.join, handlers.join)
  .openapi(routes.codePng, handlers.codePng)
  .openapi(routes.regenerateCode, handlers.regenerateCode)
  .openapi(routes.staff, handlers.staff);
