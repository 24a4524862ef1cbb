import { request } from './request'
import type { PageOf } from './types'

// Typed calls of the tips routes (docs/tips.md: 线索举报, 线索处理 and 线索监督). Every call goes through
// request.ts.

export type TipStatus = 'pending' | 'accepted' | 'closed' | 'refused'
export type TipCategory = { id: number; name: string }
export type TipCreated = { id: string; receiptCode: string; status: TipStatus }

export type TipListItem = {
  id: string
  receiptCode: string
  category: string
  summary: string
  anonymous: boolean
  status: TipStatus
  statusText: string
  departmentName: string
  photoCount: number
  createdAt: string
}

export type TipMessage = { id: number; fromPolice: boolean; author: string; mine: boolean; body: string; createdAt: string }
export type TipEvent = { kind: string; text: string; departmentName: string; note: string | null; createdAt: string }
export type TipAction = 'accept' | 'close' | 'refuse' | 'reassign' | 'reply' | 'blacklist'

export type TipDetail = {
  id: string
  receiptCode: string
  category: TipCategory
  content: string
  place: string | null
  anonymous: boolean
  status: TipStatus
  statusText: string
  department: { id: string; name: string }
  createdAt: string
  viewer: 'reporter' | 'police' | 'supervisor'
  reporter: { name: string; phoneMasked: string } | null
  /** supervisors only (null for everyone else): the reporter is on the blacklist */
  reporterBlacklisted: boolean | null
  photos: { url: string; width: number; height: number }[]
  history: TipEvent[]
  messages: TipMessage[]
  actions: TipAction[]
}

export type TipForm = {
  anonymous: boolean
  categoryId: number
  content: string
  place?: string
  departmentId?: string
  /** base64 JPEGs, already compressed on the phone */
  photos: string[]
}

function query(params: Record<string, string | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export function getTipCategories(): Promise<TipCategory[]> {
  return request<TipCategory[]>('/tips/categories')
}

/** POST /api/tips; errors are left to the form (no toast here). */
export function sendTip(form: TipForm): Promise<TipCreated> {
  return request<TipCreated>('/tips', { method: 'POST', data: form, toast: false })
}

export function myTips(cursor?: string | null): Promise<PageOf<TipListItem>> {
  return request<PageOf<TipListItem>>(`/tips/mine${query({ cursor })}`)
}

export function getTip(id: string): Promise<TipDetail> {
  return request<TipDetail>(`/tips/${encodeURIComponent(id)}`, { toast: false })
}

export function replyTip(id: string, body: string): Promise<TipMessage> {
  return request<TipMessage>(`/tips/${encodeURIComponent(id)}/messages`, { method: 'POST', data: { body } })
}

export function handleTip(id: string, action: 'accept' | 'close' | 'refuse', note?: string): Promise<{ status: TipStatus }> {
  return request(`/tips/${encodeURIComponent(id)}/${action}`, { method: 'POST', data: note ? { note } : {} })
}

export function reassignTip(id: string, departmentId: string, note?: string): Promise<{ ok: true }> {
  return request(`/tips/${encodeURIComponent(id)}/reassign`, { method: 'POST', data: note ? { departmentId, note } : { departmentId } })
}

export function tipInbox(status: TipStatus | 'all', cursor?: string | null): Promise<PageOf<TipListItem>> {
  return request<PageOf<TipListItem>>(`/tip-inbox${query({ status, cursor })}`)
}

/** 线索监督: every tip, for platform supervisors (403 not_supervisor for anyone else). */
export function tipSupervision(status: TipStatus | 'all', cursor?: string | null): Promise<PageOf<TipListItem>> {
  return request<PageOf<TipListItem>>(`/tip-supervision${query({ status, cursor })}`)
}

/** 拉黑: a supervisor blacklists the reporter of a tip; the answer says nothing about who it was. */
export function blacklistReporter(id: string, reason: string): Promise<{ ok: true }> {
  return request(`/tips/${encodeURIComponent(id)}/blacklist`, { method: 'POST', data: { reason } })
}
