import { api, request, upload, type ApiResult } from './request'
import { WECHAT_DEV_ROOT } from './config'
import { clearSession, getSession, saveSession, saveUser } from './session'
import type { Me, RegistryLookup, Session, WechatCodes } from './types'

// Typed calls of the API routes in docs/foundation.md. Every call goes through request.ts.

/** POST /api/auth/wechat: the codes of wx.login and of the getPhoneNumber button. */
export async function signInWithWechat(loginCode: string, phoneCode: string): Promise<Session> {
  const session = await request<ApiResult<'post', '/api/auth/wechat'>>('/auth/wechat', {
    method: 'POST',
    data: { loginCode, phoneCode },
    auth: false,
  })
  saveSession(session)
  return session
}

/** GET /api/me */
export async function getMe(options: { toast?: boolean } = {}): Promise<Me> {
  const me = await api('get', '/api/me', { toast: options.toast })
  saveUser(me)
  return me
}

/** GET /api/identity/registry: is this phone real-name verified on 常州公安微警务? */
export function getRegistry(): Promise<RegistryLookup> {
  return api('get', '/api/identity/registry')
}

/** POST /api/identity/sync: copy name and ID number from the registry. */
export async function syncIdentity(): Promise<Me> {
  const me = await api('post', '/api/identity/sync')
  saveUser(me)
  return me
}

export type RegisterForm = {
  name: string
  idNumber: string
  /** Local path (weapp temp file) or blob: URL (H5) of the face photo. */
  photoPath: string
  photoName?: string
}

/** POST /api/identity (multipart: name, idNumber, photo); errors are left to the form (no toast here). */
export async function registerIdentity(form: RegisterForm): Promise<Me> {
  const me = await upload<ApiResult<'post', '/api/identity'>>('/identity', {
    filePath: form.photoPath,
    name: 'photo',
    fileName: form.photoName,
    formData: { name: form.name, idNumber: form.idNumber },
    toast: false,
  })
  saveUser(me)
  return me
}

/** POST /api/me/notices/:id/seen: the notice (离职 by the admin) is not shown again. */
export async function noticeSeen(id: string): Promise<void> {
  await api('post', '/api/me/notices/{id}/seen', { params: { id }, toast: false })
}

/** POST /api/auth/logout; the local session is dropped whatever the server says. */
export async function logout(): Promise<void> {
  try {
    if (getSession()) await api('post', '/api/auth/logout', { toast: false })
  } catch {
    // the session is being dropped anyway
  } finally {
    clearSession()
  }
}

/**
 * Development only: the local WeChat stand-in hands out the one-time codes that wx.login and
 * the getPhoneNumber button give on a phone. Absent in production.
 */
export function getDevWechatCodes(phone: string): Promise<WechatCodes> {
  return request<WechatCodes>('/_dev/codes', {
    method: 'POST',
    data: { phone },
    auth: false,
    root: WECHAT_DEV_ROOT,
  })
}
