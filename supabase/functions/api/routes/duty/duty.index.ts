// /api/duty
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./duty.handlers.ts";
import * as routes from "./duty.routes.ts";

export default newApp()
  .openapi(routes.state, handlers.state)
  .openapi(routes.preview, handlers.preview)
  .openapi(routes.clock, handlers.clock);
