import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import PageFrame from '@/components/page-frame'
import { DUTY_SENT } from '@/services/duty-queue'
import { listRecords } from '@/services/zones'
import type { RecordStatus, ShiftRecord } from '@/services/zone-types'
import { dateTime } from '@/utils/format'
import '../zones.scss'
import './index.scss'

// 到岗记录 (guide 2.4 §5, 3.2 §5, 2.5 / 4.3): a zone's shifts (`zoneId`: 姓名(手机号), 上岗时间,
// 离岗时间) or the user's own (巡区名称, 上岗时间, 离岗时间, 状态), newest first, filtered by 全部 ▼
// (全部 / 上岗 / 离岗). A shift still open carries the 「离岗」 mark; a scan that reached the server
// late (kept offline) is marked 补录 with the scan's time and the time it arrived. Times in Asia/Shanghai.

const FILTERS: Array<{ status: RecordStatus; label: string }> = [
  { status: 'all', label: '全部' },
  { status: 'on', label: '上岗' },
  { status: 'off', label: '离岗' },
]

const ENDED_BY: Record<string, string> = {
  switched_zone: '加入其他巡区，自动离岗',
  left_company: '离职，自动离岗',
  zone_deleted: '巡区已删除，自动离岗',
}

function Time({ label, at, late, receivedAt }: { label: string; at: string | null; late: boolean; receivedAt: string | null }) {
  return (
    <View className='z-row'>
      <Text className='z-label'>{label}</Text>
      <View className='z-value'>
        <Text>{at ? dateTime(at) : ''}</Text>
        {late && <Text className='z-tag z-tag--late'>补录</Text>}
        {late && receivedAt && <Text className='z-sub'>{`提交时间 ${dateTime(receivedAt)}`}</Text>}
      </View>
    </View>
  )
}

export default function Records() {
  const { params } = useRouter()
  const zoneId = params.zoneId ?? null
  const zoneName = decodeURIComponent(params.name ?? '')
  const initial = (FILTERS.find((f) => f.status === params.status)?.status ?? 'all') as RecordStatus
  const [status, setStatus] = useState<RecordStatus>(initial)
  const [items, setItems] = useState<ShiftRecord[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [failed, setFailed] = useState(false)
  // The answer of an older filter must not replace the list of the newer one.
  const asked = useRef(0)

  const load = useCallback(async (which: RecordStatus, after: string | null) => {
    const ticket = ++asked.current
    setLoading(true)
    try {
      const page = await listRecords(zoneId, which, after)
      if (ticket !== asked.current) return
      setItems((prev) => (after ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setLoaded(true)
      setFailed(false)
    } catch {
      if (ticket === asked.current && !after) setFailed(true) // request.ts showed the message
    } finally {
      if (ticket === asked.current) setLoading(false)
    }
  }, [zoneId])

  useEffect(() => {
    if (zoneName) void Taro.setNavigationBarTitle({ title: `到岗记录 · ${zoneName}` })
  }, [zoneName])

  useEffect(() => {
    setLoaded(false)
    void load(status, null)
  }, [load, status])

  // Scans kept offline were just sent: show them.
  useEffect(() => {
    const sent = () => void load(status, null)
    Taro.eventCenter.on(DUTY_SENT, sent)
    return () => {
      Taro.eventCenter.off(DUTY_SENT, sent)
    }
  }, [load, status])

  useReachBottom(() => {
    if (cursor && !loading) void load(status, cursor)
  })

  // The filter's choices open under its button: real buttons, the same in weapp and H5.
  const [menu, setMenu] = useState(false)
  const pick = (next: RecordStatus) => {
    setMenu(false)
    if (next !== status) setStatus(next)
  }

  const label = FILTERS.find((f) => f.status === status)?.label ?? '全部'

  return (
    <PageFrame title={zoneName ? `到岗记录 · ${zoneName}` : '到岗记录'} className='records'>
      <View className='records__bar'>
        <ActionButton kind='plain' className='records__filter' testId='records-filter' aria-expanded={menu ? 'true' : 'false'} onClick={() => setMenu(!menu)}>
          {`${label} ▼`}
        </ActionButton>
        {menu && (
          <View className='records__menu' data-testid='records-menu'>
            {FILTERS.map((f) => (
              <ActionButton
                key={f.status}
                kind='plain'
                className={`records__choice ${f.status === status ? 'records__choice--on' : ''}`}
                aria-pressed={f.status === status ? 'true' : 'false'}
                onClick={() => pick(f.status)}
              >
                {f.label}
              </ActionButton>
            ))}
          </View>
        )}
      </View>

      {!loaded && loading && <Text className='muted z-note'>加载中…</Text>}
      {failed && !loaded && (
        <View className='z-note'>
          <ActionButton kind='plain' className='z-btn' onClick={() => void load(status, null)}>
            重试
          </ActionButton>
        </View>
      )}

      {loaded &&
        items.map((r) => (
          <View key={r.id} className='card z-card' data-testid='record-card'>
            {r.open && (
              <View className='records__head'>
                <Text className='z-tag z-tag--on records__open'>离岗</Text>
              </View>
            )}
            {zoneId ? (
              <View className='z-row'>
                <Text className='z-label'>姓名</Text>
                <Text className='z-value'>{r.member ?? ''}</Text>
              </View>
            ) : (
              <View className='z-row'>
                <Text className='z-label'>巡区名称</Text>
                <Text className='z-value'>{r.zoneName}</Text>
              </View>
            )}
            <Time label='上岗时间' at={r.onAt} late={r.onLate} receivedAt={r.onReceivedAt} />
            <Time label='离岗时间' at={r.offAt} late={r.offLate} receivedAt={r.offReceivedAt} />
            {!zoneId && (
              <View className='z-row'>
                <Text className='z-label'>状态</Text>
                <Text className='z-value'>{r.open ? '在岗' : '已离岗'}</Text>
              </View>
            )}
            {r.endReason && ENDED_BY[r.endReason] && <Text className='z-sub records__ended'>{ENDED_BY[r.endReason]}</Text>}
          </View>
        ))}

      {loaded && items.length === 0 && <Text className='muted z-note' data-testid='records-empty'>暂无到岗记录</Text>}
      {loaded && items.length > 0 && !cursor && <Text className='muted z-note'>已经没有更多记录了</Text>}
      {loaded && loading && cursor && <Text className='muted z-note'>加载中…</Text>}
    </PageFrame>
  )
}
