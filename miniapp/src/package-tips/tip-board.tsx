import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import PageFrame from '@/components/page-frame'
import Tap from '@/components/tap'
import { PAGES } from '@/services/config'
import type { TipListItem, TipStatus } from '@/services/tips'
import type { PageOf } from '@/services/types'
import { controlProps } from '@/utils/a11y'
import { dateTime } from '@/utils/format'
import './list.scss'

// A list of tips by status tab, newest first, keyset-paged on scroll: 线索处理 (the officer's
// departments) and 线索监督 (every tip, for platform supervisors) differ only in what they load.
// An anonymous tip shows 匿名 and nothing else of who sent it.

export type Tab = { status: TipStatus | 'all'; title: string }

type Props = {
  tabs: Tab[]
  load: (status: Tab['status'], cursor: string | null) => Promise<PageOf<TipListItem>>
  /** test id prefix: `<prefix>-tab-<status>`, `<prefix>-card`, `<prefix>-empty` */
  testPrefix: string
  /** The page's title (its navigationBarTitleText): the page's heading. */
  title: string
}

export default function TipBoard({ tabs, load: fetchPage, testPrefix, title: pageTitle }: Props) {
  const [status, setStatus] = useState<Tab['status']>(tabs[0].status)
  const [items, setItems] = useState<TipListItem[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [loading, setLoading] = useState(true)
  const latest = useRef(0)

  const load = async (tab: Tab['status'], after: string | null) => {
    const ticket = ++latest.current
    setLoading(true)
    try {
      const page = await fetchPage(tab, after)
      if (ticket !== latest.current) return
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setLoaded(true)
    } catch {
      // request.ts showed the message
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
  }

  useDidShow(() => void load(status, null))
  useReachBottom(() => {
    if (cursor && !loading) void load(status, cursor)
  })

  const pick = (tab: Tab['status']) => {
    if (tab === status) return
    setStatus(tab)
    setItems([])
    setCursor(null)
    setLoaded(false)
    void load(tab, null)
  }

  const title = tabs.find((t) => t.status === status)!.title

  return (
    <PageFrame title={pageTitle} className='tip-list'>
      <View className='tip-list__tabs' {...controlProps('tablist', pageTitle)}>
        {tabs.map((tab) => (
          <Tap
            key={tab.status}
            role='tab'
            selected={tab.status === status}
            className={`tip-list__tab ${tab.status === status ? 'tip-list__tab--on' : ''}`}
            testId={`${testPrefix}-tab-${tab.status}`}
            onTap={() => pick(tab.status)}
          >
            <Text>{tab.title}</Text>
          </Tap>
        ))}
      </View>
      {items.map((t) => (
        <Tap
          key={t.id}
          role='link'
          className='card tip-list__card'
          testId={`${testPrefix}-card`}
          label={`${t.category}，${t.statusText}，${t.summary}`}
          onTap={() => void Taro.navigateTo({ url: `${PAGES.tipDetail}?id=${t.id}` })}
        >
          <View className='tip-list__head'>
            <Text className='tip-list__time'>{dateTime(t.createdAt)}</Text>
            <Text className={`tip-list__tag tip-list__tag--${t.status}`}>{t.statusText}</Text>
          </View>
          {(
            [
              ['线索类别', t.category],
              ['线索内容', t.summary],
              ['举报人', t.anonymous ? '匿名' : '实名'],
              ['管理部门', t.departmentName],
              ['图片', `${t.photoCount} 张`],
            ] as const
          ).map(([label, value]) => (
            <View key={label} className='tip-list__row'>
              <Text className='tip-list__label'>{label}</Text>
              <Text className='tip-list__value'>{value}</Text>
            </View>
          ))}
        </Tap>
      ))}
      {loaded && items.length === 0 && (
        <Text className='muted tip-list__note' data-testid={`${testPrefix}-empty`}>{status === 'all' ? '暂无线索' : `暂无${title}的线索`}</Text>
      )}
      {loaded && items.length > 0 && !cursor && <Text className='muted tip-list__note'>已经没有更多记录了</Text>}
      {loading && <Text className='muted tip-list__note'>加载中…</Text>}
    </PageFrame>
  )
}
