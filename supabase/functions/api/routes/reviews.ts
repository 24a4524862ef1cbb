// The police review of a declaration, reached by scanning its 审核二维码 or from the officer's
// 单位审核 list: GET / lists the declarations of one status, GET /:token shows one, POST
// approves or rejects (with a reason). Officers only, within their department's scope; the
// SQL functions decide all three.
import { createRoute, z } from "@hono/zod-openapi";
import { requireAuth } from "../../_shared/auth.ts";
import { type Tx, withUser } from "../../_shared/db.ts";
import { AppError } from "../../_shared/errors.ts";
import { bearer, errorResponses, newApp } from "../../_shared/openapi.ts";
import {
  OkSchema,
  type ReviewListItem,
  ReviewListItemSchema,
  type ReviewPreview,
  ReviewPreviewSchema,
} from "../schemas.ts";
import { decodeCursor, encodeCursor, pageQuery, TIMESTAMP, UUID } from "./cursor.ts";

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
export const codeUnknown = () => new AppError(404, "code_unknown", "二维码无效或已失效");

type Row = Omit<ReviewPreview, "createdAt"> & { createdAt: Date };

/** The declaration behind a review token, as preview_declaration lets the caller see it. */
export async function previewDeclaration(
  tx: Tx,
  token: string,
): Promise<ReviewPreview> {
  if (!TOKEN.test(token)) throw codeUnknown();
  const [row] = await tx<Row[]>`
    select id, company_name as "companyName", credit_code as "creditCode",
           department_name as "departmentName", address, contact_phone as "contactPhone",
           declarant_name as "declarantName", status::text as status, created_at as "createdAt"
      from public.preview_declaration(${token})`;
  if (!row) throw codeUnknown();
  return { ...row, createdAt: row.createdAt.toISOString() };
}

const list = createRoute({
  method: "get",
  path: "/",
  summary: "单位审核列表（民警，限本部门及下级；按状态，最新申报在前）",
  tags: ["reviews"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: {
    query: z.object({
      status: z.enum(["pending", "approved", "rejected"], {
        error: "状态须为 pending、approved 或 rejected",
      }).default("pending").openapi({
        description: "待审核 / 已通过 / 已驳回，默认待审核",
      }),
      ...pageQuery,
    }),
  },
  responses: {
    200: {
      description: "一页申报",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(ReviewListItemSchema),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

type ListRow = Omit<ReviewListItem, "createdAt"> & {
  createdAt: Date;
  createdKey: string;
};

const tokenParam = z.object({
  token: z.string().max(200).openapi({ param: { name: "token", in: "path" } }),
});

const show = createRoute({
  method: "get",
  path: "/{token}",
  summary: "查看待审核的申报（民警，限本部门及下级）",
  tags: ["reviews"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: { params: tokenParam },
  responses: {
    200: {
      description: "申报",
      content: { "application/json": { schema: ReviewPreviewSchema } },
    },
    ...errorResponses(401, 403, 404),
  },
});

const decide = createRoute({
  method: "post",
  path: "/{token}",
  summary: "审核通过或驳回（驳回须填写原因）",
  tags: ["reviews"],
  security: bearer,
  middleware: [requireAuth] as const,
  request: {
    params: tokenParam,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            approve: z.boolean({ error: "请选择通过或驳回" }),
            reason: z.string().trim().max(200, {
              error: "驳回原因不能超过 200 个字",
            }).optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "已审核",
      content: { "application/json": { schema: OkSchema } },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const reviewsApp = newApp()
  .openapi(list, async (c) => {
    const { status, cursor, limit } = c.req.valid("query");
    const [beforeCreated, beforeId] = cursor
      ? decodeCursor(cursor, [TIMESTAMP, UUID])
      : [null, null];
    // list_declarations caps a page at 50 (the most this route asks for), so whether another
    // page follows is asked with a probe of one row after a full page, in the same snapshot.
    const [page, more] = await withUser(c.get("claims"), async (tx) => {
      const read = (created: string | null, id: string | null, n: number) =>
        tx<ListRow[]>`
          select review_token as token, id, company_name as "companyName",
                 credit_code as "creditCode", department_name as "departmentName", address,
                 contact_phone as "contactPhone", declarant_name as "declarantName",
                 status::text as status, created_at as "createdAt",
                 created_at::text as "createdKey"
            from public.list_declarations(${status}::public.company_status,
                                          ${created}::timestamptz, ${id}::uuid, ${n})`;
      const rows = await read(beforeCreated, beforeId, limit);
      const last = rows.at(-1);
      const next = rows.length === limit && last ? await read(last.createdKey, last.id, 1) : [];
      return [rows, next.length > 0] as const;
    });
    const last = page.at(-1);
    return c.json({
      items: page.map(({ createdKey: _, createdAt, ...r }) => ({
        ...r,
        createdAt: createdAt.toISOString(),
      })),
      nextCursor: more && last ? encodeCursor([last.createdKey, last.id]) : null,
    }, 200);
  })
  .openapi(show, async (c) => {
    const { token } = c.req.valid("param");
    return c.json(
      await withUser(c.get("claims"), (tx) => previewDeclaration(tx, token)),
      200,
    );
  })
  .openapi(decide, async (c) => {
    const { token } = c.req.valid("param");
    const { approve, reason } = c.req.valid("json");
    if (!TOKEN.test(token)) throw codeUnknown();
    await withUser(
      c.get("claims"),
      (tx) => tx`select public.review_declaration(${token}, ${approve}, ${reason || null})`,
    );
    return c.json({ ok: true as const }, 200);
  });
