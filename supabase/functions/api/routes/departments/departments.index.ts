// /api/departments: the management departments of 常州市公安局 (flat, with parentId), for the
// pickers of declarations and zones.
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./departments.handlers.ts";
import * as routes from "./departments.routes.ts";

export default newApp().openapi(routes.list, handlers.list);
