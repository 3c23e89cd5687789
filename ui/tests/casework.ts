// Casework fixtures: one student with an open file at 二级, its records of every kind, and
// builders for the pages that show them. Days are fixed; tests that need "today" compute it.
import type { EventRecord, FileDetail, FileListItem, FileSummary, Student, StudentPage } from '@/api'
import { staff } from './helpers'

export const student: Student = {
  id: 'c1d2e3f4-0001',
  student_no: '0072301',
  name: '张𠈌',
  grade: '七年级',
  class_name: '3班',
  gender: 'female',
  date_of_birth: '2012-05-04',
  enrollment_year: 2025,
  homeroom_teacher: '刘老师',
  guardians: [{ name: '张伟', relation: '父亲', phone: '13800000000' }],
  status: 'active',
}

export function summary(overrides: Partial<FileSummary> = {}): FileSummary {
  return {
    id: 'f0f0f0f0-file1',
    student_id: student.id,
    level: 2,
    status: 'active',
    opened_on: '2026-02-20',
    closed_on: null,
    owner_id: staff.counselor.id,
    next_due: '2026-02-27',
    shared_with: [],
    last_crisis: null,
    ...overrides,
  }
}

export function listItem(overrides: Partial<FileSummary> = {}, more: Partial<Omit<FileListItem, 'file'>> = {}): FileListItem {
  return {
    file: summary(overrides),
    student_no: student.student_no,
    student_name: student.name,
    grade: student.grade,
    class_name: student.class_name,
    owner_name: staff.counselor.name,
    categories: ['学业压力', '情绪困扰'],
    overdue: false,
    ...more,
  }
}

const by = staff.counselor.id
const file_id = 'f0f0f0f0-file1'

/** One record of every kind, oldest first (as get_warning_file answers). */
export const events: EventRecord[] = [
  { id: 'e01', file_id, by_name: '王老师', event: { kind: 'level_change', from: null, to: 2, reason: '期中后情绪低落', by, on: '2026-02-20' } },
  {
    id: 'e02',
    file_id,
    by_name: '王老师',
    event: { kind: 'follow_up', by, date: '2026-02-21', mode: 'in_person', content: '谈了考试压力，约定下周再谈', next_due: '2026-02-28' },
  },
  { id: 'e03', file_id, by_name: '王老师', event: { kind: 'parent_contact', by, date: '2026-02-22', mode: 'phone', guardian: '父亲', content: '父亲同意多陪伴' } },
  { id: 'e04', file_id, by_name: '王老师', event: { kind: 'home_visit', by, date: '2026-02-23', visitors: '王老师、刘老师', present: '父亲', content: '家中安静，有书桌' } },
  {
    id: 'e05',
    file_id,
    by_name: '王老师',
    event: {
      kind: 'referral',
      by,
      date: '2026-02-24',
      institution: '市精神卫生中心',
      reason: '持续睡眠困难，建议专业评估',
      parent_notification: { notified_on: '2026-02-24', method: '面谈', notified_by: '王老师', response: 'agreed', response_note: '周六去' },
    },
  },
  { id: 'e06', file_id, by_name: '王老师', event: { kind: 'referral_feedback', by, date: '2026-02-26', source: '门诊医生', content: '建议学校继续关注' } },
  { id: 'e07', file_id, by_name: '王老师', event: { kind: 'status_change', from: 'referred', to: 'on_leave', reason: '家长申请休学', by, on: '2026-02-27' } },
  {
    id: 'e08',
    file_id,
    by_name: '王老师',
    event: { kind: 'return_assessment', by, date: '2026-03-01', participants: '王老师、刘老师、父亲', assessment: '睡眠好转', decision: 'return_with_support' },
  },
  {
    id: 'e09',
    file_id,
    by_name: '王老师',
    event: {
      kind: 'crisis',
      by,
      occurred_at: '2026-03-01T10:20:00',
      location: '教学楼三楼走廊',
      description: '情绪激动',
      safety_ensured: true,
      actions: '陪同到心理辅导室',
      notifications: [
        { party: 'homeroom_teacher', at: '2026-03-01T10:25:00', note: '' },
        { party: 'guardian', at: '2026-03-01T10:30:00', note: '父亲赶来' },
        { party: 'principal', at: '2026-03-01T10:35:00', note: '' },
        { party: 'emergency_services', at: null, note: '' },
      ],
    },
  },
  { id: 'e10', file_id, by_name: '王老师', event: { kind: 'sharing', owner: by, shared_with: [staff.teacher.id], by, on: '2026-03-01' } },
]

/** The chronology of the student page: newest first. */
export const chronology: EventRecord[] = [...events].reverse()

export function studentPage(overrides: Partial<StudentPage> = {}): StudentPage {
  // Asserted, not annotated: the page may carry more lists than these screens read.
  return {
    student,
    files: [listItem()],
    plan: null,
    chronology,
    can_read_casework: true,
    sessions: [],
    ...overrides,
  } as StudentPage
}

export function fileDetail(overrides: Partial<FileDetail> = {}, file: Partial<FileSummary> = {}): FileDetail {
  return {
    item: listItem(file),
    shared_with_names: [],
    narrative: { categories: ['学业压力', '情绪困扰'], source: 'homeroom_teacher', reason: '期中后情绪低落，班主任反映' },
    events,
    can_edit: true,
    ...overrides,
  }
}
