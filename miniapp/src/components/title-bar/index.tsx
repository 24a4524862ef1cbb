import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Tap from '@/components/tap'
import { decorative, headingProps } from '@/utils/a11y'
import './index.scss'

// H5's title bar (issue 6): weapp has WeChat's own bar; the browser build had only the browser's
// back. The title is the page's one level-1 heading; 返回 shows when there is a page to go back to.

export default function TitleBar({ title, back }: { title: string; back?: boolean }) {
  const canGoBack = back ?? Taro.getCurrentPages().length > 1
  return (
    <View className='title-bar'>
      {canGoBack && (
        <Tap className='title-bar__back' label='返回' testId='title-back' onTap={() => void Taro.navigateBack()}>
          <Text className='title-bar__chevron' {...decorative()}>
            ‹
          </Text>
        </Tap>
      )}
      <View className='title-bar__title' data-testid='page-title' {...headingProps(1)}>
        {title}
      </View>
    </View>
  )
}
