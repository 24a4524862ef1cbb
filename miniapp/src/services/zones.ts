import { fetchImage, request } from './request'
import type { PageOf } from './types'
import type {
  DutyAction,
  DutyPreview,
  DutyResult,
  Location,
  RecordStatus,
  ShiftRecord,
  Zone,
  ZoneForm,
  ZoneMember,
} from './zone-types'

// Typed calls of the routes of docs/zones.md. Every call goes through request.ts.

function query(params: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

const id = (value: string) => encodeURIComponent(value)

/** GET /api/zones: 巡区管理, newest first; a zone admin gets their zone only. */
export function listZones(q: string, cursor?: string | null): Promise<PageOf<Zone>> {
  return request<PageOf<Zone>>(`/zones${query({ q, cursor })}`)
}

export function getZone(zoneId: string): Promise<Zone> {
  return request<Zone>(`/zones/${id(zoneId)}`)
}

/** POST /api/zones; errors are left to the form (no toast here). */
export function createZone(form: ZoneForm): Promise<Zone> {
  return request<Zone>('/zones', { method: 'POST', data: form, toast: false })
}

/** PATCH /api/zones/:id; errors are left to the form. */
export function updateZone(zoneId: string, form: Partial<ZoneForm>): Promise<Zone> {
  return request<Zone>(`/zones/${id(zoneId)}`, { method: 'PATCH', data: form, toast: false })
}

export function deleteZone(zoneId: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/zones/${id(zoneId)}`, { method: 'DELETE' })
}

/** The bare zone QR (the page draws the zone name under it). */
export function zoneCodeImage(zoneId: string): Promise<string> {
  return fetchImage(`/zones/${id(zoneId)}/code.png`)
}

/** POST /api/zones/:id/code: a new QR; the old one stops working at once. */
export function regenerateZoneCode(zoneId: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/zones/${id(zoneId)}/code`, { method: 'POST', data: {} })
}

/** GET /api/zones/:id/members: 巡区人员, search by name or phone. */
export function listZoneMembers(zoneId: string, q: string, cursor?: string | null): Promise<PageOf<ZoneMember>> {
  return request<PageOf<ZoneMember>>(`/zones/${id(zoneId)}/members${query({ q, cursor })}`)
}

/** 设为巡区管理员 (admin true) / 取消授权 (false), by the company admin. */
export function setZoneAdmin(zoneId: string, userId: string, admin: boolean): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/zones/${id(zoneId)}/admins/${id(userId)}`, { method: admin ? 'PUT' : 'DELETE', data: admin ? {} : undefined })
}

/** 移交: the zone admin hands the right to another member. */
export function handOverZone(zoneId: string, userId: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/zones/${id(zoneId)}/hand-over`, { method: 'POST', data: { userId } })
}

/** 到岗记录 of a zone (zoneId) or the caller's own (null). */
export function listRecords(zoneId: string | null, status: RecordStatus, cursor?: string | null): Promise<PageOf<ShiftRecord>> {
  const path = zoneId ? `/zones/${id(zoneId)}/records` : '/me/records'
  return request<PageOf<ShiftRecord>>(`${path}${query({ status, cursor })}`)
}

/** POST /api/duty/preview: what confirming the scan would do, or why not. No toast: the caller decides. */
export function previewDuty(code: string, location: Location | null): Promise<DutyPreview> {
  return request<DutyPreview>('/duty/preview', { method: 'POST', data: location ? { code, location } : { code }, toast: false })
}

export type ClockRequest = {
  code: string
  action: DutyAction | 'auto'
  location: Location | null
  requestId: string
  /** Queued (offline) scans only: when the guard scanned. */
  deviceTime?: string
}

/** POST /api/duty: acts once per requestId. No toast: the caller decides (online or queued). */
export function clock(req: ClockRequest): Promise<DutyResult> {
  const data: Record<string, unknown> = { code: req.code, action: req.action, requestId: req.requestId }
  if (req.location) data.location = req.location
  if (req.deviceTime) data.deviceTime = req.deviceTime
  return request<DutyResult>('/duty', { method: 'POST', data, toast: false })
}
