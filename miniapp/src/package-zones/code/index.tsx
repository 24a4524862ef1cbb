import { useCallback, useEffect, useState } from 'react'
import { Canvas, Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import { imageAlt } from '@/utils/a11y'
import { CANVAS_SIZE, downloadH5, saveToAlbumWeapp } from '@/package-company/code/compose'
import { ApiError } from '@/services/request'
import { regenerateZoneCode, zoneCodeImage } from '@/services/zones'
import '@/package-company/code/index.scss'
import { toast, dialog } from '@/services/feedback'

// 二维码 of a zone (guide 2.4 §4, 3.2 §3): shown to the company's guards, who scan it to join the
// zone and to clock on and off; 保存到相册 (weapp) / download (H5) with the zone name under it, as
// the 单位码 page does; 重新生成 kills the old code (a scan made offline before still counts).

const CANVAS_ID = 'zone-code-canvas'

export default function ZoneCode() {
  const { params } = useRouter()
  const zoneId = params.id ?? ''
  const name = decodeURIComponent(params.name ?? '')
  const [src, setSrc] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState<'' | 'save' | 'regenerate'>('')

  const load = useCallback(async () => {
    try {
      setSrc(await zoneCodeImage(zoneId))
      setError('')
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试')
    }
  }, [zoneId])

  useEffect(() => {
    void load()
  }, [load])

  const save = async () => {
    if (!src || busy) return
    setBusy('save')
    try {
      if (process.env.TARO_ENV === 'h5') {
        await downloadH5(src, name, '巡区二维码')
      } else {
        await saveToAlbumWeapp(CANVAS_ID, src, name)
        toast({ title: '已保存到相册', icon: 'success' })
      }
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? '')
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
    if (busy) return
    const { confirm } = await dialog({ title: '提示', content: '重新生成后旧二维码立即失效，确定吗？' })
    if (!confirm) return
    setBusy('regenerate')
    try {
      await regenerateZoneCode(zoneId)
      await load()
      toast({ title: '已重新生成', icon: 'success' })
    } catch {
      // request.ts showed the message
    } finally {
      setBusy('')
    }
  }

  return (
    <View className='page code'>
      <View className='card code__card'>
        {src ? (
          <Image className='code__qr' src={src} mode='aspectFit' data-testid='zone-code' {...imageAlt(`${name}巡区二维码`)} showMenuByLongpress />
        ) : (
          <View className='code__qr code__qr--empty'>
            <Text className={error ? 'field-error' : 'muted'}>{error || '加载中…'}</Text>
          </View>
        )}
        <Text className='code__name' data-testid='zone-code-name'>{name}</Text>
        <Text className='muted code__hint'>请本巡区工作人员使用「扫一扫」扫码加入巡区、上岗离岗打卡</Text>
      </View>
      <View className='code__actions'>
        <ActionButton busy={busy === 'save'} inactive={!src || busy !== ''} onClick={save}>
          保存到相册
        </ActionButton>
        <ActionButton kind='plain' className='code__again' busy={busy === 'regenerate'} inactive={!zoneId || busy !== ''} onClick={regenerate}>
          重新生成
        </ActionButton>
      </View>
      {process.env.TARO_ENV !== 'h5' && (
        <Canvas type='2d' id={CANVAS_ID} className='code__canvas' style={{ width: `${CANVAS_SIZE.width}px`, height: `${CANVAS_SIZE.height}px` }} />
      )}
    </View>
  )
}
