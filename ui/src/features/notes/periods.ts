// Periods the figures and the work log are read for: the school year (Sep 1 – Aug 31), the
// term (autumn Sep 1 – Jan 31, spring Feb 1 – Aug 31) and the calendar year that contain a day.
// Days are `YYYY-MM-DD`.

export interface Period {
  from: string
  to: string
}

export type PeriodPreset = 'schoolYear' | 'term' | 'calendarYear'

export const PERIOD_PRESETS: readonly PeriodPreset[] = ['schoolYear', 'term', 'calendarYear']

function parts(day: string): { year: number; month: number } {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) }
}

/** The school year containing `day`: from Sep 1 to Aug 31 of the next year. */
export function schoolYear(day: string): Period {
  const { year, month } = parts(day)
  const start = month >= 9 ? year : year - 1
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` }
}

/** The term containing `day`: autumn (Sep 1 – Jan 31) or spring (Feb 1 – Aug 31). */
export function term(day: string): Period {
  const { year, month } = parts(day)
  if (month >= 9) return { from: `${year}-09-01`, to: `${year + 1}-01-31` }
  if (month === 1) return { from: `${year - 1}-09-01`, to: `${year}-01-31` }
  return { from: `${year}-02-01`, to: `${year}-08-31` }
}

/** The calendar year containing `day`. */
export function calendarYear(day: string): Period {
  const { year } = parts(day)
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

export function presetPeriod(preset: PeriodPreset, day: string): Period {
  switch (preset) {
    case 'schoolYear':
      return schoolYear(day)
    case 'term':
      return term(day)
    case 'calendarYear':
      return calendarYear(day)
  }
}
