import { useCallback, useEffect, useState } from 'react'
import { Canvas, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { alertProps, imageAlt } from '@/utils/a11y'
import { getMe } from '@/services/api'
import { companyCodeImage, regenerateCompanyCode } from '@/services/companies'
import { ApiError } from '@/services/request'
import { getSession } from '@/services/session'
import { CANVAS_SIZE, downloadH5, saveToAlbumWeapp } from './compose'
import './index.scss'
import { toast, dialog } from '@/services/feedback'

// 单位码 (guide 2.2): the company's QR, shown to staff who scan it to join, with the company name
// under it; 保存到相册 (weapp) / download (H5) the picture; 重新生成 kills the old code at once.

const CANVAS_ID = 'company-code-canvas'

export default function CompanyCode() {
  const [company, setCompany] = useState(() => getSession()?.user?.company ?? null)
  const [src, setSrc] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState<'' | 'save' | 'regenerate'>('')

  const load = useCallback(async (id: string) => {
    try {
      setSrc(await companyCodeImage(id))
      setError('')
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试')
    }
  }, [])

  useEffect(() => {
    if (company) {
      void load(company.id)
      return
    }
    getMe()
      .then((me) => (me.company ? setCompany(me.company) : setError('您还没有加入单位')))
      .catch(() => setError('加载失败，请稍后重试'))
  }, [company, load])

  const save = async () => {
    if (!company || !src || busy) return
    setBusy('save')
    try {
      if (process.env.TARO_ENV === 'h5') {
        await downloadH5(src, company.name)
      } else {
        await saveToAlbumWeapp(CANVAS_ID, src, company.name)
        toast({ title: '已保存到相册', icon: 'success' })
      }
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? '')
      // The user once refused the album: only the settings page can grant it again.
      if (/auth|deny|denied/i.test(msg)) {
        const { confirm } = await dialog({ title: '提示', content: '需要您授权保存图片到相册', confirmText: '去设置' })
        if (confirm) await Taro.openSetting()
      } else if (!/cancel/i.test(msg)) {
        toast({ title: '保存失败，请稍后重试', icon: 'none' })
      }
    } finally {
      setBusy('')
    }
  }

  const regenerate = async () => {
    if (!company || busy) return
    const { confirm } = await dialog({ title: '提示', content: '重新生成后旧单位码立即失效，确定吗？' })
    if (!confirm) return
    setBusy('regenerate')
    try {
      await regenerateCompanyCode(company.id)
      await load(company.id)
      toast({ title: '已重新生成', icon: 'success' })
    } catch {
      // request.ts showed the message
    } finally {
      setBusy('')
    }
  }

  return (
    <PageFrame title='单位码' className='code'>
      <View className='card code__card'>
        {src ? (
          <Image className='code__qr' src={src} mode='aspectFit' data-testid='company-code' showMenuByLongpress {...imageAlt(`单位码：${company?.name ?? ''}，本单位工作人员扫码加入`)} />
        ) : (
          <View className='code__qr code__qr--empty'>
            <Text className={error ? 'field-error' : 'muted'} {...(error ? alertProps() : {})}>{error || '加载中…'}</Text>
          </View>
        )}
        <Text className='code__name' data-testid='company-code-name'>{company?.name ?? ''}</Text>
        <Text className='muted code__hint'>请本单位工作人员使用「扫一扫」扫码加入</Text>
      </View>
      <View className='code__actions'>
        <ActionButton busy={busy === 'save'} inactive={!src || busy !== ''} onClick={save}>
          保存到相册
        </ActionButton>
        <ActionButton kind='plain' className='code__again' busy={busy === 'regenerate'} inactive={!company || busy !== ''} onClick={regenerate}>
          重新生成
        </ActionButton>
      </View>
      {process.env.TARO_ENV !== 'h5' && (
        <Canvas type='2d' id={CANVAS_ID} className='code__canvas' style={{ width: `${CANVAS_SIZE.width}px`, height: `${CANVAS_SIZE.height}px` }} />
      )}
    </PageFrame>
  )
}
