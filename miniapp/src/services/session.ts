import Taro from '@tarojs/taro'
import type { Me, Session } from './types'

// Tokens live in Taro storage (wx storage in weapp, localStorage in H5) so a reopened
// mini-program stays signed in until the refresh token runs out.
const KEY = 'qunfang.session'

export type StoredSession = {
  accessToken: string
  refreshToken: string
  /** epoch ms after which the access token is expired (informational; the server decides). */
  expiresAt: number
  user: Me | null
}

export function getSession(): StoredSession | null {
  try {
    const raw = Taro.getStorageSync(KEY)
    if (!raw) return null
    const parsed = typeof raw === 'string' ? JSON.parse(raw) : raw
    if (!parsed || typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return null
    return parsed as StoredSession
  } catch {
    return null
  }
}

export function saveSession(session: Session): StoredSession {
  const stored: StoredSession = {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresAt: Date.now() + session.expiresIn * 1000,
    user: session.user,
  }
  Taro.setStorageSync(KEY, JSON.stringify(stored))
  return stored
}

/** Keeps the cached user in step after /me, /identity/sync or /identity answered. */
export function saveUser(user: Me): void {
  const current = getSession()
  if (!current) return
  Taro.setStorageSync(KEY, JSON.stringify({ ...current, user }))
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(KEY)
  } catch {
    // storage unavailable: nothing left to clear
  }
}
