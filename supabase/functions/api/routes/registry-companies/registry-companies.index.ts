// /api/registry-companies: the company registry that a declaration picks from, searched by
// name (or by 统一社会信用代码 prefix), in name order with keyset pagination.
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./registry-companies.handlers.ts";
import * as routes from "./registry-companies.routes.ts";

export default newApp().openapi(routes.search, handlers.search);
