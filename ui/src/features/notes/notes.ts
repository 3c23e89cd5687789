// One-to-one session notes (个体辅导) as the screens handle them: the fixed choices, where a note
// stands (草稿 / 已签名 / 已锁定), a blank note, and the filter of the list (kept while the app is open).
import { reactive } from 'vue'
import type { RiskAnswer, SessionInput, SessionView } from '@/api'
import { today } from '@/shared/dates'

/** The risk check's answers in the order the form offers them. */
export const RISK_ANSWERS: readonly RiskAnswer[] = ['not_asked', 'denied', 'thoughts', 'plan', 'act']

/** Answers that call for the crisis protocol and a warning file. */
export const RISK_ALERTS: readonly RiskAnswer[] = ['thoughts', 'plan', 'act']

/** The six fields of the 2015 guide, in order: key in SessionInput, locale key, test id. */
export const GUIDE_FIELDS = [
  { key: 'current_situation', testid: 'session-current-situation' },
  { key: 'main_problem', testid: 'session-main-problem' },
  { key: 'assessment', testid: 'session-assessment' },
  { key: 'analysis', testid: 'session-analysis' },
  { key: 'plan', testid: 'session-plan' },
  { key: 'effect', testid: 'session-effect' },
] as const

export type GuideField = (typeof GUIDE_FIELDS)[number]['key']

/** Where a note stands: a draft its author may edit, signed, or locked by the 48-hour rule. */
export type NoteState = 'draft' | 'signed' | 'locked'

export function noteState(view: SessionView): NoteState {
  if (view.note.status === 'signed') return 'signed'
  return view.locked ? 'locked' : 'draft'
}

/** Minutes a session lasts unless told otherwise (one class period). */
export const DEFAULT_DURATION = 40

/** Now, to the minute, as `HH:MM:00`. */
export function nowTime(): string {
  const d = new Date()
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:00`
}

/** A new note: today, now, one class period, nothing written, risk not asked yet. */
export function blankInput(): SessionInput {
  return {
    walk_in_label: '',
    date: today(),
    start_time: nowTime(),
    duration_minutes: DEFAULT_DURATION,
    current_situation: '',
    main_problem: '',
    assessment: '',
    analysis: '',
    plan: '',
    effect: '',
    risk: 'not_asked',
    next_appointment: null,
  }
}

/** `HH:MM:SS` → `HH:MM` for the screen. */
export function showTime(time: string): string {
  return time.slice(0, 5)
}

/** The list's filter: 只看我的. */
export const sessionFilters = reactive({ mineOnly: false })

/** Back to the defaults (tests). */
export function resetSessionFilters(): void {
  sessionFilters.mineOnly = false
}
