import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { useElderMode } from '@/components/elder-switch'
import TitleBar from '@/components/title-bar'
import { headingProps, IS_H5 } from '@/utils/a11y'
import './index.scss'

// Every page's root (issue 14): one level-1 heading named like the page (H5: in the title bar with
// 返回, issue 6; weapp: WeChat's own bar shows the title, the heading is for its screen reader),
// and the 长辈模式 class that raises text and tap targets.

type Props = PropsWithChildren<{
  /** The page's title, as in its navigationBarTitleText. */
  title: string
  className?: string
  /** Show 返回 (default: when there is a page to go back to). */
  back?: boolean
  /** The first page shows its banner instead of a bar; the heading is then visually hidden. */
  bar?: boolean
  testId?: string
}>

export default function PageFrame({ title, className = '', back, bar = true, testId, children }: Props) {
  const elder = useElderMode()
  return (
    <View className={`page ${elder ? 'elder' : ''} ${className}`} data-testid={testId}>
      {IS_H5 && bar ? (
        <TitleBar title={title} back={back} />
      ) : (
        <View className='sr-only' {...headingProps(1)}>
          {title}
        </View>
      )}
      {children}
    </View>
  )
}
