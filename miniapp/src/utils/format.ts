// Dates and times as the guide shows them (2022-04-08 15:05:29), always in Asia/Shanghai, the
// zone of the service, whatever zone the phone is set to: a join at 01:28 Beijing time reads
// 01:28 on a phone in New York too, and its date agrees with the server's entry date. China has
// no daylight saving time, so Beijing time is UTC+8 all year.

const pad = (n: number) => String(n).padStart(2, '0')
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The wall clock of Asia/Shanghai at this instant, as UTC fields of a shifted Date. */
function shanghai(iso: string): Date | null {
  const t = new Date(iso).getTime()
  return Number.isNaN(t) ? null : new Date(t + SHANGHAI_OFFSET_MS)
}

export function dateTime(iso: string): string {
  const d = shanghai(iso)
  if (!d) return iso
  return `${date(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** 2022-04-08: an instant's date in Asia/Shanghai; a date without time (2022-04-08) as it is. */
export function date(isoOrDate: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDate)) return isoOrDate
  const d = shanghai(isoOrDate)
  if (!d) return isoOrDate
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}
