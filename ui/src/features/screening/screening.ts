// Small helpers the screening screens share: grades in school order, instrument names by id,
// the consent methods offered as quick picks, and the review threshold of an instrument.
// A result is a review task for a counselor, never a label: bands are ranges of a total.
import type { Instrument, Student } from '@/api'

/** Grades in the order a Chinese school counts them; others follow in text order. */
const GRADE_ORDER = [
  '一年级',
  '二年级',
  '三年级',
  '四年级',
  '五年级',
  '六年级',
  '七年级',
  '初一',
  '八年级',
  '初二',
  '九年级',
  '初三',
  '高一',
  '高二',
  '高三',
]

export function compareGrades(a: string, b: string): number {
  const ia = GRADE_ORDER.indexOf(a)
  const ib = GRADE_ORDER.indexOf(b)
  if (ia >= 0 && ib >= 0) return ia - ib
  if (ia >= 0) return -1
  if (ib >= 0) return 1
  return a.localeCompare(b, 'zh-CN')
}

/** The grades of the students still at school, in school order. */
export function gradesOf(students: readonly Student[]): string[] {
  const set = new Set(
    students.filter((s) => s.status === 'active' || s.status === 'on_leave').map((s) => s.grade.trim()),
  )
  set.delete('')
  return [...set].sort(compareGrades)
}

/** The short name of an instrument id (PHQ-9), or the id itself when unknown. */
export function shortName(instruments: readonly Instrument[], id: string): string {
  return instruments.find((i) => i.id === id)?.short_name ?? id
}

/** The consent methods offered as quick picks (keys under `screening.consent.methods`). */
export const CONSENT_METHODS = ['letter', 'classGroup', 'parentMeeting'] as const

/** The threshold a campaign uses for an instrument: its own, else the instrument's default. */
export function thresholdOf(thresholds: readonly [string, number][], instrument: Instrument): number {
  return thresholds.find(([id]) => id === instrument.id)?.[1] ?? instrument.review_threshold
}

/** The highest possible total of an instrument (its last band's upper end). */
export function maxTotal(instrument: Instrument): number {
  return instrument.bands.at(-1)?.max ?? 0
}
