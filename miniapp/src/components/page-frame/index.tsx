import type { PropsWithChildren } from 'react'
import { PageMeta, View } from '@tarojs/components'
import { useElderMode, weappRootFontSize } from '@/components/elder-switch'
import TitleBar from '@/components/title-bar'
import { headingProps, IS_H5 } from '@/utils/a11y'
import './index.scss'

// Every page's root (issue 14): one level-1 heading named like the page (H5: in the title bar with
// 返回, issue 6; weapp: WeChat's own bar shows the title, the heading is for its screen reader),
// and the 长辈模式 class that raises text and tap targets.
// weapp: text follows WeChat's own font size (小程序适老化设计指南). Every weapp size is in rem
// (config/index.ts: Taro's pxtransform with targetUnit rem), and each page's first node is a
// page-meta (every page config sets enablePageMeta; Taro binds it to this <PageMeta>) whose
// root-font-size is 16 px × WeChat's fontSizeScaleFactor, raised further in 长辈模式.
// H5 is untouched: its root is 125 % of the browser's text size (index.html).

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
    <>
      {!IS_H5 && <PageMeta rootFontSize={weappRootFontSize(elder)} />}
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
    </>
  )
}
