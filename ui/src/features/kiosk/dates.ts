// A reply's day as the kiosk shows it: 2026年3月1日 (or 2026-03-01 in English).
type Translate = (key: string, named: Record<string, unknown>) => string

export function showKioskDay(day: string, t: Translate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return day
  return t('date', { y: m[1], mm: m[2], dd: m[3], m: Number(m[2]), d: Number(m[3]) })
}
