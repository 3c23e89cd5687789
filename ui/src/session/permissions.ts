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

const FEATURES: Record<Role, readonly Feature[]> = {
  counselor: ['users', 'passphrase', 'accessLog', 'verify', 'idleLock', 'about', 'addStudent', 'importRoster'],
  teacher: ['passphrase', 'about'],
  principal: ['accessLog', 'passphrase', 'about'],
  admin: ['users', 'accessLog', 'passphrase', 'idleLock', 'verify', 'about'],
}

/** Whether `role` may use `feature`; nobody may while locked (`null`). */
export function can(role: Role | null | undefined, feature: Feature): boolean {
  return role != null && FEATURES[role].includes(feature)
}
