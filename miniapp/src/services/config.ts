// Where the API lives. API_BASE is injected at build time (config/index.ts): '' in H5, because the
// local stack serves the H5 app on the same origin; an absolute https origin in weapp.
export const ORIGIN: string = API_BASE

/** Root of the Hono app: its basePath `/api` is served at `/functions/v1/api`. */
export const API_ROOT = `${ORIGIN}/functions/v1/api`

/** The WeChat server stand-in of the local stack (development only). */
export const WECHAT_DEV_ROOT = `${ORIGIN}/_wechat`

export const REQUEST_TIMEOUT_MS = 15000
export const UPLOAD_TIMEOUT_MS = 60000

export const PAGES = {
  home: '/pages/index/index',
  auth: '/pages/auth/index',
  identityLink: '/pages/identity-link/index',
  register: '/pages/register/index',
  // The company pages live in a subpackage (app.config.ts) to keep the main package small.
  declare: '/package-company/declare/index',
  registry: '/package-company/registry/index',
  declarationStatus: '/package-company/status/index',
  scan: '/package-company/scan/index',
  review: '/package-company/review/index',
  companyCode: '/package-company/code/index',
  staff: '/package-company/staff/index',
  reviews: '/package-company/reviews/index',
  // 扫码登录 of the police console (issue 10)
  consoleLogin: '/package-company/console-login/index',
  // 巡区 and 到岗记录 (issue 8), a subpackage of their own.
  zones: '/package-zones/list/index',
  zoneEdit: '/package-zones/edit/index',
  zoneCode: '/package-zones/code/index',
  zoneMembers: '/package-zones/members/index',
  records: '/package-zones/records/index',
  // 线索举报 and 线索处理 (issue 9), a subpackage of their own
  tipNotice: '/package-tips/notice/index',
  tipForm: '/package-tips/form/index',
  tipMine: '/package-tips/mine/index',
  tipDetail: '/package-tips/detail/index',
  tipInbox: '/package-tips/inbox/index',
  tipSupervise: '/package-tips/supervise/index',
} as const

/** Taro.eventCenter names: a picked 单位 travels back from 单位列表 to the declaration form; a saved 巡区 back to 巡区管理. */
export const EVENTS = { registryPicked: 'registry:picked', zoneSaved: 'zone:saved' } as const
