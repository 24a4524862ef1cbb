import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Tap from '@/components/tap'
import { IS_H5 } from '@/utils/a11y'
import './index.scss'

// 长辈模式 (issue 14, SPEC §7): larger text (body ≥ 18 px), larger tap targets, and a home page
// with only the daily actions. One switch, remembered in storage; every page follows it at once.
// In weapp the mode also comes on by itself when WeChat's own font size is set large (WeChat's
// 小程序适老化 guidance: wx.getAppBaseInfo().fontSizeSetting, 17 at the standard size).

const KEY = 'qunfang.elder'
const EVENT = 'elder-mode'
/** WeChat's font size from which pages are laid out as in 长辈模式 (its 「大」 steps start at 20). */
const WECHAT_LARGE = 20

function stored(): boolean | null {
  try {
    const v = Taro.getStorageSync(KEY)
    return v === true || v === 'on' ? true : v === false || v === 'off' ? false : null
  } catch {
    return null
  }
}

function wechatLarge(): boolean {
  if (IS_H5) return false
  try {
    const info = Taro.getAppBaseInfo?.() as { fontSizeSetting?: number } | undefined
    return (info?.fontSizeSetting ?? 0) >= WECHAT_LARGE
  } catch {
    return false
  }
}

/**
 * WeChat's own text size as a factor of its standard size (wx.getAppBaseInfo().fontSizeScaleFactor:
 * 1 at 标准, about 1.4 at 关怀模式's 23.8 px on a 375 screen). 1 in H5 and when WeChat does not say.
 */
export function wechatFontScale(): number {
  if (IS_H5) return 1
  try {
    const info = (Taro.getAppBaseInfo?.() ?? Taro.getSystemInfoSync()) as { fontSizeScaleFactor?: number }
    const f = info?.fontSizeScaleFactor
    return typeof f === 'number' && f > 0.5 && f < 4 ? f : 1
  } catch {
    return 1
  }
}

/** Body text in 长辈模式, as H5's `max(125%, 23px)` root gives it (16 design px at 23 / 20). */
const ELDER_BODY_PX = 18.4

/**
 * weapp's root font size (page-meta root-font-size; every weapp size is in rem of it, 16 design px
 * = 1rem): 16 px times WeChat's own text size, and in 长辈模式 at least 18.4 px, as in H5.
 */
export function weappRootFontSize(elder: boolean): string {
  const px = Math.max(16 * wechatFontScale(), elder ? ELDER_BODY_PX : 0)
  return `${Math.round(px * 100) / 100}px`
}

/** Whether 长辈模式 is on: the user's choice, else (weapp) WeChat's large font setting. */
export function isElder(): boolean {
  return stored() ?? wechatLarge()
}

function applyRoot(on: boolean) {
  // H5: every size is in rem, so raising the root raises all text and targets together.
  if (IS_H5 && typeof document !== 'undefined') document.documentElement.classList.toggle('qf-elder', on)
}

export function setElder(on: boolean) {
  Taro.setStorageSync(KEY, on ? 'on' : 'off')
  applyRoot(on)
  Taro.eventCenter.trigger(EVENT, on)
}

/** The current mode, updated when any page switches it. */
export function useElderMode(): boolean {
  const [on, setOn] = useState(isElder)
  useEffect(() => {
    applyRoot(on)
    const changed = (value: boolean) => setOn(value)
    Taro.eventCenter.on(EVENT, changed)
    return () => {
      Taro.eventCenter.off(EVENT, changed)
    }
  }, [on])
  return on
}

/** The switch itself: one row, 长辈模式 with 开 / 关, a real switch for screen readers. */
export default function ElderSwitch() {
  const on = useElderMode()
  return (
    <Tap className='elder-switch' role='checkbox' selected={on} testId='elder-switch' label='长辈模式：大字体、大按钮' onTap={() => setElder(!on)}>
      <View className='elder-switch__text'>
        <Text className='elder-switch__title'>长辈模式</Text>
        <Text className='elder-switch__hint'>大字体、大按钮，首页只留常用功能</Text>
      </View>
      <View className={`elder-switch__track ${on ? 'elder-switch__track--on' : ''}`}>
        <Text className='elder-switch__state'>{on ? '开' : '关'}</Text>
      </View>
    </Tap>
  )
}
