// Days and moments as the casework commands take them: a day is `YYYY-MM-DD`, a moment is local
// time `YYYY-MM-DDTHH:MM:SS` (no zone: the school's clock). Shown with format.ts.
import { formatDate, formatDateTime } from './format'

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A Date as a day, in local time. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Today, in local time. */
export function today(): string {
  return isoDay(new Date())
}

/** Now, as a local moment `YYYY-MM-DDTHH:MM:SS`. */
export function nowLocal(): string {
  const d = new Date()
  return `${isoDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** A day as a local Date at midnight; null when it is not a day. */
export function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  const d = parseDay(day)
  if (!d) return day
  d.setDate(d.getDate() + n)
  return isoDay(d)
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const a = parseDay(from)
  const b = parseDay(to)
  if (!a || !b) return 0
  return Math.round((b.getTime() - a.getTime()) / 86_400_000)
}

/** A day for the screen (2026年3月1日); empty input gives the empty string. */
export function showDay(day: string | null | undefined): string {
  if (!day) return ''
  const d = parseDay(day)
  return d ? formatDate(d) : day
}

/** A local moment for the screen (2026年3月1日 08:00). */
export function showMoment(moment: string | null | undefined): string {
  if (!moment) return ''
  return formatDateTime(moment)
}
