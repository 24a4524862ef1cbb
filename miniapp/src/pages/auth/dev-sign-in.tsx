import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import ActionButton from '@/components/action-button'
import { getDevWechatCodes } from '@/services/api'
import { phoneProblem } from '@/utils/validate'
import { labelled } from '@/utils/a11y'
import { toast } from '@/services/feedback'

// H5 only (the auth page renders it behind process.env.TARO_ENV === 'h5', so weapp never ships
// it): a browser has no WeChat, so the local WeChat stand-in's development route hands out the
// one-time codes a phone would get, and the normal sign-in runs with them.

export default function DevSignIn({ onCodes }: { onCodes: (loginCode: string, phoneCode: string) => Promise<void> }) {
  const [phone, setPhone] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    const problem = phoneProblem(phone)
    if (problem) {
      toast({ title: problem, icon: 'none' })
      return
    }
    setBusy(true)
    try {
      const { loginCode, phoneCode } = await getDevWechatCodes(phone.trim())
      await onCodes(loginCode, phoneCode)
    } catch {
      // request.ts showed the server's message
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card dev' data-testid='dev-sign-in'>
      <Text className='dev__title'>开发环境登录（模拟微信授权）</Text>
      <Text className='dev__desc'>浏览器中没有微信：由本地微信接口替身发放一次性授权码，再走正式登录流程。</Text>
      <View className='dev__row'>
        <Text className='dev__label' id='dev-phone-label'>
          手机号
        </Text>
        <Input
          className='dev__input'
          // A plain text box in the browser: type=number would ignore maxlength and become a spinbutton.
          type='text'
          maxlength={11}
          placeholder='请输入手机号'
          value={phone}
          onInput={(e) => setPhone(e.detail.value)}
          data-testid='dev-phone'
          {...labelled('dev-phone-label', '手机号')}
        />
      </View>
      <ActionButton className='dev__btn' testId='dev-sign-in-submit' busy={busy} onClick={submit}>
        获取手机号并登录
      </ActionButton>
    </View>
  )
}
