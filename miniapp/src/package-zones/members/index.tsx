import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import SearchBar from '@/components/search-bar'
import { PAGES } from '@/services/config'
import { getSession } from '@/services/session'
import { handOverZone, listZoneMembers, setZoneAdmin } from '@/services/zones'
import type { ZoneMember } from '@/services/zone-types'
import { dateTime } from '@/utils/format'
import '../zones.scss'
import { toast, dialog } from '@/services/feedback'

// 巡区人员 (guide 2.4 §7, 3.2 §4–5): the members of one zone, search by 姓名 / 手机号. The company
// admin 设为巡区管理员 / 取消授权 (confirmed); a zone admin only searches, and in 移交 mode picks the
// member who takes over (confirmed), after which they are no longer the zone's admin.

type Busy = { userId: string } | null

export default function ZoneMembers() {
  const { params } = useRouter()
  const zoneId = params.id ?? ''
  const zoneName = decodeURIComponent(params.name ?? '')
  const companyAdmin = params.right === 'company_admin'
  const handover = params.mode === 'handover'
  const myId = getSession()?.user?.id ?? ''
  const [q, setQ] = useState('')
  const [term, setTerm] = useState('')
  const [items, setItems] = useState<ZoneMember[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [busy, setBusy] = useState<Busy>(null)

  const load = useCallback(async (search: string, after: string | null) => {
    setLoading(true)
    try {
      const page = await listZoneMembers(zoneId, search, after)
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setTerm(search)
      setLoaded(true)
    } catch {
      // request.ts showed the message
    } finally {
      setLoading(false)
    }
  }, [zoneId])

  useEffect(() => {
    if (handover) void Taro.setNavigationBarTitle({ title: '移交' })
    void load('', null)
  }, [load, handover])

  useReachBottom(() => {
    if (cursor && !loading) void load(term, cursor)
  })

  const who = (m: ZoneMember) => m.name ?? m.phoneMasked

  const toggleAdmin = async (m: ZoneMember) => {
    if (busy) return
    const content = m.isAdmin ? `确定取消${who(m)}的巡区管理员授权吗？` : `确定将${who(m)}设为${zoneName}的巡区管理员吗？`
    const { confirm } = await dialog({ title: '提示', content })
    if (!confirm) return
    setBusy({ userId: m.userId })
    try {
      await setZoneAdmin(zoneId, m.userId, !m.isAdmin)
      setItems((prev) => prev.map((p) => (p.userId === m.userId ? { ...p, isAdmin: !m.isAdmin } : p)))
      toast({ title: m.isAdmin ? '已取消授权' : '已设为巡区管理员', icon: 'success' })
    } catch {
      // request.ts showed the message
    } finally {
      setBusy(null)
    }
  }

  const handOver = async (m: ZoneMember) => {
    if (busy) return
    const { confirm } = await dialog({
      title: '提示',
      content: `确定将${zoneName}的管理权移交给${who(m)}吗？移交后您将不再是本巡区的巡区管理员。`,
    })
    if (!confirm) return
    setBusy({ userId: m.userId })
    try {
      await handOverZone(zoneId, m.userId)
      toast({ title: '移交成功', icon: 'success', duration: 1500 })
      await new Promise((resolve) => setTimeout(resolve, 900))
      await Taro.reLaunch({ url: PAGES.home })
    } catch {
      setBusy(null) // request.ts showed the message
    }
  }

  return (
    <View className='page zone-members'>
      {handover && <Text className='muted z-note'>请选择接任巡区管理员的人员</Text>}
      <SearchBar value={q} placeholder='姓名/电话' maxlength={20} onChange={setQ} onSearch={() => void load(q.trim(), null)} busy={loading && !cursor} testId='members-q' />

      {!loaded && loading && <Text className='muted z-note'>加载中…</Text>}

      {items.map((m) => (
        <View key={m.userId} className='card z-card' data-testid='member-card'>
          <View className='z-head'>
            <Text className='z-time'>{dateTime(m.joinedAt)}</Text>
            <View className='z-tags'>
              {m.onDuty && <Text className='z-tag z-tag--on'>在岗</Text>}
              {m.isAdmin && <Text className='z-tag'>巡区管理员</Text>}
            </View>
          </View>
          <View className='z-row'>
            <Text className='z-label'>姓名</Text>
            <Text className='z-value'>{m.name ?? ''}</Text>
          </View>
          <View className='z-row'>
            <Text className='z-label'>手机号</Text>
            <Text className='z-value'>{m.phoneMasked}</Text>
          </View>
          {companyAdmin && (
            <View className='z-foot'>
              <ActionButton kind='plain' className={`z-btn ${m.isAdmin ? 'z-btn--danger' : ''}`} busy={busy?.userId === m.userId} onClick={() => void toggleAdmin(m)}>
                {m.isAdmin ? '取消授权' : '设为巡区管理员'}
              </ActionButton>
            </View>
          )}
          {handover && m.userId !== myId && (
            <View className='z-foot'>
              <ActionButton kind='plain' className='z-btn' busy={busy?.userId === m.userId} onClick={() => void handOver(m)}>
                移交
              </ActionButton>
            </View>
          )}
        </View>
      ))}

      {loaded && items.length === 0 && (
        <Text className='muted z-note' data-testid='members-empty'>{term ? '未找到匹配的人员' : '暂无人员，工作人员扫描巡区二维码即可加入'}</Text>
      )}
      {loaded && items.length > 0 && !cursor && <Text className='muted z-note'>已经没有更多记录了</Text>}
      {loading && cursor && <Text className='muted z-note'>加载中…</Text>}
    </View>
  )
}
