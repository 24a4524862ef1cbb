import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ButtonProps, BaseEventOrig } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import Banner from '@/components/banner'
import PageFrame from '@/components/page-frame'
import { signInWithWechat } from '@/services/api'
import { routeAfterSignIn } from '@/services/flow'
import './index.scss'
import { toast } from '@/services/feedback'

// Required only in H5: DefinePlugin turns the condition into a constant, and webpack drops the
// dead branch with its require, so the development sign-in never reaches the weapp package.
const DevSignIn: typeof import('./dev-sign-in').default | null =
  process.env.TARO_ENV === 'h5' ? require('./dev-sign-in').default : null

// 授权 (guide 图2): WeChat hands over the phone number (getPhoneNumber button) and a login code
// (wx.login); the server exchanges both and signs the user in.

type PhoneDetail = ButtonProps.onGetPhoneNumberEventDetail & { code?: string }

export default function Auth() {
  const [busy, setBusy] = useState(false)

  const signIn = async (loginCode: string, phoneCode: string) => {
    const session = await signInWithWechat(loginCode, phoneCode)
    await routeAfterSignIn(session.user)
  }

  const onGetPhoneNumber = async (e: BaseEventOrig<PhoneDetail>) => {
    const { code, errMsg } = e.detail
    if (!code) {
      // The user tapped 拒绝 (or WeChat refused): nothing to send.
      const denied = /deny|cancel/i.test(errMsg ?? '')
      toast({ title: denied ? '您已拒绝授权手机号，无法完成身份认证' : '获取手机号失败，请重试', icon: 'none', duration: 2500 })
      return
    }
    setBusy(true)
    try {
      const { code: loginCode } = await Taro.login()
      await signIn(loginCode, code)
    } catch (err) {
      // request.ts already showed the server's message; Taro.login failures get their own.
      if (!(err instanceof Error && err.name === 'ApiError')) {
        toast({ title: '微信登录失败，请重试', icon: 'none' })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageFrame title='授权' className='auth'>
      <Banner />
      <View className='card auth__card'>
        <Text className='auth__title'>常州群防群治 申请获取你的手机号</Text>
        <Text className='auth__desc'>手机号用于身份认证；认证成功后显示对应权限能看到的功能版块。</Text>
        {process.env.TARO_ENV !== 'h5' && (
          <ActionButton className='auth__btn' testId='wechat-phone' openType='getPhoneNumber' busy={busy} onGetPhoneNumber={onGetPhoneNumber}>
            授权手机号
          </ActionButton>
        )}
      </View>
      {process.env.TARO_ENV === 'h5' && DevSignIn && <DevSignIn onCodes={signIn} />}
    </PageFrame>
  )
}
