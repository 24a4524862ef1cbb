import { useCallback, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import PageFrame from '@/components/page-frame'
import Tap from '@/components/tap'
import { listReviews } from '@/services/companies'
import { PAGES } from '@/services/config'
import type { DeclarationStatus, ReviewListItem } from '@/services/types'
import { dateTime } from '@/utils/format'
import './index.scss'

// 单位审核 (SPEC §6, "or from a list"): the declarations of the officer's department and the
// departments below it, by status, newest first; more load at the bottom. A card opens the same
// review page as scanning its 审核二维码; coming back reloads the tab, so a decided declaration
// has left 待审核.

const TABS: { status: DeclarationStatus; title: string }[] = [
  { status: 'pending', title: '待审核' },
  { status: 'approved', title: '已通过' },
  { status: 'rejected', title: '已驳回' },
]

const STATUS_TEXT = Object.fromEntries(TABS.map((t) => [t.status, t.title])) as Record<DeclarationStatus, string>

export default function Reviews() {
  const [status, setStatus] = useState<DeclarationStatus>('pending')
  const [items, setItems] = useState<ReviewListItem[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  // Only the answer of the latest request counts: a slow page of the tab left behind is dropped.
  const latest = useRef(0)

  const load = useCallback(async (tab: DeclarationStatus, after: string | null) => {
    const ticket = ++latest.current
    setLoading(true)
    try {
      const page = await listReviews(tab, after)
      if (ticket !== latest.current) return
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setLoaded(true)
    } catch {
      // request.ts showed the message
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
  }, [])

  // First show and every return from the review page: the tab again from its first page.
  useDidShow(() => {
    void load(status, null)
  })

  useReachBottom(() => {
    if (cursor && !loading) void load(status, cursor)
  })

  const pick = (tab: DeclarationStatus) => {
    if (tab === status) return
    setStatus(tab)
    setItems([])
    setCursor(null)
    setLoaded(false)
    void load(tab, null)
  }

  const open = (item: ReviewListItem) => {
    void Taro.navigateTo({ url: `${PAGES.review}?token=${encodeURIComponent(item.token)}&from=list` })
  }

  const title = STATUS_TEXT[status]

  return (
    <PageFrame title='单位审核' className='reviews'>
      <View className='reviews__tabs' {...{ role: 'tablist' }}>
        {TABS.map((tab) => (
          <Tap
            key={tab.status}
            role='tab'
            selected={tab.status === status}
            className={`reviews__tab ${tab.status === status ? 'reviews__tab--on' : ''}`}
            testId={`reviews-tab-${tab.status}`}
            onTap={() => pick(tab.status)}
          >
            <Text>{tab.title}</Text>
          </Tap>
        ))}
      </View>

      {items.map((item) => (
        <Tap key={item.id} className='card reviews__card' testId='review-card' label={`${item.companyName}，${STATUS_TEXT[item.status]}，申报时间 ${dateTime(item.createdAt)}`} onTap={() => open(item)}>
          <View className='reviews__head'>
            <Text className='reviews__time'>{dateTime(item.createdAt)}</Text>
            <Text className={`reviews__tag reviews__tag--${item.status}`}>{STATUS_TEXT[item.status]}</Text>
          </View>
          {(
            [
              ['单位名称', item.companyName],
              ['统一社会信用代码', item.creditCode],
              ['管理部门', item.departmentName],
              ['申报人', item.declarantName ?? ''],
            ] as const
          ).map(([label, value]) => (
            <View key={label} className='reviews__row'>
              <Text className='reviews__label'>{label}</Text>
              <Text className='reviews__value'>{value}</Text>
            </View>
          ))}
        </Tap>
      ))}

      {loaded && items.length === 0 && (
        <Text className='muted reviews__note' data-testid='reviews-empty'>{`暂无${title}的申报`}</Text>
      )}
      {loaded && items.length > 0 && !cursor && <Text className='muted reviews__note'>已经没有更多记录了</Text>}
      {loading && (cursor || !loaded) && <Text className='muted reviews__note'>加载中…</Text>}
    </PageFrame>
  )
}
