// /api/memberships
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./memberships.handlers.ts";
import * as routes from "./memberships.routes.ts";

export default newApp().openapi(routes.dismiss, handlers.dismiss);
