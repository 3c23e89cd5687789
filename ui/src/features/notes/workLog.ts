// The room's work log (工作日志) as the screens handle it: the four kinds in the order the page
// offers them, their fixed choices, and one line per entry for the list.
import type { CallerType, ConcernLevel, WorkLogEntry } from '@/api'

export type WorkLogKind = WorkLogEntry['kind']

export const WORK_LOG_KINDS: readonly WorkLogKind[] = ['group_session', 'hotline_referral', 'training', 'activity']

/** The test-id prefix of each kind's form and tab (group-topic, worklog-tab-group, …). */
export const KIND_PREFIX: Record<WorkLogKind, string> = {
  group_session: 'group',
  hotline_referral: 'hotline',
  training: 'training',
  activity: 'activity',
}

export const CALLERS: readonly CallerType[] = ['student', 'parent', 'teacher', 'anonymous']
export const CONCERNS: readonly ConcernLevel[] = ['low', 'elevated', 'urgent']
/** The hotline numbers a counselor gives most, then 其他 (typed in). */
export const HOTLINES: readonly string[] = ['12356', '12355', '96311']
export const OTHER_NUMBER = 'other'

/** The activities schools run most; any other type may be typed in. */
export const ACTIVITY_TYPES: readonly string[] = ['心理健康月', '家庭教育宣传周', '主题班会', '讲座', '手抄报', '其他']
