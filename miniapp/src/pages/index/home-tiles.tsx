import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Tap from '@/components/tap'
import type { Me, Tile } from '@/services/types'
import type { DutyState } from '@/services/zone-types'
import { dateTime } from '@/utils/format'
import { decorative } from '@/utils/a11y'
import { ICONS, tileIcon } from '@/utils/icons'

// The verified home (guide 图5 / 图10 / 图17): who is signed in, their company, their zone and
// shift, then the tiles of their role — each a real control named by its title. In 长辈模式 the
// home keeps the guard's daily actions (扫一扫, 到岗记录, 线索举报) as large rows, and the rest
// behind 更多功能.

/** Second line under a tile's title, in the guide's words. */
const SUBTITLES: Record<string, string> = {
  scan: '点击这里,扫描二维码',
}
/** 长辈模式: the daily actions, in this order. */
const DAILY = ['scan', 'attendance', 'tips']

type Props = {
  me: Me
  tiles: Tile[]
  duty: DutyState | null
  pending: number
  elder: boolean
  onTile: (tile: Tile) => void
}

export default function HomeTiles({ me, tiles, duty, pending, elder, onTile }: Props) {
  const [more, setMore] = useState(false)
  const daily = tiles.filter((t) => DAILY.includes(t.key)).sort((a, b) => DAILY.indexOf(a.key) - DAILY.indexOf(b.key))
  const wide = elder ? daily : tiles.filter((t) => t.key === 'scan')
  const grid = elder ? (more ? tiles.filter((t) => !DAILY.includes(t.key)) : []) : tiles.filter((t) => t.key !== 'scan')

  return (
    <View className='home__tiles'>
      <View className='home__who'>
        <View className='home__who-id'>
          <Text className='home__who-name'>{me.identity.name ?? ''}</Text>
          <Text className='home__who-tag'>已认证</Text>
        </View>
        <Text className='home__who-phone'>{me.phoneMasked}</Text>
      </View>
      {me.company && (
        <View className='card home__company' data-testid='home-company'>
          <View className='home__company-icon' style={{ backgroundImage: ICONS.building }} {...decorative()} />
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
            // Two lines: at 375 px the one line broke between the date and the time of 上岗时间.
            <Text className='home__duty-on' data-testid='duty-on'>
              <Text className='home__duty-line'>{`在岗 · ${duty.openShift.zoneName}`}</Text>
              <Text className='home__duty-line'>{`上岗时间 ${dateTime(duty.openShift.onAt)}`}</Text>
            </Text>
          ) : (
            duty?.zone && (
              <Text className='muted' data-testid='duty-off'>
                未上岗
              </Text>
            )
          )}
          {pending > 0 && <Text className='home__duty-pending'>{`${pending}条离线打卡待提交，联网后自动提交`}</Text>}
        </View>
      )}
      {wide.map((tile) => (
        <Tap key={tile.key} className='card home__wide' testId={`tile-${tile.key}`} onTap={() => onTile(tile)}>
          <View className={`home__wide-icon home__tile-icon--${tile.key}`} style={{ backgroundImage: tileIcon(tile.key) }} {...decorative()} />
          <View className='home__wide-text'>
            <Text className='home__wide-title'>{tile.title}</Text>
            {SUBTITLES[tile.key] && <Text className='home__wide-sub'>{SUBTITLES[tile.key]}</Text>}
          </View>
        </Tap>
      ))}
      {elder && tiles.length > daily.length && (
        <Tap className='card home__more' testId='home-more' selected={more} onTap={() => setMore(!more)}>
          <Text className='home__more-text'>{more ? '收起' : '更多功能'}</Text>
        </Tap>
      )}
      {grid.length > 0 && (
        // Five tiles and more (the company admin's) go three a row: 线索举报 stays on the first screen.
        <View className={`home__grid ${grid.length > 4 && !elder ? 'home__grid--three' : ''}`}>
          {grid.map((tile) => (
            <Tap key={tile.key} className='home__tile' testId={`tile-${tile.key}`} onTap={() => onTile(tile)}>
              <View className={`home__tile-icon home__tile-icon--${tile.key}`} style={{ backgroundImage: tileIcon(tile.key) }} {...decorative()} />
              <Text className='home__tile-title'>{tile.title}</Text>
            </Tap>
          ))}
        </View>
      )}
    </View>
  )
}
