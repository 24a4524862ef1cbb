// The shapes of the tips API (线索举报, docs/tips.md) as zod schemas: they type the handlers and
// generate the OpenAPI document. Kept apart from schemas.ts so the tips and tip-inbox routers
// share them without importing each other.
import { z } from "@hono/zod-openapi";

export const TIP_STATUS = ["pending", "accepted", "closed", "refused"] as const;
export const TipStatusSchema = z.enum(TIP_STATUS).openapi({
  description: "pending 待处理 → accepted 已受理 → closed 已办结；pending → refused 不予受理",
});
export const STATUS_TEXT: Record<(typeof TIP_STATUS)[number], string> = {
  pending: "待处理",
  accepted: "已受理",
  closed: "已办结",
  refused: "不予受理",
};

export const TipCategorySchema = z.object({
  id: z.number().int().openapi({ example: 2 }),
  name: z.string().openapi({ example: "盗窃" }),
}).openapi("TipCategory");

export const TipCreatedSchema = z.object({
  id: z.string().uuid(),
  receiptCode: z.string().openapi({ example: "K7M2Q9XA", description: "回执码" }),
  status: TipStatusSchema,
}).openapi("TipCreated");

export const TipListItemSchema = z.object({
  id: z.string().uuid(),
  receiptCode: z.string(),
  category: z.string().openapi({ example: "盗窃" }),
  summary: z.string().openapi({ description: "线索内容的前 60 个字" }),
  anonymous: z.boolean(),
  status: TipStatusSchema,
  statusText: z.string().openapi({ example: "待处理" }),
  departmentName: z.string().openapi({ example: "安家派出所" }),
  photoCount: z.number().int(),
  createdAt: z.string(),
}).openapi("TipListItem");

export const TipEventSchema = z.object({
  kind: z.enum(["submitted", "accepted", "closed", "refused", "reassigned"]),
  text: z.string().openapi({ example: "已受理" }),
  departmentName: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
}).openapi("TipEvent");

export const TipMessageSchema = z.object({
  id: z.number().int(),
  fromPolice: z.boolean(),
  author: z.string().openapi({
    description:
      "民警一方为部门名称；举报人一方：匿名线索为「匿名」，实名线索民警看到姓名，举报人本人看到「我」",
    example: "匿名",
  }),
  mine: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
}).openapi("TipMessage");

export const TipDetailSchema = z.object({
  id: z.string().uuid(),
  receiptCode: z.string(),
  category: TipCategorySchema,
  content: z.string(),
  place: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  anonymous: z.boolean(),
  status: TipStatusSchema,
  statusText: z.string(),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
  createdAt: z.string(),
  viewer: z.enum(["reporter", "police", "supervisor"]),
  reporter: z.object({ name: z.string(), phoneMasked: z.string() }).nullable().openapi({
    description: "实名线索的举报人（民警、平台监督员可见）；匿名线索对民警恒为 null",
  }),
  reporterBlacklisted: z.boolean().nullable().openapi({
    description: "举报人是否已被拉黑：仅平台监督员可见，其他人恒为 null",
  }),
  photos: z.array(z.object({
    url: z.string().openapi({ description: "签名地址，5 分钟内有效" }),
    width: z.number().int(),
    height: z.number().int(),
  })),
  history: z.array(TipEventSchema),
  messages: z.array(TipMessageSchema),
  actions: z.array(z.enum(["accept", "close", "refuse", "reassign", "reply", "blacklist"])),
}).openapi("TipDetail");

export type TipListItem = z.infer<typeof TipListItemSchema>;
export type TipDetail = z.infer<typeof TipDetailSchema>;
