// /api/tip-inbox
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./tip-inbox.handlers.ts";
import * as routes from "./tip-inbox.routes.ts";

export default newApp().openapi(routes.list, handlers.list);
