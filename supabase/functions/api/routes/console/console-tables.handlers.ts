import type { Context } from "hono";
import type { AuthEnv } from "../../../_shared/auth.ts";
import { withUser } from "../../../_shared/db.ts";
import {
  assertOfficer,
  charts,
  tableCsv,
  type TableName,
  tablePage,
  TABLES,
} from "../../read-models/console.ts";

type Query = { q?: string; status?: string; cursor?: string; limit?: number };

// deno-lint-ignore no-explicit-any -- the validated input of any of the table routes
type AnyContext = Context<AuthEnv, string, any>;

function inputOf(c: AnyContext) {
  const query = c.req.valid("query") as Query;
  const params = (name: TableName) =>
    name === "staff" ? (c.req.valid("param") as { id: string }).id : undefined;
  return { query, params };
}

/** GET /console/<table>: one page of the table, under the officer's RLS. */
export function listHandler(name: TableName) {
  return async (c: AnyContext) => {
    const { query, params } = inputOf(c);
    const page = await withUser(c.get("claims"), async (tx) => {
      await assertOfficer(tx);
      return await tablePage(tx, name, {
        q: query.q,
        status: query.status,
        cursor: query.cursor,
        limit: query.limit ?? 20,
        param: params(name),
      });
    });
    return c.json(page, 200);
  };
}

const DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" });

/** GET /console/<table>/csv: every row of the same search as a CSV file. */
export function csvHandler(name: TableName) {
  return async (c: AnyContext) => {
    const { query, params } = inputOf(c);
    const out = await withUser(c.get("claims"), async (tx) => {
      await assertOfficer(tx);
      return await tableCsv(tx, name, { q: query.q, status: query.status, param: params(name) });
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

export async function chartsHandler(c: AnyContext) {
  const data = await withUser(c.get("claims"), async (tx) => {
    await assertOfficer(tx);
    return await charts(tx);
  });
  return c.json(data, 200);
}
