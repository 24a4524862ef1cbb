import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { decorative } from '@/utils/a11y'
import { getRegistry, syncIdentity } from '@/services/api'
import { PAGES } from '@/services/config'
import { finishVerification } from '@/services/flow'
import { ICONS } from '@/utils/icons'
import './index.scss'

// 授权关联用户信息 (guide 图4): the phone is real-name verified on 常州公安微警务, so 「确定」
// copies name and ID number from there; 「取消」 falls back to registering oneself.

export default function IdentityLink() {
  const router = useRouter()
  const fromRoute = router.params.name ? decodeURIComponent(router.params.name) : ''
  const [nameMasked, setNameMasked] = useState(fromRoute)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (fromRoute) return
    // Opened without the name (e.g. reloaded): ask the registry again.
    getRegistry()
      .then((r) => {
        if (r.found) setNameMasked(r.nameMasked ?? '')
        else void Taro.redirectTo({ url: PAGES.register })
      })
      .catch(() => undefined)
  }, [fromRoute])

  const confirm = async () => {
    if (busy) return
    setBusy(true)
    try {
      await syncIdentity()
      await finishVerification()
    } catch {
      // request.ts showed the server's message
      setBusy(false)
    }
  }

  const cancel = () => {
    if (busy) return
    void Taro.redirectTo({ url: PAGES.register })
  }

  return (
    <PageFrame title='授权关联用户信息' className='link'>
      <View className='card link__card'>
        <View className='link__icon' style={{ backgroundImage: ICONS.idCard }} {...decorative()} />
        <Text className='link__text' data-testid='link-message'>
          检测到您已在“常州公安微警务”完成实人认证
        </Text>
        <Text className='link__text'>是否同步“常州公安微警务”的用户信息，完成身份认证？</Text>
        <View className='link__row'>
          <Text className='link__label'>姓名</Text>
          <Text className='link__value' data-testid='link-name'>
            {nameMasked || '—'}
          </Text>
        </View>
        <View className='link__actions'>
          <ActionButton kind='plain' className='link__btn' testId='link-cancel' inactive={busy} onClick={cancel}>
            取消
          </ActionButton>
          <ActionButton className='link__btn' testId='link-confirm' busy={busy} onClick={confirm}>
            确定
          </ActionButton>
        </View>
      </View>
    </PageFrame>
  )
}
