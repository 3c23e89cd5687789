// Screening fixtures: PHQ-9 and GAD-7 as shipped (items without text: the screens never show
// them), a campaign for 七年级 and 八年级, a review list with one critical row and one decided
// row, and builders for import summaries. Days are fixed.
import type {
  Campaign,
  CampaignSummary,
  Instrument,
  ReviewEntry,
  ReviewList,
  ScreeningImportSummary,
  Student,
} from '@/api'

const options = [
  { value: 0, label: '完全不会' },
  { value: 1, label: '好几天' },
  { value: 2, label: '一半以上的天数' },
  { value: 3, label: '几乎每天' },
]

function items(n: number) {
  return Array.from({ length: n }, (_, i) => ({ number: i + 1, text: '', reverse: false }))
}

export const phq9: Instrument = {
  id: 'phq9',
  name: '健康问卷（9 条目）',
  short_name: 'PHQ-9',
  version: '1',
  licence: '免费使用，无需授权（Pfizer）。Free to use: no permission required.',
  instructions: '在过去两周里，你有多少时间被以下问题所困扰？',
  review_threshold: 10,
  options,
  items: items(9),
  subscales: [],
  validity: { max_missing: 1 },
  bands: [
    { min: 0, max: 4, label: '无或极轻' },
    { min: 5, max: 9, label: '轻度' },
    { min: 10, max: 14, label: '中度' },
    { min: 15, max: 19, label: '中重度' },
    { min: 20, max: 27, label: '重度' },
  ],
  critical: [{ item: 9, min: 1, message: '第 9 题（伤害自己的念头）选择了“好几天”或以上：无论总分多少，请当天面谈评估，按危机干预流程处理。' }],
}

export const gad7: Instrument = {
  ...phq9,
  id: 'gad7',
  name: '焦虑量表（7 条目）',
  short_name: 'GAD-7',
  items: items(7),
  bands: [
    { min: 0, max: 4, label: '无或极轻' },
    { min: 5, max: 9, label: '轻度' },
    { min: 10, max: 14, label: '中度' },
    { min: 15, max: 21, label: '重度' },
  ],
  critical: [],
}

export const instruments = [phq9, gad7]

function pupil(id: string, student_no: string, name: string, grade: string, class_name: string): Student {
  return {
    id,
    student_no,
    name,
    grade,
    class_name,
    gender: null,
    date_of_birth: null,
    enrollment_year: null,
    homeroom_teacher: null,
    guardians: [],
    status: 'active',
  }
}

export const li = pupil('s-li', '0072301', '李明', '七年级', '3班')
export const wang = pupil('s-wang', '0072302', '王芳', '七年级', '3班')
export const zhao = pupil('s-zhao', '0082101', '赵强', '八年级', '1班')
export const students = [zhao, li, wang]

export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'c-2026-autumn',
    name: '2026 秋季学期心理测评',
    instruments: ['phq9'],
    starts_on: '2026-09-14',
    ends_on: '2026-09-25',
    grades: ['七年级', '八年级'],
    classes: [],
    thresholds: [],
    notice: null,
    opt_outs: [],
    ...overrides,
  }
}

export function entry(overrides: Partial<ReviewEntry> = {}): ReviewEntry {
  return {
    result_id: 'r-wang',
    student_id: wang.id,
    student_no: wang.student_no,
    name: wang.name,
    grade: wang.grade,
    class_name: wang.class_name,
    instrument: 'phq9',
    instrument_name: 'PHQ-9',
    total: 14,
    band: '中度',
    critical: false,
    critical_messages: [],
    decision: null,
    ...overrides,
  }
}

/** Critical first (as the backend orders it), then the decided row with the higher total. */
export function reviewList(): ReviewList {
  const critical = entry({
    result_id: 'r-li',
    student_id: li.id,
    student_no: li.student_no,
    name: li.name,
    total: 6,
    band: '轻度',
    critical: true,
    critical_messages: [phq9.critical[0]!.message],
  })
  const decided = entry({
    decision: { outcome: 'interview_scheduled', note: '已约周三面谈', file_id: null, by: 'u1', on: '2026-09-28' },
  })
  return { entries: [critical, decided], reviewed: 1 }
}

export function importSummary(overrides: Partial<ScreeningImportSummary> = {}): ScreeningImportSummary {
  return {
    mode: 'items',
    header_row: 2,
    encoding: 'GB18030',
    imported: 58,
    replaced: 3,
    opted_out: [],
    unmatched: [],
    errors: [],
    committed: false,
    columns: [
      ['学号', '学籍号'],
      ['第1题', 'PHQ9_1'],
    ],
    ...overrides,
  }
}

export function summary(): CampaignSummary {
  return {
    campaign: campaign(),
    eligible: 120,
    opted_out: 4,
    screened: 110,
    bands: [
      [
        'phq9',
        [
          { grade: '七年级', counts: [['无或极轻', 30], ['轻度', 15], ['中度', 8], ['中重度', 2], ['重度', 1], ['无效', 1]] },
          { grade: '八年级', counts: [['无或极轻', 28], ['轻度', 16], ['中度', 6], ['中重度', 2], ['重度', 0], ['无效', 1]] },
        ],
      ],
    ],
  }
}
