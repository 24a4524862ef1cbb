// The shapes of docs/zones.md (zones, their members, 到岗记录, duty) as zod schemas: they type
// the handlers and generate the OpenAPI document.
import { z } from "@hono/zod-openapi";
import { pageQuery } from "./lib/cursor.ts";

const uuid = () => z.string().uuid();

export const ZoneSchema = z.object({
  id: uuid(),
  name: z.string().openapi({ example: "办公室5" }),
  departmentId: uuid(),
  departmentName: z.string().openapi({ example: "安家派出所", description: "所属派出所" }),
  branchName: z.string().nullable().openapi({ example: "新北分局" }),
  lat: z.number().openapi({ example: 31.8107 }),
  lng: z.number().openapi({ example: 119.9741 }),
  address: z.string().openapi({ example: "江苏省常州市新北区太湖东路101" }),
  addressDetail: z.string().openapi({ example: "常发广场写字楼", description: "地址描述" }),
  remark: z.string().openapi({ description: "巡区备注（≤ 200 字）" }),
  geofenceM: z.number().int().openapi({ description: "打卡范围（米），0 为不限" }),
  createdAt: z.string(),
  createdByName: z.string().nullable().openapi({ example: "王玉萍", description: "创建人" }),
  memberCount: z.number().int(),
  onDutyCount: z.number().int(),
  myRight: z.enum(["company_admin", "zone_admin"]).openapi({
    description: "company_admin 可删除、设为巡区管理员；zone_admin 可移交",
  }),
}).openapi("Zone");

export const ZoneMemberSchema = z.object({
  userId: uuid(),
  name: z.string().nullable(),
  phoneMasked: z.string().openapi({ example: "186****5542" }),
  isAdmin: z.boolean().openapi({ description: "巡区管理员" }),
  onDuty: z.boolean(),
  joinedAt: z.string(),
}).openapi("ZoneMember");

const recordFields = {
  id: uuid(),
  zoneId: uuid(),
  zoneName: z.string().openapi({ description: "巡区名称（上岗时的名称）" }),
  onAt: z.string().openapi({ description: "上岗时间（扫码时的手机时间）" }),
  offAt: z.string().nullable().openapi({ description: "离岗时间；仍在岗为 null" }),
  open: z.boolean().openapi({ description: "仍在岗（显示「离岗」标记）" }),
  onLate: z.boolean().openapi({
    description: "上岗为补录（服务器收到时间晚于扫码时间 2 分钟以上）",
  }),
  offLate: z.boolean().openapi({ description: "离岗为补录" }),
  onReceivedAt: z.string(),
  offReceivedAt: z.string().nullable(),
  endReason: z.enum(["clocked_off", "switched_zone", "left_company", "zone_deleted"]).nullable(),
};

export const ZoneRecordSchema = z.object({
  ...recordFields,
  userId: uuid(),
  member: z.string().nullable().openapi({ example: "钱杰(151****3573)" }),
}).openapi("ZoneRecord");

export const MyRecordSchema = z.object(recordFields).openapi("MyRecord");

const ref = z.object({ id: uuid(), name: z.string() });

export const DUTY_ACTIONS = [
  "clock_on",
  "clock_off",
  "join_and_clock_on",
  "switch_and_clock_on",
] as const;

export const DutyStateSchema = z.object({
  zone: z.object({ id: uuid(), name: z.string(), isAdmin: z.boolean() }).nullable(),
  openShift: z.object({ id: uuid(), zoneId: uuid(), zoneName: z.string(), onAt: z.string() })
    .nullable(),
}).openapi("DutyState");

export const DutyPreviewSchema = z.object({
  action: z.enum(DUTY_ACTIONS).nullable().openapi({
    description: "确认后将执行的操作；null 见 reason",
  }),
  dialog: z.string().nullable().openapi({ example: "是否上岗打卡，加入办公室5?" }),
  zone: ref.nullable(),
  company: ref.nullable(),
  currentZone: ref.nullable(),
  distanceM: z.number().int().nullable(),
  geofenceM: z.number().int().nullable(),
  reason: z.string().optional().openapi({ description: "不能打卡的原因（中文）" }),
  reasonCode: z.string().optional().openapi({ example: "zone_other_company" }),
}).openapi("DutyPreview");

export const DutyResultSchema = z.object({
  action: z.enum(DUTY_ACTIONS),
  requestId: uuid(),
  replayed: z.boolean().openapi({ description: "重复提交：返回第一次的结果，未再次打卡" }),
  message: z.string().openapi({ example: "上岗打卡成功" }),
  zone: ref,
  company: ref,
  shift: z.object({
    id: uuid(),
    onAt: z.string(),
    onReceivedAt: z.string(),
    onLate: z.boolean(),
    onDistanceM: z.number().int().nullable(),
    offAt: z.string().nullable(),
    offReceivedAt: z.string().nullable(),
    offLate: z.boolean(),
    offDistanceM: z.number().int().nullable(),
    open: z.boolean(),
  }),
}).openapi("DutyResult");

/** The query of both 到岗记录 lists (a zone's and mine): the filter and the page. */
export const RecordQuerySchema = z.object({
  status: z.enum(["all", "on", "off"], { error: "筛选条件应为 all、on 或 off" }).default("all")
    .openapi({ description: "all 全部 / on 上岗（仍在岗） / off 离岗" }),
  ...pageQuery,
});

export type Zone = z.infer<typeof ZoneSchema>;
export type DutyPreview = z.infer<typeof DutyPreviewSchema>;
export type DutyResult = z.infer<typeof DutyResultSchema>;
