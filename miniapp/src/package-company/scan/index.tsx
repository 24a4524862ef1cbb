import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { handleScanned, scanWithCamera } from '@/services/scan-flow'
import './index.scss'

// 扫一扫 (tiles 扫一扫 and 入职扫码). weapp: the camera scanner (the home opens it directly; this
// page is where WeChat's "scan an ordinary link" lands, with the link in `q`). H5: pick a picture.

// Resolved at build time: the weapp build drops this branch and its require, so jsQR stays out.
const H5Scanner: typeof import('./h5-scanner').default | null =
  process.env.TARO_ENV === 'h5' ? require('./h5-scanner').default : null

export default function Scan() {
  const { params } = useRouter()
  const [busy, setBusy] = useState(false)
  const linked = useRef(false)

  const handle = async (code: string) => {
    if (busy) return
    setBusy(true)
    try {
      await handleScanned(code)
    } catch {
      // request.ts showed the server's message
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    // Opened from a scanned link: act on it once.
    if (params.q && !linked.current) {
      linked.current = true
      void handle(decodeURIComponent(params.q))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.q])

  return (
    <PageFrame title='扫一扫' className='scan'>
      {process.env.TARO_ENV === 'h5' && H5Scanner ? (
        <H5Scanner busy={busy} onCode={(code) => void handle(code)} />
      ) : (
        <View className='card scan__pick'>
          <View className='scan__frame' {...{ 'aria-hidden': true }} />
          <Text className='scan__tip'>扫描单位码、审核二维码、巡区二维码</Text>
          <ActionButton className='scan__file-btn' busy={busy} onClick={() => void scanWithCamera()}>
            扫描二维码
          </ActionButton>
        </View>
      )}
    </PageFrame>
  )
}
