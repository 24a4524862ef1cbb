import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import SearchBar from '@/components/search-bar'
import { getMe } from '@/services/api'
import { dismissMember, listStaff } from '@/services/companies'
import { getSession } from '@/services/session'
import type { Staff } from '@/services/types'
import { dateTime } from '@/utils/format'
import { NAME_MAX } from '@/utils/validate'
import '../form.scss'
import './index.scss'
import { toast, dialog } from '@/services/feedback'

// 人员名单 (guide 图11, 单位从业人员): the company's active staff, newest first; search by 姓名 or
// 手机号; 离职 (confirmed) removes someone; the admin is tagged 单位管理员 and cannot remove
// themselves. More rows load at the bottom of the page.

export default function StaffList() {
  const [me, setMe] = useState(() => getSession()?.user ?? null)
  const [q, setQ] = useState('')
  const [items, setItems] = useState<Staff[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [term, setTerm] = useState('')
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [removing, setRemoving] = useState('')
  const companyId = me?.company?.id ?? ''

  const load = useCallback(async (search: string, after: string | null) => {
    if (!companyId) return
    setLoading(true)
    try {
      const page = await listStaff(companyId, search, after)
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setTerm(search)
      setLoaded(true)
    } catch {
      // request.ts showed the message
    } finally {
      setLoading(false)
    }
  }, [companyId])

  // The cached user normally knows the company; a fresh one is asked once.
  useEffect(() => {
    if (!getSession()?.user?.company) getMe().then(setMe).catch(() => undefined)
  }, [])

  useEffect(() => {
    if (companyId) void load('', null)
  }, [companyId, load])

  useReachBottom(() => {
    if (cursor && !loading) void load(term, cursor)
  })

  const dismiss = async (person: Staff) => {
    if (removing) return
    const { confirm } = await dialog({ title: '提示', content: `确定将${person.name ?? person.phone}离职吗？离职后不再显示在人员名单中。` })
    if (!confirm) return
    setRemoving(person.membershipId)
    try {
      await dismissMember(person.membershipId)
      setItems((prev) => prev.filter((p) => p.membershipId !== person.membershipId))
      toast({ title: '已离职', icon: 'success' })
    } catch {
      // request.ts showed the message
    } finally {
      setRemoving('')
    }
  }

  return (
    <PageFrame title='单位从业人员' className='staff'>
      <SearchBar value={q} placeholder='姓名/手机号' maxlength={NAME_MAX} onChange={setQ} onSearch={() => void load(q.trim(), null)} busy={loading && !cursor} testId='staff-q' />

      {items.map((person) => (
        <View key={person.membershipId} className='card staff__card' data-testid='staff-card'>
          <View className='staff__head'>
            <Text className='staff__time'>{dateTime(person.joinedAt)}</Text>
            {person.role === 'admin' && <Text className='staff__tag'>单位管理员</Text>}
          </View>
          <View className='staff__row'>
            <Text className='staff__label'>姓名</Text>
            <Text className='staff__value'>{person.name ?? ''}</Text>
          </View>
          <View className='staff__row'>
            <Text className='staff__label'>手机号码</Text>
            <Text className='staff__value'>{person.phone}</Text>
          </View>
          <View className='staff__row'>
            <Text className='staff__label'>入职日期</Text>
            <Text className='staff__value'>{person.entryDate}</Text>
          </View>
          {person.userId !== me?.id && (
            <View className='staff__foot'>
              <ActionButton kind='plain' className='staff__leave' busy={removing === person.membershipId} onClick={() => void dismiss(person)}>
                离职
              </ActionButton>
            </View>
          )}
        </View>
      ))}

      {loaded && items.length === 0 && (
        <Text className='muted staff__note' data-testid='staff-empty'>{term ? '未找到匹配的人员' : '暂无人员'}</Text>
      )}
      {loaded && items.length > 0 && !cursor && <Text className='muted staff__note'>已经没有更多记录了</Text>}
      {loading && cursor && <Text className='muted staff__note'>加载中…</Text>}
    </PageFrame>
  )
}
