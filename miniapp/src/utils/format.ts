// Dates as the guide shows them: 2022-04-08 15:05:29, always in Asia/Shanghai whatever the phone's
// zone (SPEC §7). China keeps UTC+8 all year, so the offset is added rather than asking Intl, which
// older weapp base libraries lack.

const pad = (n: number) => String(n).padStart(2, '0')
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

export function dateTime(iso: string): string {
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return iso
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}
