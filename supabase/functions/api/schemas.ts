// The response shapes of docs/foundation.md (Session, Me, Department) and docs/companies.md
// as zod schemas: they type the handlers and generate the OpenAPI document.
import { z } from "@hono/zod-openapi";
import { DutyPreviewSchema, DutyStateSchema } from "./zones.schemas.ts";

export const TileSchema = z.object({
  key: z.string().openapi({ example: "scan" }),
  title: z.string().openapi({ example: "扫一扫" }),
}).openapi("Tile");

export const MeSchema = z.object({
  id: z.string().uuid(),
  phoneMasked: z.string().openapi({ example: "133****1188" }),
  identity: z.object({
    status: z.enum(["unverified", "verified"]),
    name: z.string().nullable(),
    source: z.enum(["registry", "self"]).nullable(),
  }),
  role: z.enum(["unverified", "verified", "company_admin", "guard", "police"]),
  tiles: z.array(TileSchema),
  company: z.object({
    id: z.string().uuid(),
    name: z.string().openapi({ example: "上海沪杰保安服务有限公司常州分公司" }),
    role: z.enum(["admin", "member"]),
  }).nullable().openapi({ description: "在职单位（未加入单位时为 null）" }),
  notice: z.object({
    id: z.string().uuid().openapi({ description: "POST /api/me/notices/{id}/seen 之后不再出现" }),
    kind: z.literal("dismissed"),
    companyName: z.string(),
    at: z.string().openapi({ description: "离职时间（ISO 8601）" }),
  }).nullable().openapi({ description: "尚未告知本人的离职（单位管理员办理），只告知一次" }),
  zone: DutyStateSchema.shape.zone.openapi({
    description: "所在巡区；isAdmin 为巡区管理员（首页多一个巡区管理）；未加入巡区时为 null",
  }),
  openShift: DutyStateSchema.shape.openShift.openapi({
    description: "正在进行的上岗（未离岗）；不在岗时为 null",
  }),
}).openapi("Me");

export const SessionSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().openapi({ example: 3600 }),
  user: MeSchema,
}).openapi("Session");

export const DepartmentSchema = z.object({
  id: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  name: z.string().openapi({ example: "天宁分局" }),
  kind: z.enum(["city", "branch", "county", "station", "brigade"]),
  sort: z.number().int(),
  code: z.string().nullable(),
}).openapi("Department");

const status = z.enum(["pending", "approved", "rejected"]);

export const RegistryCompanySchema = z.object({
  id: z.string().uuid(),
  name: z.string().openapi({ example: "上海沪杰保安服务有限公司常州分公司" }),
  creditCode: z.string().openapi({ example: "91320404301884508B" }),
  declared: z.enum(["pending", "approved"]).nullable().openapi({
    description: "已被申报（待审核 / 已通过）的单位不能再申报；null 为未申报",
  }),
}).openapi("RegistryCompany");

export const DeclarationSchema = z.object({
  id: z.string().uuid(),
  registryCompanyId: z.string().uuid(),
  companyName: z.string(),
  creditCode: z.string(),
  departmentId: z.string().uuid(),
  departmentName: z.string().openapi({ example: "新北分局安家派出所" }),
  address: z.string(),
  contactPhone: z.string().openapi({ example: "13312341188" }),
  industry: z.string().openapi({ example: "保安服务企业" }),
  status,
  rejectReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  reviewQr: z.string().nullable().openapi({
    description: "审核二维码的内容（仅待审核时）；图片见 GET /api/companies/mine/review-qr.png",
    example: "https://qunfang.example.cn/q/review/3q2-7wEAAQ…",
  }),
}).openapi("Declaration");

export const MembershipSchema = z.object({
  id: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  role: z.enum(["admin", "member"]),
  hasGuardCertificate: z.boolean(),
  joinedAt: z.string(),
  entryDate: z.string().openapi({ example: "2026-11-28" }),
}).openapi("Membership");

export const ReviewPreviewSchema = z.object({
  id: z.string().uuid(),
  companyName: z.string(),
  creditCode: z.string(),
  departmentName: z.string(),
  address: z.string(),
  contactPhone: z.string(),
  declarantName: z.string().nullable(),
  status,
  createdAt: z.string(),
}).openapi("ReviewPreview");

/** A row of the officer's 单位审核 list: the preview and the token that opens it for review. */
export const ReviewListItemSchema = ReviewPreviewSchema.extend({
  token: z.string().openapi({
    description: "审核二维码的令牌：GET/POST /api/reviews/{token}",
  }),
}).openapi("ReviewListItem");

export const StaffSchema = z.object({
  membershipId: z.string().uuid(),
  userId: z.string().uuid(),
  name: z.string().nullable(),
  phone: z.string(),
  role: z.enum(["admin", "member"]).openapi({
    description: "admin：单位管理员",
  }),
  hasGuardCertificate: z.boolean(),
  joinedAt: z.string(),
  entryDate: z.string(),
}).openapi("Staff");

export const CompanyPreviewSchema = z.object({
  companyId: z.string().uuid(),
  companyName: z.string(),
}).openapi("CompanyPreview");

/** What a scanned QR is for the caller (POST /api/scan). */
export const ScanResultSchema = z.object({
  kind: z.enum(["company", "review", "zone", "unknown"]),
  preview: z.union([CompanyPreviewSchema, ReviewPreviewSchema]).optional(),
  duty: DutyPreviewSchema.optional().openapi({
    description: "巡区二维码：与 POST /api/duty/preview 相同的回答（确认后 POST /api/duty）",
  }),
  actions: z.array(z.enum(["join", "approve", "reject", "clock"])),
  reason: z.string().optional().openapi({ description: "不能操作的原因（中文）" }),
  reasonCode: z.string().optional().openapi({ example: "out_of_scope" }),
}).openapi("ScanResult");

/** A page of a keyset-paginated list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const OkSchema = z.object({ ok: z.literal(true) }).openapi("Ok");

export type Me = z.infer<typeof MeSchema>;
export type Declaration = z.infer<typeof DeclarationSchema>;
export type Membership = z.infer<typeof MembershipSchema>;
export type ReviewPreview = z.infer<typeof ReviewPreviewSchema>;
export type ReviewListItem = z.infer<typeof ReviewListItemSchema>;
export type Staff = z.infer<typeof StaffSchema>;
export type ScanResult = z.infer<typeof ScanResultSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type Department = z.infer<typeof DepartmentSchema>;
export type RegistryCompany = z.infer<typeof RegistryCompanySchema>;
