// /api/scan: what a scanned QR is for the caller.
import { newApp } from "../../../_shared/openapi.ts";
import * as handlers from "./scan.handlers.ts";
import * as routes from "./scan.routes.ts";

export default newApp().openapi(routes.scan, handlers.scan);
