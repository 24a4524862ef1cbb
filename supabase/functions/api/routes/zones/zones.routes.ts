// 巡区管理 (SPEC §2.4, §3): the zones a company admin or a zone admin manages, their QR, their
// people (巡区人员, 设为巡区管理员 / 取消授权, 移交) and their 到岗记录. docs/zones.md.
import { z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, pngContent, signedInRoute } from "../../../_shared/openapi.ts";
import { plainText } from "../../../_shared/validation.ts";
import { pageQuery } from "../../lib/cursor.ts";
import { OkSchema, pageOf } from "../../schemas.ts";
import {
  RecordQuerySchema,
  ZoneMemberSchema,
  ZoneRecordSchema,
  ZoneSchema,
} from "../../zones.schemas.ts";

const tags = ["zones"];

const zoneId = z.string().uuid({ error: "巡区编号格式不正确" });
const zoneParam = z.object({ id: zoneId.openapi({ param: { name: "id", in: "path" } }) });
const memberParam = z.object({
  id: zoneId.openapi({ param: { name: "id", in: "path" } }),
  userId: z.string().uuid({ error: "人员编号格式不正确" }).openapi({
    param: { name: "userId", in: "path" },
  }),
});

const fields = {
  // lengths are the SQL's to judge (name_invalid, address_invalid, remark_too_long, …): the
  // bounds here only keep junk out
  name: plainText("巡区名称", { missing: "请输入巡区名称" }).max(500),
  departmentId: z.string({ error: "请选择管理部门" }).uuid({ error: "请选择管理部门" }),
  lat: z.number({ error: "请选择巡区地点" }).min(-90).max(90),
  lng: z.number({ error: "请选择巡区地点" }).min(-180).max(180),
  address: plainText("巡区地点", { missing: "请选择巡区地点" }).max(500),
  addressDetail: plainText("地址描述").max(500),
  remark: plainText("巡区备注", { multiline: true }).max(2000),
  geofenceM: z.number({ error: "打卡范围应为0至5000米" }).int().min(0).max(5000)
    .openapi({ description: "打卡范围（米），0 为不限" }),
};

const createBody = z.object({
  ...fields,
  addressDetail: fields.addressDetail.default(""),
  remark: fields.remark.default(""),
  geofenceM: fields.geofenceM.default(0),
});

const searchQuery = z.object({
  q: plainText("搜索词").trim().max(30, { error: "搜索词不能超过 30 个字" }).default(""),
  ...pageQuery,
});

type RouteOf = Parameters<typeof signedInRoute>[0];

/**
 * A route on one zone (`/{id}…`, its id in `request.params`), for its managers: 400 (a bad id or
 * input), 403 (not a manager of it) and 404 (no such live zone of the caller's company) always;
 * `errors` adds the route's own.
 */
function zoneRoute<const R extends Omit<RouteOf, "tags">>(config: R) {
  return signedInRoute({ ...config, tags, errors: [400, 403, 404, ...(config.errors ?? [])] });
}

export const list = signedInRoute({
  method: "get",
  path: "/",
  summary: "巡区管理：我管理的巡区（单位管理员：本单位全部；巡区管理员：所管巡区），按名称搜索",
  tags,
  request: { query: searchQuery },
  responses: { 200: jsonResponse(pageOf(ZoneSchema), "一页巡区，最新添加在前") },
  errors: [400],
});

export const create = signedInRoute({
  method: "post",
  path: "/",
  summary: "添加巡区（单位管理员）",
  tags,
  request: { body: jsonBody(createBody) },
  responses: { 201: jsonResponse(ZoneSchema, "新巡区") },
  errors: [400, 403, 409],
});

export const detail = zoneRoute({
  method: "get",
  path: "/{id}",
  summary: "巡区详情（单位管理员、本巡区管理员）",
  request: { params: zoneParam },
  responses: { 200: jsonResponse(ZoneSchema, "巡区") },
});

export const update = zoneRoute({
  method: "patch",
  path: "/{id}",
  summary: "编辑巡区（单位管理员、本巡区管理员）；只改给出的字段",
  request: { params: zoneParam, body: jsonBody(z.object(fields).partial()) },
  responses: { 200: jsonResponse(ZoneSchema, "修改后的巡区") },
  errors: [409],
});

export const remove = zoneRoute({
  method: "delete",
  path: "/{id}",
  summary: "删除巡区（单位管理员）：不再显示，二维码失效，在岗人员离岗，记录保留",
  request: { params: zoneParam },
  responses: { 200: jsonResponse(OkSchema, "已删除") },
});

export const codePng = zoneRoute({
  method: "get",
  path: "/{id}/code.png",
  summary: "巡区二维码（PNG）",
  request: { params: zoneParam },
  responses: {
    200: pngContent("二维码图片，内容为 ${QR_BASE_URL}/q/zone/<token>；巡区名称由小程序绘制在图下"),
  },
});

export const regenerateCode = zoneRoute({
  method: "post",
  path: "/{id}/code",
  summary: "重新生成巡区二维码（旧码立即失效；此前离线扫的旧码仍可补录）",
  request: { params: zoneParam },
  responses: { 200: jsonResponse(OkSchema, "已重新生成") },
});

export const members = zoneRoute({
  method: "get",
  path: "/{id}/members",
  summary: "巡区人员：按姓名或手机号搜索（手机号打码）",
  request: { params: zoneParam, query: searchQuery },
  responses: { 200: jsonResponse(pageOf(ZoneMemberSchema), "一页人员，最新加入在前") },
});

export const grantAdmin = zoneRoute({
  method: "put",
  path: "/{id}/admins/{userId}",
  summary: "设为巡区管理员（单位管理员）",
  request: { params: memberParam },
  responses: { 200: jsonResponse(OkSchema, "已授权") },
});

export const revokeAdmin = zoneRoute({
  method: "delete",
  path: "/{id}/admins/{userId}",
  summary: "取消授权（单位管理员）",
  request: { params: memberParam },
  responses: { 200: jsonResponse(OkSchema, "已取消授权") },
});

export const handOver = zoneRoute({
  method: "post",
  path: "/{id}/hand-over",
  summary: "移交：巡区管理员把管理权交给本巡区的另一人员，自己不再是管理员",
  request: {
    params: zoneParam,
    body: jsonBody(z.object({
      userId: z.string({ error: "请选择新管理员" }).uuid({ error: "请选择新管理员" }),
    })),
  },
  responses: { 200: jsonResponse(OkSchema, "已移交") },
});

export const records = zoneRoute({
  method: "get",
  path: "/{id}/records",
  summary: "巡区到岗记录：全部 / 上岗 / 离岗，最新上岗在前",
  request: { params: zoneParam, query: RecordQuerySchema },
  responses: { 200: jsonResponse(pageOf(ZoneRecordSchema), "一页记录") },
});
