import { useState } from 'react'
import type { ChangeEvent } from 'react'
import { Input, Text, View } from '@tarojs/components'
import ActionButton from '@/components/action-button'
import { decodeQrFile } from './decode-h5'
import { toast } from '@/services/feedback'

// H5 only (the scan page requires it behind process.env.TARO_ENV === 'h5'): a browser has no
// WeChat scanner, so the user picks a photo of the QR and the page decodes it (jsQR). Below, a
// plainly marked development box takes the QR's text as typed or pasted.

type Props = { busy: boolean; onCode: (code: string) => void }

export default function H5Scanner({ busy, onCode }: Props) {
  const [manual, setManual] = useState('')
  const [reading, setReading] = useState(false)

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    e.target.value = '' // choosing the same picture again still fires change
    if (!file) return
    setReading(true)
    try {
      const code = await decodeQrFile(file)
      if (code) onCode(code)
      else toast({ title: '未识别到二维码，请重新选择清晰的图片', icon: 'none', duration: 2500 })
    } catch {
      toast({ title: '无法读取该图片，请重新选择', icon: 'none', duration: 2500 })
    } finally {
      setReading(false)
    }
  }

  const submitManual = () => {
    const code = manual.trim()
    if (!code) {
      toast({ title: '请输入二维码内容', icon: 'none' })
      return
    }
    onCode(code)
  }

  return (
    <View>
      <View className='card scan__pick'>
        <View className='scan__frame' aria-hidden />
        <Text className='scan__tip'>浏览器中无法调用微信扫一扫，请选择二维码图片识别</Text>
        <View className='scan__file'>
          {/* The look of a button; the file input over it is the control (role button, labelled). */}
          <View className={`btn-primary scan__file-btn ${reading || busy ? 'btn-disabled' : ''}`} aria-hidden>
            {reading ? '识别中…' : '选择二维码图片'}
          </View>
          <input
            className='scan__file-input'
            type='file'
            accept='image/*'
            aria-label='选择二维码图片'
            data-testid='scan-file'
            disabled={reading || busy}
            onChange={(e) => void pick(e)}
          />
        </View>
      </View>

      <View className='card scan__dev' data-testid='scan-manual'>
        <Text className='scan__dev-title' id='scan-manual-label'>
          开发环境：手动输入二维码内容
        </Text>
        <Input
          className='scan__dev-input'
          type='text'
          maxlength={500}
          placeholder='手动输入二维码内容'
          value={manual}
          onInput={(e) => setManual(e.detail.value)}
          nativeProps={{ 'aria-labelledby': 'scan-manual-label' }}
        />
        <ActionButton kind='plain' className='scan__dev-btn' busy={busy} onClick={submitManual}>
          确定
        </ActionButton>
      </View>
    </View>
  )
}
