import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import PageFrame from '@/components/page-frame'
import Tap from '@/components/tap'
import { PAGES } from '@/services/config'
import { myTips, type TipListItem } from '@/services/tips'
import { alertProps } from '@/utils/a11y'
import { dateTime } from '@/utils/format'
import '../list.scss'

// 我的举报: the caller's tips, newest first, with status and 回执码; a card opens the detail and
// its thread.

export default function MyTips() {
  const [items, setItems] = useState<TipListItem[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [loading, setLoading] = useState(true)
  const [failed, setFailed] = useState(false)

  const load = async (after: string | null) => {
    setLoading(true)
    setFailed(false)
    try {
      const page = await myTips(after)
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setLoaded(true)
    } catch {
      setFailed(true) // request.ts showed the message; the page says it too
    } finally {
      setLoading(false)
    }
  }

  useDidShow(() => void load(null))
  useReachBottom(() => {
    if (cursor && !loading) void load(cursor)
  })

  return (
    <PageFrame title='我的举报' className='tip-list'>
      {items.map((t) => (
        <Tap
          key={t.id}
          role='link'
          className='card tip-list__card'
          testId='tip-card'
          label={`${t.category}，${t.statusText}，回执码${t.receiptCode}，${t.summary}`}
          onTap={() => void Taro.navigateTo({ url: `${PAGES.tipDetail}?id=${t.id}` })}
        >
          <View className='tip-list__head'>
            <Text className='tip-list__time'>{dateTime(t.createdAt)}</Text>
            <Text className={`tip-list__tag tip-list__tag--${t.status}`} data-testid='tip-status'>
              {t.statusText}
            </Text>
          </View>
          {(
            [
              ['回执码', t.receiptCode],
              ['线索类别', t.category],
              ['线索内容', t.summary],
              ['是否匿名', t.anonymous ? '是' : '否'],
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
        <Text className='muted tip-list__note' data-testid='tips-empty'>
          您还没有举报过线索
        </Text>
      )}
      {loaded && items.length > 0 && !cursor && <Text className='muted tip-list__note'>已经没有更多记录了</Text>}
      {loading && <Text className='muted tip-list__note'>加载中…</Text>}
      {failed && !loading && (
        <Text className='muted tip-list__note' {...alertProps()}>
          加载失败，请稍后重试
        </Text>
      )}
    </PageFrame>
  )
}
