// GET /api/registry-companies: the company registry that a declaration picks from, searched by
// name (or by 统一社会信用代码 prefix), in name order with keyset pagination.
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { withUser } from "../../_shared/db.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { RegistryCompanySchema } from "../schemas.ts";
import { ANY, decodeCursor, encodeCursor, pageQuery, UUID } from "./cursor.ts";

type Row = { id: string; name: string; creditCode: string };

const search = createRoute({
  method: "get",
  path: "/",
  summary: "单位列表：按名称（或统一社会信用代码前缀）搜索，分页",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: {
    query: z.object({
      q: z.string().trim().max(50, { error: "搜索词不能超过 50 个字" }).default("")
        .openapi({ description: "名称中的字词", example: "保安" }),
      ...pageQuery,
    }),
  },
  responses: {
    200: {
      description: "一页单位（名称排序）",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(RegistryCompanySchema),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    ...errorResponses(400, 401),
  },
});

// ilike wildcards in the user's text are literal characters, not patterns.
const literal = (q: string) => q.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export const registryCompaniesApp = newApp().openapi(search, async (c) => {
  const { q, cursor, limit } = c.req.valid("query");
  const after = cursor ? decodeCursor(cursor, [ANY, UUID]) : null;
  const like = `%${literal(q)}%`;
  const codePrefix = `${literal(q.toUpperCase())}%`;
  const rows = await withUser(c.get("claims"), (tx) =>
    tx<Row[]>`
      select id, name, credit_code as "creditCode"
        from public.registry_companies
       where (name ilike ${like} or credit_code like ${codePrefix})
         and (${after === null} or (name, id) > (${after?.[0] ?? ""}, ${after?.[1] ?? null}::uuid))
       order by name, id
       limit ${limit + 1}`);
  const items = rows.slice(0, limit).map((r) => ({ ...r }));
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([last.name, last.id]) : null;
  return c.json({ items, nextCursor }, 200);
});
