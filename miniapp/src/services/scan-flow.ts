import Taro from '@tarojs/taro'
import { getMe } from './api'
import { joinCompany, scanCode } from './companies'
import { PAGES } from './config'
import { handleZoneScan } from './duty-flow'
import type { CompanyPreview } from './types'
import { dialog, toast } from '@/services/feedback'

// What happens after a QR was read (weapp Taro.scanCode, the H5 decoder, or a WeChat
// "ordinary link" that opened the scan page): the server says what the code is for the caller,
// the page follows the guide — 单位码: 您确认加入XX吗? then 是否有保安证? 无 / 有 (4.1);
// 审核二维码: the officer's review page; 巡区二维码: 打卡 (duty-flow.ts); the police console's
// login QR: 确认登录警务后台? for officers, a clear refusal for everyone else.

/** The token of one of our links (`…/q/<kind>/<token>`, also URL-encoded as WeChat hands it over). */
export function tokenOf(code: string, kind: 'company' | 'review' | 'zone' | 'console'): string | null {
  let text = code.replace(/\s+/g, '')
  if (/^https?%3A/i.test(text)) {
    try {
      text = decodeURIComponent(text)
    } catch {
      return null
    }
  }
  const m = new RegExp(`/q/${kind}/([A-Za-z0-9_-]{16,128})/?$`).exec(text)
  return m ? m[1] : null
}

function say(title: string) {
  toast({ title, icon: 'none', duration: 2500 })
}

/** Resolves when the scan has been acted on (or refused with a toast). */
export async function handleScanned(code: string): Promise<void> {
  // A zone QR is answered by the duty routes (and must work offline: no /scan round trip first).
  if (tokenOf(code, 'zone')) return handleZoneScan(code.trim())
  const consoleCode = tokenOf(code, 'console')
  if (consoleCode) {
    const me = await getMe()
    if (me.role !== 'police') {
      say('该二维码用于民警登录警务后台，仅民警可以扫码登录')
      return
    }
    await Taro.navigateTo({ url: `${PAGES.consoleLogin}?code=${consoleCode}` })
    return
  }
  const result = await scanCode(code.trim())
  if (result.kind === 'review') {
    const token = tokenOf(code, 'review')
    if (result.actions.includes('approve') && token) {
      await Taro.navigateTo({ url: `${PAGES.review}?token=${token}` })
      return
    }
    say(result.reason ?? '无法审核该申报')
    return
  }
  if (result.kind === 'company' && result.actions.includes('join')) {
    const name = (result.preview as CompanyPreview | undefined)?.companyName ?? '该单位'
    const first = await dialog({ title: '提示', content: `您确认加入${name}吗?`, cancelText: '取消', confirmText: '确定' })
    if (!first.confirm) return
    // The modal of H5 is one element: give it a moment to close before it opens again.
    await new Promise((resolve) => setTimeout(resolve, 350))
    const second = await dialog({ title: '提示', content: '是否有保安证?', cancelText: '无', confirmText: '有' })
    await joinCompany(code.trim(), second.confirm)
    toast({ title: '加入成功', icon: 'success', duration: 1500 })
    await new Promise((resolve) => setTimeout(resolve, 800))
    await Taro.reLaunch({ url: PAGES.home })
    return
  }
  say(result.reason ?? '无法识别该二维码')
}

/** weapp: open the camera scanner; a closed scanner is no error. */
export async function scanWithCamera(): Promise<void> {
  let code: string
  try {
    code = (await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })).result
  } catch {
    return
  }
  try {
    await handleScanned(code)
  } catch {
    // request.ts showed the server's message
  }
}
