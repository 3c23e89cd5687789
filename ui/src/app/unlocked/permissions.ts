// What each role may open in the screens. The backend enforces access by keys; this only keeps
// each role's screens free of buttons and pages it could not use.
import type { Role } from '@/api'

export type Feature =
  | 'users'
  | 'passphrase'
  | 'accessLog'
  | 'verify'
  | 'idleLock'
  | 'about'
  | 'addStudent'
  | 'importRoster'
  /** 设置 › 关注等级与类别. */
  | 'casework'
  /** The dashboard's lists and the warning-file list (summaries). */
  | 'caseworkSummary'
  /** Follow-ups, referrals, feedback, parent contacts and home visits on files one works on. */
  | 'caseworkRecord'
  /** Write a student's 一生一策 (the backend also checks the student is theirs). */
  | 'editPlan'
  | 'openFile'
  | 'crisis'
  | 'fileLevel'
  | 'fileStatus'
  | 'fileShare'
  | 'returnAssessment'
  /** 学年升级: every student in school up one grade, the top grade graduates. */
  | 'rollover'
  /** Change a student's 学籍状态 (在读/休学/转出/毕业). */
  | 'studentStatus'
  /** 辅导记录: write and read one-to-one session notes and the work log. */
  | 'sessions'
  /** 年度工作统计: the figures of a period (counts only, no notes). */
  | 'workStats'
  /** 悄悄话信箱: read and answer letters, crisis words, kiosk mode (counselors only: letters of minors). */
  | 'mailbox'
  /** 心理测评: campaigns, consent, imports, the review list and instruments (counselors only). */
  | 'screening'

const CASEWORK: readonly Feature[] = [
  'casework',
  'caseworkSummary',
  'caseworkRecord',
  'editPlan',
  'openFile',
  'crisis',
  'fileLevel',
  'fileStatus',
  'fileShare',
  'returnAssessment',
]

const FEATURES: Record<Role, readonly Feature[]> = {
  counselor: [
    'users',
    'passphrase',
    'accessLog',
    'verify',
    'idleLock',
    'about',
    'addStudent',
    'importRoster',
    ...CASEWORK,
    'rollover',
    'studentStatus',
    'sessions',
    'workStats',
    'mailbox',
    'screening',
  ],
  teacher: ['passphrase', 'about', 'caseworkSummary', 'caseworkRecord', 'editPlan', 'sessions', 'workStats'],
  principal: ['accessLog', 'passphrase', 'about', 'caseworkSummary', 'workStats'],
  admin: ['users', 'accessLog', 'passphrase', 'idleLock', 'verify', 'about'],
}

/** Whether `role` may use `feature`; nobody may while locked (`null`). */
export function can(role: Role | null | undefined, feature: Feature): boolean {
  return role != null && FEATURES[role].includes(feature)
}
