// /api/console
import { newApp } from "../../../_shared/openapi.ts";
import type { TableName } from "../../read-models/console.ts";
import * as handlers from "./console.handlers.ts";
import * as routes from "./console.routes.ts";
import { chartsHandler, csvHandler, listHandler } from "./console-tables.handlers.ts";
import { chartsRoute, csvs, lists } from "./console-tables.routes.ts";

const app = newApp()
  .openapi(routes.start, handlers.start)
  .openapi(routes.confirm, handlers.confirm)
  .openapi(routes.poll, handlers.poll)
  .openapi(routes.overview, handlers.overview)
  .openapi(chartsRoute, chartsHandler);

for (const name of Object.keys(lists) as TableName[]) {
  // the CSV route first: /companies/{id}/staff/csv must not be read as a page of /companies/…
  app.openapi(csvs[name], csvHandler(name) as never);
  app.openapi(lists[name], listHandler(name) as never);
}

export default app;
