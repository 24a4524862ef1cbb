import { useCallback, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { imageAlt } from '@/utils/a11y'
import { getMyCompany, reviewQrImage } from '@/services/companies'
import { PAGES } from '@/services/config'
import { ApiError } from '@/services/request'
import type { Declaration } from '@/services/types'
import '../form.scss'
import './index.scss'

// 待核验单位信息 (guide 图9): what was declared, its status, and while 待审核 the 审核二维码 that
// the officer of the management department scans. 已驳回 shows the reason and 重新申报.

const STATUS_TEXT: Record<Declaration['status'], string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
}

export default function DeclarationStatus() {
  const [declaration, setDeclaration] = useState<Declaration | null>(null)
  const [qr, setQr] = useState('')
  const [error, setError] = useState('')

  const load = useCallback(async () => {
    try {
      const { declaration: d } = await getMyCompany({ toast: false })
      if (!d) {
        await Taro.redirectTo({ url: PAGES.declare })
        return
      }
      setDeclaration(d)
      setError('')
      setQr(d.status === 'pending' ? await reviewQrImage() : '')
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试')
    }
  }, [])

  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  if (!declaration) {
    return (
      <PageFrame title='申报保安单位'>
        <Text className='muted status__note' {...{ role: 'status' }}>{error || '加载中…'}</Text>
        {error && (
          <View className='form__actions'>
            <ActionButton kind='plain' onClick={() => void load()}>
              重试
            </ActionButton>
          </View>
        )}
      </PageFrame>
    )
  }

  const rows: [string, string][] = [
    ['单位名称', declaration.companyName],
    ['管理部门', declaration.departmentName],
    ['经营地址', declaration.address],
    ['联系电话', declaration.contactPhone],
    ['所属行业', declaration.industry],
  ]

  return (
    <PageFrame title='申报保安单位' className='status'>
      <View className='card form'>
        {rows.map(([label, value]) => (
          <View key={label} className='form__row'>
            <Text className='form__label'>{label}</Text>
            <Text className='form__value'>{value}</Text>
          </View>
        ))}
        <View className='form__row'>
          <Text className='form__label'>状态</Text>
          <Text className={`form__value status__state status__state--${declaration.status}`} data-testid='declaration-status'>
            {STATUS_TEXT[declaration.status]}
          </Text>
        </View>
        {declaration.status === 'rejected' && (
          <View className='form__row'>
            <Text className='form__label'>驳回原因</Text>
            <Text className='form__value' data-testid='reject-reason'>{declaration.rejectReason ?? ''}</Text>
          </View>
        )}
      </View>

      {declaration.status === 'pending' && (
        <View className='card status__qr-card'>
          <Text className='status__qr-title'>审核二维码</Text>
          {qr ? (
            <Image className='status__qr' src={qr} mode='aspectFit' data-testid='review-qr' showMenuByLongpress {...imageAlt(`审核二维码：${declaration.companyName}，请民警扫码审核`)} />
          ) : (
            <View className='status__qr status__qr--empty' {...{ role: 'img', 'aria-label': '审核二维码加载中' }} />
          )}
          <Text className='muted status__hint'>请向管理部门民警出示此二维码，民警扫码审核</Text>
        </View>
      )}

      {declaration.status === 'rejected' && (
        <View className='form__actions'>
          <ActionButton testId='declare-again' onClick={() => Taro.redirectTo({ url: PAGES.declare })}>
            重新申报
          </ActionButton>
        </View>
      )}
      {declaration.status === 'approved' && (
        <View className='form__actions'>
          <ActionButton kind='plain' onClick={() => Taro.reLaunch({ url: PAGES.home })}>
            返回首页
          </ActionButton>
        </View>
      )}
    </PageFrame>
  )
}
