import Taro from '@tarojs/taro'
import { PAGES } from './config'
import { enqueueScan, flushQueue, isTransient, queuedScans } from './duty-queue'
import { deviceLocation } from './location'
import { ApiError } from './request'
import { clock, previewDuty } from './zones'
import type { DutyAction, Location } from './zone-types'
import { uuid } from '@/utils/uuid'
import { toast, dialog } from '@/services/feedback'

// 扫码打卡 (SPEC §4.2, guide 4.2): a scanned 巡区二维码 → the server says what confirming would do
// (上岗 / 离岗 / 加入 / 切换巡区) and its dialog text → the guard confirms → one clock request with
// a requestId made for this scan and the device location. Without network the scan is kept and sent
// later (duty-queue.ts): the guard is told 已记录，联网后自动提交 and is never simply refused.

export const OFFLINE_TEXT = '已记录，联网后自动提交'

/** Taro.eventCenter event after an online clock: the home page reloads its duty card. */
export const DUTY_CHANGED = 'duty:changed'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function keepForLater(code: string, location: Location | null, requestId: string, deviceTime: string, action: DutyAction | 'auto') {
  enqueueScan({ code, location, requestId, deviceTime, action })
  await dialog({ title: '提示', content: OFFLINE_TEXT, showCancel: false, confirmText: '知道了' })
}

function say(message: string) {
  toast({ title: message, icon: 'none', duration: 3000 })
}

const DONE: Record<DutyAction, string> = {
  clock_on: '上岗打卡成功',
  join_and_clock_on: '上岗打卡成功',
  switch_and_clock_on: '上岗打卡成功',
  clock_off: '离岗打卡成功',
}

/** Resolves when the scan of a zone QR was acted on, refused with a message, or kept for later. */
export async function handleZoneScan(code: string): Promise<void> {
  const deviceTime = new Date().toISOString()
  const requestId = uuid()
  const location = await deviceLocation()

  // Earlier offline scans go first; if they still cannot be sent, neither can this one.
  if (queuedScans().length) {
    await flushQueue().catch(() => 0)
    if (queuedScans().length) return keepForLater(code, location, requestId, deviceTime, 'auto')
  }

  let preview
  try {
    preview = await previewDuty(code, location)
  } catch (e) {
    if (isTransient(e)) return keepForLater(code, location, requestId, deviceTime, 'auto')
    return say((e as ApiError).message)
  }
  if (!preview.action || !preview.dialog) return say(preview.reason ?? '无法打卡')

  const off = preview.action === 'clock_off'
  const { confirm } = await dialog({
    title: '提示',
    content: preview.dialog,
    cancelText: '取消',
    confirmText: off ? '离岗' : '确定',
  })
  if (!confirm) return

  try {
    const result = await clock({ code, action: preview.action, location, requestId })
    Taro.eventCenter.trigger(DUTY_CHANGED)
    toast({ title: result.message ?? DONE[result.action], icon: 'success', duration: 1500 })
    await pause(900)
    await Taro.reLaunch({ url: PAGES.home })
  } catch (e) {
    // The confirmed action goes with the kept scan: a confirmed 切换巡区 is not asked again.
    if (isTransient(e)) return keepForLater(code, location, requestId, deviceTime, preview.action)
    say((e as ApiError).message)
  }
}
