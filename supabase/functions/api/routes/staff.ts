// GET /api/companies/:id/staff: 人员名单 of the company's admin: active staff, newest first,
// searched by name or phone, keyset-paginated. Full phones (SPEC §1.4: the staff list is one of
// the two places that show them); never ID numbers or photos.
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { withUser } from "../../_shared/db.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import { type Staff, StaffSchema } from "../schemas.ts";
import { companyIdParam } from "./company-code.ts";
import { decodeCursor, encodeCursor, pageQuery, TIMESTAMP, UUID } from "./cursor.ts";

type Row = Omit<Staff, "joinedAt"> & { joinedAt: Date; joinedKey: string };

const list = createRoute({
  method: "get",
  path: "/{id}/staff",
  summary: "人员名单（在职，最新入职在前；按姓名或手机号搜索）",
  tags: ["companies"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: {
    params: companyIdParam,
    query: z.object({
      q: z.string().trim().max(20, { error: "搜索词不能超过 20 个字" }).default("")
        .openapi({ description: "姓名或手机号中的字词" }),
      ...pageQuery,
    }),
  },
  responses: {
    200: {
      description: "一页人员",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(StaffSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

export const staffApp = newApp().openapi(list, async (c) => {
  const { id } = c.req.valid("param");
  const { q, cursor, limit } = c.req.valid("query");
  const [beforeJoined, beforeId] = cursor ? decodeCursor(cursor, [TIMESTAMP, UUID]) : [null, null];
  const rows = await withUser(c.get("claims"), (tx) =>
    tx<Row[]>`
      select membership_id as "membershipId", user_id as "userId", name, phone,
             role::text as role, has_guard_certificate as "hasGuardCertificate",
             joined_at as "joinedAt", joined_at::text as "joinedKey",
             entry_date::text as "entryDate"
        from public.list_staff(${id}::uuid, ${q || null}, ${beforeJoined}::timestamptz,
                               ${beforeId}::uuid, ${limit + 1})`);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json({
    items: page.map(({ joinedKey: _, joinedAt, ...r }) => ({
      ...r,
      joinedAt: joinedAt.toISOString(),
    })),
    nextCursor: rows.length > limit && last
      ? encodeCursor([last.joinedKey, last.membershipId])
      : null,
  }, 200);
});
