import Taro from '@tarojs/taro'
import type { Location } from './zone-types'

// The device location sent with every clock request, in GCJ-02 as the API expects. A refusal, a
// switched-off GPS or a slow fix is no error: the scan goes on without it (the server refuses only
// when the zone has a geofence). weapp gives GCJ-02 itself; a browser gives WGS-84, converted here.

const WAIT_MS = 4000

const outOfChina = (lat: number, lng: number) => lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271

function transform(x: number, y: number, lat: boolean): number {
  let r = lat
    ? -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
    : 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += lat
    ? ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
    : ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += lat
    ? ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
    : ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

/** WGS-84 → GCJ-02 (the published offset of the national survey datum). */
export function wgs84ToGcj02(lat: number, lng: number): Location {
  if (outOfChina(lat, lng)) return { lat, lng }
  const a = 6378245.0
  const ee = 0.00669342162296594323
  let dLat = transform(lng - 105, lat - 35, true)
  let dLng = transform(lng - 105, lat - 35, false)
  const radLat = (lat / 180) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - ee * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  dLat = (dLat * 180) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI)
  dLng = (dLng * 180) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: lat + dLat, lng: lng + dLng }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6

/** The device location, or null when it cannot be had within a few seconds. */
export async function deviceLocation(): Promise<Location | null> {
  const h5 = process.env.TARO_ENV === 'h5'
  const ask = Taro.getLocation({ type: h5 ? 'wgs84' : 'gcj02' })
    .then((r) => {
      const p = h5 ? wgs84ToGcj02(r.latitude, r.longitude) : { lat: r.latitude, lng: r.longitude }
      return { lat: round(p.lat), lng: round(p.lng) }
    })
    .catch(() => null)
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WAIT_MS))
  return Promise.race([ask, timeout])
}
