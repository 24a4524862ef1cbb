import Taro from '@tarojs/taro'
import { getRegistry } from './api'
import { PAGES } from './config'
import type { Me } from './types'
import { toast } from '@/services/feedback'

// Where a signed-in user goes next (guide 一、身份认证): verified → 首页; otherwise the 微警务
// registry decides between 授权关联用户信息 (found) and 用户信息 registration (not found).
export async function routeAfterSignIn(user: Me, replace = true): Promise<void> {
  if (user.identity.status === 'verified') {
    await Taro.reLaunch({ url: PAGES.home })
    return
  }
  const lookup = await getRegistry()
  const name = lookup.nameMasked ? `?name=${encodeURIComponent(lookup.nameMasked)}` : ''
  const url = lookup.found ? `${PAGES.identityLink}${name}` : PAGES.register
  // From 授权 the sign-in page is replaced; from 首页 the next page is pushed so 返回 leads home.
  await (replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url }))
}

/** After the identity became verified: back to a fresh 首页. */
export async function finishVerification(): Promise<void> {
  toast({ title: '身份认证成功', icon: 'success', duration: 1500 })
  await new Promise((resolve) => setTimeout(resolve, 800))
  await Taro.reLaunch({ url: PAGES.home })
}
