import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import Banner from '@/components/banner'
import { getMe, logout, noticeSeen } from '@/services/api'
import { getMyCompany, resign } from '@/services/companies'
import { PAGES } from '@/services/config'
import { DUTY_SENT, queuedScans } from '@/services/duty-queue'
import { routeAfterSignIn } from '@/services/flow'
import { ApiError } from '@/services/request'
import { scanWithCamera } from '@/services/scan-flow'
import { getSession } from '@/services/session'
import type { Me, Tile } from '@/services/types'
import type { DutyState } from '@/services/zone-types'
import { getDutyState } from '@/services/zones'
import { date, dateTime } from '@/utils/format'
import { ICONS, tileIcon } from '@/utils/icons'
import './index.scss'

// 首页 (guide 图1 / 图5 / 图10 / 图17): unverified users see 「去授权」; verified users see the tiles
// of their role, and members the name of their company.

/** Second line under a tile's title, in the guide's words. */
const SUBTITLES: Record<string, string> = {
  scan: '点击这里,扫描二维码',
}

type Status = 'loading' | 'ready' | 'error'

export default function Index() {
  const [me, setMe] = useState<Me | null>(() => getSession()?.user ?? null)
  const [signedIn, setSignedIn] = useState<boolean>(() => getSession() !== null)
  const [status, setStatus] = useState<Status>(() => (getSession() ? 'loading' : 'ready'))
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const told = useRef(new Set<string>())

  /** A guard dismissed by the admin is told once, at their next visit (not silently dropped). */
  const tellNotice = useCallback(async (next: Me) => {
    const notice = next.notice
    if (!notice || told.current.has(notice.id)) return
    told.current.add(notice.id)
    await Taro.showModal({
      title: '离职通知',
      content: `${notice.companyName}的单位管理员已为您办理离职，离职日期 ${date(notice.at)}。`,
      showCancel: false,
      confirmText: '知道了',
    })
    await noticeSeen(notice.id).catch(() => undefined)
  }, [])

  // Members of a company: their zone (and whether they administer it), their open shift, and scans
  // still waiting for the network.
  const [duty, setDuty] = useState<DutyState | null>(null)
  const [pending, setPending] = useState(0)

  const loadDuty = useCallback(async (user: Me) => {
    setPending(queuedScans().length)
    if (!user.company) {
      setDuty(null)
      return
    }
    try {
      setDuty(await getDutyState({ toast: false }))
    } catch {
      // the tiles still work; the card stays as it was
    }
  }, [])

  const load = useCallback(async () => {
    const session = getSession()
    setSignedIn(session !== null)
    if (!session) {
      setMe(null)
      setStatus('ready')
      return
    }
    if (!session.user) setStatus('loading')
    try {
      const user = await getMe({ toast: false })
      setMe(user)
      setStatus('ready')
      void tellNotice(user)
      void loadDuty(user)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试')
      setStatus('error')
    }
  }, [tellNotice, loadDuty])

  useEffect(() => {
    const sent = () => void load()
    Taro.eventCenter.on(DUTY_SENT, sent)
    return () => {
      Taro.eventCenter.off(DUTY_SENT, sent)
    }
  }, [load])

  useDidShow(() => {
    void load()
  })

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const goAuthorize = async () => {
    if (busy) return
    // Signed in but not verified yet: skip the phone step and continue where the user left off.
    if (signedIn && me) {
      setBusy(true)
      try {
        await routeAfterSignIn(me, false)
      } catch {
        // request.ts showed the message
      } finally {
        setBusy(false)
      }
      return
    }
    await Taro.navigateTo({ url: PAGES.auth })
  }

  /** 单位申报 opens the declaration's status page once there is one (guide 图9). */
  const openDeclare = async () => {
    try {
      const { declaration } = await getMyCompany()
      await Taro.navigateTo({ url: declaration ? PAGES.declarationStatus : PAGES.declare })
    } catch {
      // request.ts showed the message
    }
  }

  const leave = async () => {
    const { confirm } = await Taro.showModal({ title: '提示', content: '确定离职吗？离职后将退出本单位。' })
    if (!confirm) return
    try {
      setMe(await resign())
      Taro.showToast({ title: '已离职', icon: 'success' })
    } catch {
      // request.ts showed the message
    }
  }

  const openTile = async (tile: Tile) => {
    if (busy) return
    setBusy(true)
    try {
      switch (tile.key) {
        case 'scan':
        case 'join':
          // weapp opens the camera scanner at once; H5 has a page to pick a picture of the QR.
          if (process.env.TARO_ENV === 'h5') await Taro.navigateTo({ url: PAGES.scan })
          else await scanWithCamera()
          setPending(queuedScans().length) // a scan kept offline
          break
        case 'declare':
          await openDeclare()
          break
        case 'companyCode':
          await Taro.navigateTo({ url: PAGES.companyCode })
          break
        case 'staff':
          await Taro.navigateTo({ url: PAGES.staff })
          break
        case 'reviews':
          await Taro.navigateTo({ url: PAGES.reviews })
          break
        case 'zones':
          await Taro.navigateTo({ url: PAGES.zones })
          break
        case 'attendance':
          await Taro.navigateTo({ url: PAGES.records })
          break
        case 'tips':
          await Taro.navigateTo({ url: PAGES.tipNotice })
          break
        case 'tipInbox':
          await Taro.navigateTo({ url: PAGES.tipInbox })
          break
        case 'tipSupervise':
          await Taro.navigateTo({ url: PAGES.tipSupervise })
          break
        case 'resign':
          await leave()
          break
        default:
          // anything else comes with a later issue; say so instead of doing nothing.
          Taro.showToast({ title: '功能建设中', icon: 'none', duration: 1500 })
      }
    } finally {
      setBusy(false)
    }
  }

  const signOut = async () => {
    const { confirm } = await Taro.showModal({ title: '提示', content: '确定退出登录吗？' })
    if (!confirm) return
    await logout()
    setMe(null)
    setSignedIn(false)
    setStatus('ready')
  }

  const verified = me?.identity.status === 'verified'
  // A cached user keeps the page usable while /me reloads in the background.
  const showAuth = !verified && (status === 'ready' || me !== null)
  // A zone admin is a guard with a right on one zone (guide 图15): 巡区管理 joins their tiles.
  const zoneAdmin = Boolean(duty?.zone?.isAdmin) && me?.company?.role !== 'admin'
  const tiles = [...(me?.tiles ?? [])]
  if (zoneAdmin && !tiles.some((t) => t.key === 'zones')) {
    tiles.splice(tiles.findIndex((t) => t.key === 'scan') + 1, 0, { key: 'zones', title: '巡区管理' })
  }
  const wide = tiles.filter((t) => t.key === 'scan')
  const grid = tiles.filter((t) => t.key !== 'scan')

  return (
    <View className='page home'>
      <Banner />

      {status === 'loading' && !me && (
        <View className='card home__state' data-testid='home-loading'>
          <View className='home__spinner' />
          <Text className='muted'>加载中…</Text>
        </View>
      )}

      {status === 'error' && (
        <View className='card home__state' data-testid='home-error'>
          <Text className='home__error'>{error}</Text>
          <ActionButton kind='plain' className='home__retry' testId='home-retry' onClick={() => void load()}>
            重试
          </ActionButton>
        </View>
      )}

      {showAuth && (
        <View className='card home__auth'>
          <ActionButton className='home__auth-btn' testId='go-authorize' busy={busy} onClick={goAuthorize}>
            <View className='home__auth-icon' style={{ backgroundImage: ICONS.user }} />
            去授权
          </ActionButton>
          <Text className='muted home__auth-hint'>完成身份认证后，即可使用对应权限的功能</Text>
        </View>
      )}

      {verified && me && (
        <View className='home__tiles'>
          <View className='home__who'>
            <Text className='home__who-name'>{me.identity.name ?? ''}</Text>
            <Text className='home__who-tag'>已认证</Text>
            <Text className='home__who-phone'>{me.phoneMasked}</Text>
          </View>
          {me.company && (
            <View className='card home__company' data-testid='home-company'>
              <View className='home__company-icon' style={{ backgroundImage: ICONS.building }} />
              <Text className='home__company-name'>{me.company.name}</Text>
            </View>
          )}
          {me.company && (duty?.zone || duty?.openShift || pending > 0) && (
            <View className='card home__duty' data-testid='duty-card'>
              {duty?.zone && (
                <Text className='home__duty-zone'>
                  {`所在巡区：${duty.zone.name}`}
                  {duty.zone.isAdmin && <Text className='home__duty-tag'>巡区管理员</Text>}
                </Text>
              )}
              {duty?.openShift ? (
                <Text className='home__duty-on' data-testid='duty-on'>{`在岗 · ${duty.openShift.zoneName} · 上岗时间 ${dateTime(duty.openShift.onAt)}`}</Text>
              ) : (
                duty?.zone && <Text className='muted' data-testid='duty-off'>未上岗</Text>
              )}
              {pending > 0 && <Text className='home__duty-pending'>{`${pending}条离线打卡待提交，联网后自动提交`}</Text>}
            </View>
          )}
          {wide.map((tile) => (
            <View key={tile.key} className='card home__wide' data-testid={`tile-${tile.key}`} onClick={() => void openTile(tile)}>
              <View className='home__wide-icon' style={{ backgroundImage: tileIcon(tile.key) }} />
              <View className='home__wide-text'>
                <Text className='home__wide-title'>{tile.title}</Text>
                {SUBTITLES[tile.key] && <Text className='home__wide-sub'>{SUBTITLES[tile.key]}</Text>}
              </View>
            </View>
          ))}
          {/* Five tiles and more (the company admin's) go three a row: 线索举报 stays on the first screen. */}
          <View className={`home__grid ${grid.length > 4 ? 'home__grid--three' : ''}`}>
            {grid.map((tile) => (
              <View key={tile.key} className='home__tile' data-testid={`tile-${tile.key}`} onClick={() => void openTile(tile)}>
                <View className={`home__tile-icon home__tile-icon--${tile.key}`} style={{ backgroundImage: tileIcon(tile.key) }} />
                <Text className='home__tile-title'>{tile.title}</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      {signedIn && status !== 'loading' && (
        <View className='home__footer'>
          <Text className='home__logout' data-testid='logout' onClick={signOut}>
            退出登录
          </Text>
        </View>
      )}
    </View>
  )
}
