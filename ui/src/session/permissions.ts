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
  counselor: ['users', 'passphrase', 'accessLog', 'verify', 'idleLock', 'about', 'addStudent', 'importRoster', ...CASEWORK],
  teacher: ['passphrase', 'about', 'caseworkSummary', 'caseworkRecord', 'editPlan'],
  principal: ['accessLog', 'passphrase', 'about', 'caseworkSummary'],
  admin: ['users', 'accessLog', 'passphrase', 'idleLock', 'verify', 'about'],
}

/** Whether `role` may use `feature`; nobody may while locked (`null`). */
export function can(role: Role | null | undefined, feature: Feature): boolean {
  return role != null && FEATURES[role].includes(feature)
}
