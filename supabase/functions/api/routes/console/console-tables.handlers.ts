import type { Context } from "hono";
import type { AuthEnv } from "../../../_shared/auth.ts";
import { callAs } from "../../../_shared/db.ts";
import { asIs } from "../../lib/as-is.ts";
import {
  tableCsv,
  type TableName,
  tablePageText,
  TABLES,
  type TableSpec,
} from "../../read-models/console.ts";

type Query = { q?: string; status?: string; cursor?: string; limit?: number };

// deno-lint-ignore no-explicit-any -- the validated input of any of the table routes
type AnyContext = Context<AuthEnv, string, any>;

function inputOf(c: AnyContext, name: TableName) {
  const query = c.req.valid("query") as Query;
  const param = (TABLES[name] as TableSpec).param
    ? (c.req.valid("param") as { id: string }).id
    : undefined;
  return { query, param };
}

/** GET /console/<table>: one page of the table, under the officer's RLS, answered as is. */
export function listHandler(name: TableName) {
  return async (c: AnyContext) => {
    const { query, param } = inputOf(c, name);
    return asIs(
      c,
      await tablePageText(c.get("claims"), name, {
        q: query.q,
        status: query.status,
        cursor: query.cursor,
        limit: query.limit ?? 20,
        param,
      }),
    );
  };
}

const DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" });

/** GET /console/<table>/csv: every row of the same search as a CSV file. */
export function csvHandler(name: TableName) {
  return async (c: AnyContext) => {
    const { query, param } = inputOf(c, name);
    const out = await tableCsv(c.get("claims"), name, {
      q: query.q,
      status: query.status,
      param,
    });
    const file = `${TABLES[name].title}-${DAY.format(new Date())}.csv`;
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("cache-control", "no-store");
    c.header(
      "content-disposition",
      `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(file)}`,
    );
    c.header("x-rows", String(out.rows));
    if (out.truncated) c.header("x-truncated", "true");
    return c.body(out.csv, 200);
  };
}

/** GET /console/charts: private.console_charts_as, one statement, answered as is. */
export async function chartsHandler(c: AnyContext) {
  return asIs(c, await callAs(c.get("claims"), "private.console_charts_as"));
}
