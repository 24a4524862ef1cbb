import { fetchImage, request } from './request'
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

// Typed calls of the company routes of docs/companies.md. Every call goes through request.ts.

function query(params: Record<string, string | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** GET /api/registry-companies: 单位列表 by name, one page after `cursor`. */
export function searchRegistry(q: string, cursor?: string | null): Promise<PageOf<RegistryCompany>> {
  return request<PageOf<RegistryCompany>>(`/registry-companies${query({ q, cursor })}`)
}

/** GET /api/departments: the flat department tree. */
export async function getDepartments(): Promise<Department[]> {
  return (await request<{ items: Department[] }>('/departments')).items
}

export type DeclareForm = { registryCompanyId: string; departmentId: string; address: string; contactPhone: string }

/** POST /api/companies; errors are left to the form (no toast here). */
export function declareCompany(form: DeclareForm): Promise<Declaration> {
  return request<Declaration>('/companies', { method: 'POST', data: form, toast: false })
}

/** GET /api/companies/mine: the latest declaration and the active membership. */
export function getMyCompany(options: { toast?: boolean } = {}): Promise<MyCompany> {
  return request<MyCompany>('/companies/mine', { toast: options.toast })
}

/** The 审核二维码 image of the caller's pending declaration. */
export function reviewQrImage(): Promise<string> {
  return fetchImage('/companies/mine/review-qr.png')
}

/** GET /api/reviews: the officer's 单位审核 list of one status, newest first. */
export function listReviews(status: DeclarationStatus, cursor?: string | null): Promise<PageOf<ReviewListItem>> {
  return request<PageOf<ReviewListItem>>(`/reviews${query({ status, cursor })}`)
}

/** GET /api/reviews/:token (officers). */
export function getReview(token: string): Promise<ReviewPreview> {
  return request<ReviewPreview>(`/reviews/${encodeURIComponent(token)}`, { toast: false })
}

/** POST /api/reviews/:token: approve, or reject with a reason. */
export function decideReview(token: string, approve: boolean, reason?: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/reviews/${encodeURIComponent(token)}`, {
    method: 'POST',
    data: approve ? { approve } : { approve, reason },
  })
}

/** The bare 单位码 QR (the page draws the company name under it). */
export function companyCodeImage(companyId: string): Promise<string> {
  return fetchImage(`/companies/${companyId}/code.png`)
}

/** POST /api/companies/:id/code: a new 单位码; the old one stops working at once. */
export function regenerateCompanyCode(companyId: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/companies/${companyId}/code`, { method: 'POST', data: {} })
}

/** POST /api/scan: what a scanned QR means for the caller. */
export function scanCode(code: string): Promise<ScanResult> {
  return request<ScanResult>('/scan', { method: 'POST', data: { code } })
}

/** POST /api/companies/join with the scanned link; answers the new Me. */
export async function joinCompany(token: string, hasGuardCertificate: boolean): Promise<Me> {
  const me = await request<Me>('/companies/join', { method: 'POST', data: { token, hasGuardCertificate } })
  saveUser(me)
  return me
}

/** GET /api/companies/:id/staff: 人员名单, newest first. */
export function listStaff(companyId: string, q: string, cursor?: string | null): Promise<PageOf<Staff>> {
  return request<PageOf<Staff>>(`/companies/${companyId}/staff${query({ q, cursor })}`)
}

/** POST /api/memberships/:id/dismiss: 离职 by the admin. */
export function dismissMember(membershipId: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/memberships/${membershipId}/dismiss`, { method: 'POST', data: {} })
}

/** POST /api/me/resign: 离职 by oneself; answers the new Me. */
export async function resign(): Promise<Me> {
  const me = await request<Me>('/me/resign', { method: 'POST', data: {} })
  saveUser(me)
  return me
}
