// The fixed choices of casework in the order the forms offer them; their words are in the
// locales under `casework.*`.
import type { CaseEvent, ContactMode, CrisisParty, FileSource, FileStatus, FollowUpMode, ParentResponse, ReturnDecision } from '@/api'

export type EventKind = CaseEvent['kind']

export const FILE_STATUSES: readonly FileStatus[] = ['active', 'referred', 'on_leave', 'return_observation', 'closed']
export const FILE_SOURCES: readonly FileSource[] = ['screening', 'homeroom_teacher', 'parent', 'self_referral', 'mailbox', 'peer', 'other']
export const FOLLOW_UP_MODES: readonly FollowUpMode[] = ['in_person', 'phone', 'home_visit', 'homeroom_feedback']
export const CONTACT_MODES: readonly ContactMode[] = ['phone', 'in_person', 'message', 'parent_meeting']
export const RESPONSES: readonly ParentResponse[] = ['agreed', 'hesitant', 'refused', 'no_answer']
export const DECISIONS: readonly ReturnDecision[] = ['return', 'return_with_support', 'postpone']
export const CRISIS_PARTIES: readonly CrisisParty[] = ['homeroom_teacher', 'guardian', 'principal', 'emergency_services']
/** The parties the backend requires a notification time for. */
export const REQUIRED_PARTIES: readonly CrisisParty[] = ['homeroom_teacher', 'guardian', 'principal']
export const EVENT_KINDS: readonly EventKind[] = [
  'follow_up',
  'level_change',
  'status_change',
  'referral',
  'referral_feedback',
  'return_assessment',
  'parent_contact',
  'home_visit',
  'crisis',
  'sharing',
]

/** The day an event belongs to (a crisis: the day of its moment). */
export function eventDay(event: CaseEvent): string {
  switch (event.kind) {
    case 'level_change':
    case 'status_change':
    case 'sharing':
      return event.on
    case 'crisis':
      return event.occurred_at.slice(0, 10)
    default:
      return event.date
  }
}
