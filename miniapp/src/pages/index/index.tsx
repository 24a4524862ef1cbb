import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '@/components/action-button'
import Banner from '@/components/banner'
import ElderSwitch, { useElderMode } from '@/components/elder-switch'
import PageFrame from '@/components/page-frame'
import Tap from '@/components/tap'
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
import { date } from '@/utils/format'
import { decorative } from '@/utils/a11y'
import { ICONS } from '@/utils/icons'
import HomeTiles from './home-tiles'
import './index.scss'
import { toast, dialog } from '@/services/feedback'

// 首页 (guide 图1 / 图5 / 图10 / 图17): unverified users see 「去授权」; verified users see the tiles
// of their role, and members the name of their company.

type Status = 'loading' | 'ready' | 'error'

export default function Index() {
  const [me, setMe] = useState<Me | null>(() => getSession()?.user ?? null)
  const [signedIn, setSignedIn] = useState<boolean>(() => getSession() !== null)
  const [status, setStatus] = useState<Status>(() => (getSession() ? 'loading' : 'ready'))
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const told = useRef(new Set<string>())
  const elder = useElderMode()

  /** A guard dismissed by the admin is told once, at their next visit (not silently dropped). */
  const tellNotice = useCallback(async (next: Me) => {
    const notice = next.notice
    if (!notice || told.current.has(notice.id)) return
    told.current.add(notice.id)
    await dialog({
      title: '离职通知',
      content: `${notice.companyName}的单位管理员已为您办理离职，离职日期 ${date(notice.at)}。`,
      showCancel: false,
      confirmText: '知道了',
    })
    await noticeSeen(notice.id).catch(() => undefined)
  }, [])

  // Scans still waiting for the network (the zone and the open shift come with Me).
  const [pending, setPending] = useState(0)

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
      setPending(queuedScans().length)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试')
      setStatus('error')
    }
  }, [tellNotice])

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
    const { confirm } = await dialog({ title: '提示', content: '确定离职吗？离职后将退出本单位。' })
    if (!confirm) return
    try {
      setMe(await resign())
      toast({ title: '已离职', icon: 'success' })
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
          toast({ title: '功能建设中', icon: 'none', duration: 1500 })
      }
    } finally {
      setBusy(false)
    }
  }

  const signOut = async () => {
    const { confirm } = await dialog({ title: '提示', content: '确定退出登录吗？' })
    if (!confirm) return
    await logout()
    setMe(null)
    setSignedIn(false)
    setStatus('ready')
  }

  const verified = me?.identity.status === 'verified'
  // A cached user keeps the page usable while /me reloads in the background.
  const showAuth = !verified && (status === 'ready' || me !== null)
  // Members of a company: their zone (and whether they administer it) and their open shift, from
  // Me in the same answer; a zone admin's tiles (巡区管理, guide 图15) come from the server too.
  const duty: DutyState | null = me?.company ? { zone: me.zone ?? null, openShift: me.openShift ?? null } : null
  const tiles = me?.tiles ?? []

  return (
    <PageFrame title='常州群防群治' bar={false} className='home'>
      <Banner />

      {status === 'loading' && !me && (
        <View className='card home__state' data-testid='home-loading' {...{ role: 'status' }}>
          <View className='home__spinner' {...decorative()} />
          <Text className='muted'>加载中…</Text>
        </View>
      )}

      {status === 'error' && (
        <View className='card home__state' data-testid='home-error'>
          <Text className='home__error' {...{ role: 'alert' }}>
            {error}
          </Text>
          <ActionButton kind='plain' className='home__retry' testId='home-retry' onClick={() => void load()}>
            重试
          </ActionButton>
        </View>
      )}

      {showAuth && (
        <View className='card home__auth'>
          <ActionButton className='home__auth-btn' testId='go-authorize' busy={busy} onClick={goAuthorize}>
            <View className='home__auth-icon' style={{ backgroundImage: ICONS.user }} {...decorative()} />
            去授权
          </ActionButton>
          <Text className='muted home__auth-hint'>完成身份认证后，即可使用对应权限的功能</Text>
        </View>
      )}

      {verified && me && <HomeTiles me={me} tiles={tiles} duty={duty} pending={pending} elder={elder} onTile={(tile) => void openTile(tile)} />}

      {status !== 'loading' && <ElderSwitch />}

      {signedIn && status !== 'loading' && (
        <View className='home__footer'>
          <Tap className='home__logout' testId='logout' onTap={() => void signOut()}>
            <Text>退出登录</Text>
          </Tap>
        </View>
      )}
    </PageFrame>
  )
}
