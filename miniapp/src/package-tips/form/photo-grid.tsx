import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ChangeEvent } from 'react'
import Tap from '@/components/tap'
import { decorative, imageAlt, IS_H5 } from '@/utils/a11y'

// 图片线索 (guide 图14): up to three photos with 「+」 to add and 删除 on each. weapp: chooseMedia from
// the camera or the album (both are compressed alike before upload); H5: a file input.

export const MAX_PHOTOS = 3
const MAX_BYTES = 5 * 1024 * 1024

type Props = {
  photos: string[]
  onChange: (photos: string[]) => void
  onProblem: (message: string) => void
  disabled?: boolean
}

export default function PhotoGrid({ photos, onChange, onProblem, disabled }: Props) {
  const room = MAX_PHOTOS - photos.length

  const addInWeapp = async () => {
    if (disabled || room <= 0 || process.env.TARO_ENV === 'h5') return
    try {
      const res = await Taro.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
      const ok = res.tempFiles.filter((f) => f.size <= MAX_BYTES).map((f) => f.tempFilePath)
      if (ok.length < res.tempFiles.length) onProblem('每张图片不能超过 5 MB')
      onChange([...photos, ...ok].slice(0, MAX_PHOTOS))
    } catch {
      // the picker was closed
    }
  }

  const addInH5 = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? [])
    e.target.value = ''
    const ok: string[] = []
    for (const file of files) {
      if (!/^image\/(jpeg|png|webp)$/.test(file.type)) {
        onProblem('图片线索须为 JPEG、PNG 或 WebP 图片')
        continue
      }
      if (file.size > MAX_BYTES) {
        onProblem('每张图片不能超过 5 MB')
        continue
      }
      ok.push(URL.createObjectURL(file))
    }
    if (photos.length + ok.length > MAX_PHOTOS) onProblem('图片线索最多 3 张')
    onChange([...photos, ...ok].slice(0, MAX_PHOTOS))
  }

  const remove = (i: number) => {
    const path = photos[i]
    if (path.startsWith('blob:')) URL.revokeObjectURL(path)
    onChange(photos.filter((_, j) => j !== i))
  }

  return (
    <View className='tip-photos' data-testid='tip-photos'>
      {photos.map((p, i) => (
        <View key={p} className='tip-photos__item' data-testid='tip-photo'>
          <Image className='tip-photos__img' src={p} mode='aspectFill' {...imageAlt(`线索照片 ${i + 1}/${photos.length}`)} />
          <Tap className='tip-photos__del' label={`删除线索照片 ${i + 1}/${photos.length}`} testId='tip-photo-delete' onTap={() => remove(i)}>
            <Text>删除</Text>
          </Tap>
        </View>
      ))}
      {room > 0 && (
        // H5: the file input inside is the control (a button around it would nest two controls).
        <View className='tip-photos__add' {...(IS_H5 ? {} : { 'aria-role': 'button', 'aria-label': '添加图片线索' })} onClick={addInWeapp}>
          <Text className='tip-photos__plus' {...decorative()}>
            +
          </Text>
          {process.env.TARO_ENV === 'h5' && (
            <input
              className='tip-photos__input'
              type='file'
              accept='image/*'
              multiple
              aria-label='添加图片线索'
              data-testid='tip-photo-input'
              disabled={disabled}
              onChange={addInH5}
            />
          )}
        </View>
      )}
    </View>
  )
}
