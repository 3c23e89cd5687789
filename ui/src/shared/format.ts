// Dates as a Chinese teacher writes them (2026年3月1日, 2026年3月1日 08:00), in local time.
// English gets the ISO-like 2026-03-01 08:00, which no one misreads.
import { currentLocale } from '@/app/i18n'

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A day: `2026年3月1日` (or `2026-03-01` in English). */
export function formatDate(date: Date, locale: string = currentLocale()): string {
  const y = date.getFullYear()
  const m = date.getMonth() + 1
  const d = date.getDate()
  return locale === 'zh-CN' ? `${y}年${m}月${d}日` : `${y}-${pad(m)}-${pad(d)}`
}

/** A moment in local time: `2026年3月1日 08:00`; an unreadable timestamp is shown as given. */
export function formatDateTime(value: string | Date, locale: string = currentLocale()): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  return `${formatDate(date, locale)} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The first 8 characters of a record id: enough to tell records apart on screen. */
export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : ''
}
