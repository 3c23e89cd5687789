// The sections of the side navigation, in the order a counselor sees them.
// `name` is the route name and the i18n key under `nav.`; `built: false` shows the coming-soon page.
import type { Component } from 'vue'
import {
  ChatDotRound,
  DataAnalysis,
  DocumentChecked,
  FolderOpened,
  Message,
  Odometer,
  Setting,
  User,
} from '@element-plus/icons-vue'

export interface Section {
  name: 'dashboard' | 'students' | 'warningFiles' | 'sessions' | 'mailbox' | 'screening' | 'reports' | 'settings'
  path: string
  icon: Component
  built: boolean
}

export type SectionName = Section['name']
export type ComingSoonName = Exclude<
  SectionName,
  'settings' | 'students' | 'dashboard' | 'warningFiles' | 'sessions' | 'mailbox' | 'screening'
>

export const sections: readonly Section[] = [
  { name: 'dashboard', path: '/dashboard', icon: Odometer, built: true },
  { name: 'students', path: '/students', icon: User, built: true },
  { name: 'warningFiles', path: '/warning-files', icon: FolderOpened, built: true },
  { name: 'sessions', path: '/sessions', icon: ChatDotRound, built: true },
  { name: 'mailbox', path: '/mailbox', icon: Message, built: true },
  { name: 'screening', path: '/screening', icon: DocumentChecked, built: true },
  { name: 'reports', path: '/reports', icon: DataAnalysis, built: false },
  { name: 'settings', path: '/settings', icon: Setting, built: true },
]

/** The stable end-to-end test id of a section's navigation item, e.g. `nav-warning-files`. */
export function navTestId(section: Section): string {
  return `nav-${section.path.slice(1)}`
}
