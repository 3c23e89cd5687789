// Session-note fixtures: notes as get_session / list_sessions answer them, for the student of
// casework.ts and for anonymous walk-ins. Days are fixed.
import type { SessionNote, SessionView } from '@/api'
import { student } from './casework'
import { staff } from './helpers'

export function note(overrides: Partial<SessionNote> = {}): SessionNote {
  return {
    id: 'a1b2c3d4-note2',
    session_number: 2,
    author_id: staff.counselor.id,
    shared_with: [],
    status: 'draft',
    written_at: '2026-03-02T06:10:00Z',
    signed_at: null,
    signed_hash: null,
    student_id: student.id,
    walk_in_label: '',
    date: '2026-03-02',
    start_time: '14:00:00',
    duration_minutes: 40,
    current_situation: '最近一周睡得不好',
    main_problem: '期中考试前紧张',
    assessment: '紧张程度中等',
    analysis: '对成绩期望高',
    plan: '每天睡前做放松练习',
    effect: '说完后轻松一些',
    risk: 'denied',
    next_appointment: '2026-03-09T14:00:00',
    ...overrides,
  }
}

export function sessionView(overrides: Partial<SessionNote> = {}, more: Partial<Omit<SessionView, 'note'>> = {}): SessionView {
  return {
    note: note(overrides),
    author_name: staff.counselor.name,
    student_label: student.name,
    locked: overrides.status === 'signed',
    intact: true,
    addenda: [],
    is_author: true,
    ...more,
  }
}

/** The student's first session, signed a week earlier: its 对策 can start the next one. */
export const firstSession: SessionView = sessionView(
  {
    id: 'a1b2c3d4-note1',
    session_number: 1,
    status: 'signed',
    signed_at: '2026-02-23T07:00:00Z',
    signed_hash: 'ab12',
    date: '2026-02-23',
    plan: '约定每天写三件好事；下周同一时间再谈',
  },
  {},
)

/** An anonymous walk-in by the teacher, still a draft. */
export const walkIn: SessionView = sessionView(
  {
    id: 'a1b2c3d4-walkin',
    session_number: 1,
    author_id: staff.teacher.id,
    student_id: undefined,
    walk_in_label: '七年级女生',
    date: '2026-03-01',
    start_time: '12:30:00',
    duration_minutes: 20,
  },
  { author_name: staff.teacher.name, student_label: '七年级女生', is_author: false },
)
