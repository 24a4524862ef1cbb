// Dates as the guide shows them: 2022-04-08 15:05:29, in the phone's local time.

const pad = (n: number) => String(n).padStart(2, '0')

export function dateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}
