import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ChangeEvent } from 'react'
import { imageAlt } from '@/utils/a11y'

// 头像: a front face photo. weapp opens the camera (front) or the album through chooseMedia; H5 uses
// a real file input (capture=user opens the front camera on phones, tests can set files on it).

export type Photo = { path: string; name?: string }

const MAX_BYTES = 5 * 1024 * 1024
const TOO_LARGE = '头像不能超过 5 MB'

type Props = {
  value: Photo | null
  onChange: (photo: Photo) => void
  onProblem: (message: string) => void
  disabled?: boolean
}

export default function PhotoPicker({ value, onChange, onProblem, disabled }: Props) {
  const chooseInWeapp = async () => {
    if (disabled || process.env.TARO_ENV === 'h5') return
    try {
      const res = await Taro.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sourceType: ['camera', 'album'],
        camera: 'front',
        sizeType: ['compressed'],
      })
      const file = res.tempFiles[0]
      if (!file) return
      if (file.size > MAX_BYTES) return onProblem(TOO_LARGE)
      onChange({ path: file.tempFilePath })
    } catch {
      // the user closed the picker: keep what was there
    }
  }

  const chooseInH5 = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    e.target.value = '' // choosing the same file again still fires change
    if (!file) return
    if (!/^image\/(jpeg|png)$/.test(file.type)) return onProblem('头像须为 JPEG 或 PNG 图片')
    if (file.size > MAX_BYTES) return onProblem(TOO_LARGE)
    const url = URL.createObjectURL(file)
    // A file named .jpg that is no picture would only fail on the server; decode it first.
    const probe = new window.Image()
    probe.onload = () => {
      if (value?.path.startsWith('blob:')) URL.revokeObjectURL(value.path)
      onChange({ path: url, name: file.name })
    }
    probe.onerror = () => {
      URL.revokeObjectURL(url)
      onProblem('无法读取该图片，请重新拍摄或选择')
    }
    probe.src = url
  }

  return (
    <View className={`photo ${value ? 'photo--chosen' : ''}`} data-testid='photo-box' onClick={chooseInWeapp}>
      {value ? (
        <Image className='photo__preview' src={value.path} mode='aspectFill' data-testid='photo-preview' {...imageAlt('已选择的头像照片')} />
      ) : (
        <Text className='photo__plus'>+</Text>
      )}
      {value && <Text className='photo__again'>重新拍摄</Text>}
      {process.env.TARO_ENV === 'h5' && (
        <input
          className='photo__input'
          type='file'
          accept='image/*'
          capture='user'
          aria-label='头像'
          data-testid='photo-input'
          disabled={disabled}
          onChange={chooseInH5}
        />
      )}
    </View>
  )
}
