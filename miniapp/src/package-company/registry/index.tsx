import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import PageFrame from '@/components/page-frame'
import SearchBar from '@/components/search-bar'
import Tap from '@/components/tap'
import { searchRegistry } from '@/services/companies'
import { EVENTS } from '@/services/config'
import { ApiError } from '@/services/request'
import type { RegistryCompany } from '@/services/types'
import './index.scss'
import { toast } from '@/services/feedback'
import { alertProps } from '@/utils/a11y'

// 单位列表 (guide 图7 / 图8): search the registry by name, pick the company being declared. The
// pick goes back to 申报保安单位 through the event center (works the same in weapp and H5).
// A company already declared (待审核 or 已通过) is marked and cannot be picked, so the user learns
// it here and not after 提交; a mistyped 统一社会信用代码 is said to be wrong, not 未找到.

const DECLARED_TEXT = { pending: '已被申报（待审核）', approved: '已被申报' } as const

export default function Registry() {
  const [q, setQ] = useState('')
  const [items, setItems] = useState<RegistryCompany[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [searched, setSearched] = useState('')
  const [loading, setLoading] = useState(false)
  const [done, setDone] = useState(false)
  const [error, setError] = useState('')

  const load = async (term: string, after: string | null) => {
    if (loading) return
    setLoading(true)
    setError('')
    try {
      const page = await searchRegistry(term, after, { toast: false })
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setSearched(term)
      setDone(true)
    } catch (e) {
      if (!after) {
        setItems([])
        setDone(false)
      }
      setError(e instanceof ApiError ? e.message : '搜索失败，请稍后重试')
    } finally {
      setLoading(false)
    }
  }

  const search = () => {
    const term = q.trim()
    if (!term) {
      toast({ title: '请输入单位名称', icon: 'none' })
      return
    }
    void load(term, null)
  }

  useReachBottom(() => {
    if (cursor && !loading) void load(searched, cursor)
  })

  const pick = (item: RegistryCompany) => {
    if (item.declared) {
      toast({ title: '该单位已被申报，不能重复申报', icon: 'none', duration: 2500 })
      return
    }
    Taro.eventCenter.trigger(EVENTS.registryPicked, item)
    void Taro.navigateBack()
  }

  return (
    <PageFrame title='单位列表' className='registry'>
      <SearchBar value={q} placeholder='请输入单位名称' onChange={setQ} onSearch={search} busy={loading && !cursor} testId='registry-q' />
      {items.length > 0 && (
        <View className='card registry__list' data-testid='registry-list'>
          {items.map((item) => (
            <Tap
              key={item.id}
              className={`registry__item ${item.declared ? 'registry__item--declared' : ''}`}
              testId='registry-item'
              label={[item.name, item.creditCode, item.declared ? DECLARED_TEXT[item.declared] : ''].filter(Boolean).join('，')}
              onTap={() => pick(item)}
            >
              <Text className='registry__name' data-testid='registry-name'>{item.name}</Text>
              <Text className='registry__code'>{item.creditCode}</Text>
              {item.declared && (
                <Text className='registry__declared' data-testid='registry-declared'>
                  {DECLARED_TEXT[item.declared]}
                </Text>
              )}
            </Tap>
          ))}
        </View>
      )}
      {error && (
        <Text className='field-error registry__note' data-testid='registry-error' {...alertProps()}>
          {error}
        </Text>
      )}
      {!error && done && items.length === 0 && (
        <Text className='muted registry__note' data-testid='registry-empty'>未找到该单位，请联系管理部门</Text>
      )}
      {done && items.length > 0 && !cursor && <Text className='muted registry__note'>已经没有更多记录了</Text>}
      {loading && cursor && <Text className='muted registry__note'>加载中…</Text>}
    </PageFrame>
  )
}
