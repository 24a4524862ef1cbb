import { api, apiPath, fetchImage, type ApiRequestBody } from './request'
import { saveUser } from './session'
import type {
  Declaration,
  DeclarationStatus,
  Department,
  Me,
  MyCompany,
  PageOf,
  RegistryCompany,
  ReviewListItem,
  ReviewPreview,
  ScanResult,
  Staff,
} from './types'

// Calls of the company routes of docs/companies.md, typed by the generated OpenAPI paths.

/** GET /api/registry-companies: 单位列表 by name, one page after `cursor`. */
export function searchRegistry(q: string, cursor?: string | null, options: { toast?: boolean } = {}): Promise<PageOf<RegistryCompany>> {
  return api('get', '/api/registry-companies', { query: { q, cursor: cursor ?? undefined }, toast: options.toast })
}

/** GET /api/departments: the flat department tree. */
export async function getDepartments(): Promise<Department[]> {
  return (await api('get', '/api/departments')).items
}

export type DeclareForm = ApiRequestBody<'post', '/api/companies'>

/** POST /api/companies; errors are left to the form (no toast here). */
export function declareCompany(form: DeclareForm): Promise<Declaration> {
  return api('post', '/api/companies', { body: form, toast: false })
}

/** GET /api/companies/mine: the latest declaration and the active membership. */
export function getMyCompany(options: { toast?: boolean } = {}): Promise<MyCompany> {
  return api('get', '/api/companies/mine', { toast: options.toast })
}

/** The 审核二维码 image of the caller's pending declaration. */
export function reviewQrImage(): Promise<string> {
  return fetchImage(apiPath('/api/companies/mine/review-qr.png'))
}

/** GET /api/reviews: the officer's 单位审核 list of one status, newest first. */
export function listReviews(status: DeclarationStatus, cursor?: string | null): Promise<PageOf<ReviewListItem>> {
  return api('get', '/api/reviews', { query: { status, cursor: cursor ?? undefined } })
}

/** GET /api/reviews/:token (officers). */
export function getReview(token: string): Promise<ReviewPreview> {
  return api('get', '/api/reviews/{token}', { params: { token }, toast: false })
}

/** POST /api/reviews/:token: approve, or reject with a reason. */
export function decideReview(token: string, approve: boolean, reason?: string): Promise<{ ok: true }> {
  return api('post', '/api/reviews/{token}', {
    params: { token },
    body: approve ? { approve } : { approve, reason },
  })
}

/** 扫码登录 of the police console: the officer confirms the scanned login QR (the bare code). */
export function confirmConsoleLogin(code: string): Promise<{ ok: true }> {
  return api('post', '/api/console/logins/confirm', { body: { code }, toast: false })
}

/** The bare 单位码 QR (the page draws the company name under it). */
export function companyCodeImage(companyId: string): Promise<string> {
  return fetchImage(apiPath('/api/companies/{id}/code.png', { id: companyId }))
}

/** POST /api/companies/:id/code: a new 单位码; the old one stops working at once. */
export function regenerateCompanyCode(companyId: string): Promise<{ ok: true }> {
  return api('post', '/api/companies/{id}/code', { params: { id: companyId } })
}

/** POST /api/scan: what a scanned QR means for the caller. */
export function scanCode(code: string): Promise<ScanResult> {
  return api('post', '/api/scan', { body: { code } })
}

/** POST /api/companies/join with the scanned link; answers the new Me. */
export async function joinCompany(token: string, hasGuardCertificate: boolean): Promise<Me> {
  const me = await api('post', '/api/companies/join', { body: { token, hasGuardCertificate } })
  saveUser(me)
  return me
}

/** GET /api/companies/:id/staff: 人员名单, newest first. */
export function listStaff(companyId: string, q: string, cursor?: string | null): Promise<PageOf<Staff>> {
  return api('get', '/api/companies/{id}/staff', { params: { id: companyId }, query: { q, cursor: cursor ?? undefined } })
}

/** POST /api/memberships/:id/dismiss: 离职 by the admin. */
export function dismissMember(membershipId: string): Promise<{ ok: true }> {
  return api('post', '/api/memberships/{id}/dismiss', { params: { id: membershipId } })
}

/** POST /api/me/resign: 离职 by oneself; answers the new Me. */
export async function resign(): Promise<Me> {
  const me = await api('post', '/api/me/resign')
  saveUser(me)
  return me
}
