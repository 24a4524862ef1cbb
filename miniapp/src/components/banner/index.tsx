import { Text, View } from '@tarojs/components'
import { ICONS } from '@/utils/icons'
import { decorative } from '@/utils/a11y'
import './index.scss'

// The 「群防群治」 header of the guide's 首页 (图1, 图5), drawn without image files.
export default function Banner({ subtitle = '常州市公安局' }: { subtitle?: string }) {
  return (
    <View className='banner' data-testid='banner'>
      <View className='banner__ring banner__ring--a' {...decorative()} />
      <View className='banner__ring banner__ring--b' {...decorative()} />
      <View className='banner__icon' style={{ backgroundImage: ICONS.shield }} {...decorative()} />
      <View className='banner__text'>
        <Text className='banner__title'>群防群治</Text>
        <Text className='banner__subtitle'>{subtitle}</Text>
      </View>
    </View>
  )
}
