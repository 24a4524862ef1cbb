import Taro from '@tarojs/taro'
import { ApiError } from './request'
import { getSession } from './session'
import { clock } from './zones'
import type { DutyAction, Location } from './zone-types'
import { toast } from '@/services/feedback'

// Scans made without signal (basements, garages, stairwells: SPEC §7, docs/zones.md "Offline").
// Each is kept in storage with the time the guard scanned and the requestId it was given, and sent
// in the order of scanning when the network returns and at the next launch. The server acts once
// per requestId, so a queue sent twice (two triggers, a retried flush) never doubles a shift.

const KEY = 'qunfang.dutyQueue'

/** Taro.eventCenter event after queued scans were sent: open record lists reload. */
export const DUTY_SENT = 'duty:sent'

export type QueuedScan = {
  code: string
  location: Location | null
  requestId: string
  /** ISO time of the scan on the device. */
  deviceTime: string
  /** The action the guard confirmed before the network failed; 'auto' when no dialog could be shown. */
  action: DutyAction | 'auto'
}

export function queuedScans(): QueuedScan[] {
  try {
    const raw = Taro.getStorageSync(KEY)
    const list = typeof raw === 'string' && raw ? JSON.parse(raw) : raw
    return Array.isArray(list) ? (list as QueuedScan[]) : []
  } catch {
    return []
  }
}

function store(list: QueuedScan[]): void {
  if (list.length) Taro.setStorageSync(KEY, JSON.stringify(list))
  else Taro.removeStorageSync(KEY)
}

export function enqueueScan(scan: QueuedScan): void {
  store([...queuedScans(), scan])
}

/** The answer says nothing reached the server (or it failed there): try again later. */
export function isTransient(e: unknown): boolean {
  return !(e instanceof ApiError) || e.status === 0 || e.status >= 500
}

let flushing: Promise<number> | null = null

/**
 * Sends the queue in order; stops at the first network failure or 5xx and keeps the rest. Any other
 * answer (done, replayed, or refused) removes the entry. Resolves with the number of entries sent.
 */
export function flushQueue(): Promise<number> {
  if (!flushing) {
    flushing = (async () => {
      let sent = 0
      const refusals: string[] = []
      while (getSession()) {
        const [next] = queuedScans()
        if (!next) break
        try {
          await clock({ ...next })
          sent++
        } catch (e) {
          if (isTransient(e)) break
          refusals.push((e as ApiError).message)
        }
        // Removed by requestId: a scan queued meanwhile stays behind it.
        store(queuedScans().filter((s) => s.requestId !== next.requestId))
      }
      if (sent || refusals.length) {
        Taro.eventCenter.trigger(DUTY_SENT)
        const title = refusals.length ? `离线打卡未成功：${refusals[refusals.length - 1]}` : `已提交${sent}条离线打卡`
        toast({ title, icon: 'none', duration: 3000 })
      }
      return sent
    })().finally(() => {
      flushing = null
    })
  }
  return flushing
}

let watching = false

/** Once per launch: send the queue now and whenever the network comes back. */
export function watchNetwork(): void {
  if (watching) return
  watching = true
  const retry = () => {
    if (queuedScans().length) void flushQueue().catch(() => undefined)
  }
  Taro.onNetworkStatusChange((res) => {
    if (res.isConnected) retry()
  })
  // A browser's connection events are not what Taro listens to in H5: the online event is.
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.addEventListener('online', retry)
  retry()
}
