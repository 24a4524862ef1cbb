// /api/tip-supervision
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./tip-supervision.handlers.ts";
import * as routes from "./tip-supervision.routes.ts";

export default newApp().openapi(routes.list, handlers.list);
