import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import SearchBar from '@/components/search-bar'
import { EVENTS, PAGES } from '@/services/config'
import { getSession } from '@/services/session'
import { deleteZone, listZones } from '@/services/zones'
import type { Zone } from '@/services/zone-types'
import { dateTime } from '@/utils/format'
import '../zones.scss'
import './index.scss'
import { toast, dialog } from '@/services/feedback'

// 巡区管理 (guide 图12 for the company admin, 图16 for a zone admin): the zones, newest first, with
// 添加时间, 名称, 所属派出所, 创建人; search by name; 编辑 / 删除 / 二维码 / 到岗记录 / 人员管理,
// and for a zone admin 编辑 / 二维码 / 人员管理 (search only) / 移交 / 到岗记录. More load at the bottom.

const go = (url: string) => Taro.navigateTo({ url })

export default function ZoneList() {
  const isCompanyAdmin = getSession()?.user?.company?.role === 'admin'
  const [q, setQ] = useState('')
  const [term, setTerm] = useState('')
  const [items, setItems] = useState<Zone[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [failed, setFailed] = useState(false)
  const [removing, setRemoving] = useState('')

  const load = useCallback(async (search: string, after: string | null) => {
    setLoading(true)
    try {
      const page = await listZones(search, after)
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setTerm(search)
      setLoaded(true)
      setFailed(false)
    } catch {
      if (!after) setFailed(true) // request.ts showed the message
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load('', null)
  }, [load])

  // Back from 添加 / 编辑: the list shows the saved zone.
  useEffect(() => {
    const saved = () => void load(term, null)
    Taro.eventCenter.on(EVENTS.zoneSaved, saved)
    return () => {
      Taro.eventCenter.off(EVENTS.zoneSaved, saved)
    }
  }, [load, term])

  useReachBottom(() => {
    if (cursor && !loading) void load(term, cursor)
  })

  const remove = async (zone: Zone) => {
    if (removing) return
    const { confirm } = await dialog({
      title: '提示',
      content: `确定删除巡区「${zone.name}」吗？删除后该巡区的二维码立即失效，到岗记录仍保留。`,
    })
    if (!confirm) return
    setRemoving(zone.id)
    try {
      await deleteZone(zone.id)
      setItems((prev) => prev.filter((z) => z.id !== zone.id))
      toast({ title: '已删除', icon: 'success' })
    } catch {
      // request.ts showed the message
    } finally {
      setRemoving('')
    }
  }

  const named = (zone: Zone) => `id=${zone.id}&name=${encodeURIComponent(zone.name)}`

  return (
    <View className='page zones'>
      <SearchBar value={q} placeholder='巡区名称' maxlength={30} onChange={setQ} onSearch={() => void load(q.trim(), null)} busy={loading && !cursor} testId='zones-q' />
      {isCompanyAdmin && (
        <View className='z-toolbar zones__toolbar'>
          <ActionButton className='z-btn zones__add' testId='zone-add' onClick={() => void go(PAGES.zoneEdit)}>
            添加
          </ActionButton>
        </View>
      )}

      {!loaded && loading && <Text className='muted z-note'>加载中…</Text>}
      {failed && !loaded && (
        <View className='z-note'>
          <ActionButton kind='plain' className='z-btn' onClick={() => void load(term, null)}>
            重试
          </ActionButton>
        </View>
      )}

      {items.map((zone) => (
        <View key={zone.id} className='card z-card' data-testid='zone-card'>
          <View className='z-head'>
            <Text className='z-time'>{dateTime(zone.createdAt)}</Text>
            <ActionButton
              kind='plain'
              className='z-btn zones__records'
              onClick={() => void go(`${PAGES.records}?zoneId=${zone.id}&name=${encodeURIComponent(zone.name)}&status=${zone.myRight === 'zone_admin' ? 'on' : 'all'}`)}
            >
              到岗记录
            </ActionButton>
          </View>
          <View className='z-row'>
            <Text className='z-label'>名称</Text>
            <Text className='z-value' data-testid='zone-name'>{zone.name}</Text>
          </View>
          <View className='z-row'>
            <Text className='z-label'>所属派出所</Text>
            <Text className='z-value'>{zone.departmentName}</Text>
          </View>
          <View className='z-row'>
            <Text className='z-label'>创建人</Text>
            <Text className='z-value'>{zone.createdByName ?? ''}</Text>
          </View>
          <View className='z-row'>
            <Text className='z-label'>人员</Text>
            <Text className='z-value'>{`${zone.memberCount} 人，在岗 ${zone.onDutyCount} 人`}</Text>
          </View>
          <View className='z-foot'>
            <ActionButton kind='plain' className='z-btn' onClick={() => void go(`${PAGES.zoneEdit}?id=${zone.id}`)}>
              编辑
            </ActionButton>
            {zone.myRight === 'company_admin' && (
              <ActionButton kind='plain' className='z-btn z-btn--danger' busy={removing === zone.id} onClick={() => void remove(zone)}>
                删除
              </ActionButton>
            )}
            <ActionButton kind='plain' className='z-btn' onClick={() => void go(`${PAGES.zoneCode}?${named(zone)}`)}>
              二维码
            </ActionButton>
            <ActionButton kind='plain' className='z-btn' onClick={() => void go(`${PAGES.zoneMembers}?${named(zone)}&right=${zone.myRight}`)}>
              人员管理
            </ActionButton>
            {zone.myRight === 'zone_admin' && (
              <ActionButton kind='plain' className='z-btn' onClick={() => void go(`${PAGES.zoneMembers}?${named(zone)}&right=zone_admin&mode=handover`)}>
                移交
              </ActionButton>
            )}
          </View>
        </View>
      ))}

      {loaded && items.length === 0 && (
        <Text className='muted z-note' data-testid='zones-empty'>
          {term ? '未找到匹配的巡区' : isCompanyAdmin ? '暂无巡区，点击「添加」创建' : '暂无巡区'}
        </Text>
      )}
      {loaded && items.length > 0 && !cursor && <Text className='muted z-note'>已经没有更多记录了</Text>}
      {loading && cursor && <Text className='muted z-note'>加载中…</Text>}
    </View>
  )
}
