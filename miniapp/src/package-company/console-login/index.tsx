import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { confirmConsoleLogin } from '@/services/companies'
import { PAGES } from '@/services/config'
import { toast } from '@/services/feedback'
import { ApiError } from '@/services/request'
import { alertProps } from '@/utils/a11y'
import './index.scss'

// 扫码登录 of the police console (issue 10): an officer scanned the console's login QR. Nothing
// happens until they confirm here; then the console on the computer receives their session.
// Only officers reach this page (scan-flow.ts); the server checks again (403 not_police).

export default function ConsoleLogin() {
  const { code = '' } = useRouter().params
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const [error, setError] = useState('')

  const home = () => Taro.reLaunch({ url: PAGES.home })

  const confirm = async () => {
    if (busy) return
    setBusy(true)
    setError('')
    try {
      await confirmConsoleLogin(code)
      setDone(true)
      toast({ title: '已确认登录', icon: 'success', duration: 1500 })
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '确认失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <PageFrame title='登录警务后台' className='console-login' testId='console-login-done'>
        <View className='console-login__body'>
          <Text className='console-login__title'>已确认登录</Text>
          <Text className='muted console-login__text'>请在电脑上继续使用警务后台。</Text>
          <View className='console-login__actions'>
            <ActionButton onClick={() => void home()}>返回首页</ActionButton>
          </View>
        </View>
      </PageFrame>
    )
  }

  return (
    <PageFrame title='登录警务后台' className='console-login'>
      {/* The padding is the body's: on the page's root it inset the H5 title bar too. */}
      <View className='console-login__body'>
        <Text className='console-login__title'>确认登录警务后台?</Text>
        <Text className='muted console-login__text'>登录后，电脑上的民警控制台将以您的身份查看和处理本部门的数据。</Text>
        {error ? (
          <Text className='field-error console-login__text' data-testid='console-login-error' {...alertProps()}>
            {error}
          </Text>
        ) : null}
        <View className='console-login__actions'>
          <ActionButton busy={busy} onClick={() => void confirm()}>
            确认
          </ActionButton>
          <ActionButton kind='plain' onClick={() => void home()}>
            取消
          </ActionButton>
        </View>
      </View>
    </PageFrame>
  )
}
