// The routes: one per section of the side navigation, plus the pages under settings.
// Sections not built yet render the honest coming-soon page; unknown paths go to the dashboard.
// A page tied to a feature (meta.feature) opens only for roles that have it (unlocked/permissions.ts).
import {
  createRouter,
  createWebHashHistory,
  type RouteLocationNormalizedLoaded,
  type RouteRecordRaw,
  type RouterHistory,
} from 'vue-router'
import type { Role } from '@/api'
import { sections, type SectionName } from './sections'
import { can, type Feature } from '@/app/unlocked/permissions'
import { useUnlocked } from '@/app/unlocked/unlocked'
import AboutView from '@/features/admin/views/AboutView.vue'
import AccessLogView from '@/features/admin/views/AccessLogView.vue'
import CaseworkSettingsView from '@/features/casework/views/CaseworkSettingsView.vue'
import ComingSoonView from './ComingSoonView.vue'
import DashboardView from '@/features/casework/views/DashboardView.vue'
import MailboxLetterView from '@/features/mailbox/views/MailboxLetterView.vue'
import MailboxSettingsView from '@/features/mailbox/views/MailboxSettingsView.vue'
import MailboxView from '@/features/mailbox/views/MailboxView.vue'
import PassphraseView from '@/features/admin/views/PassphraseView.vue'
import ScreeningCampaignView from '@/features/screening/views/ScreeningCampaignView.vue'
import ScreeningInstrumentsView from '@/features/screening/views/ScreeningInstrumentsView.vue'
import ScreeningView from '@/features/screening/views/ScreeningView.vue'
import SessionEditorView from '@/features/notes/views/SessionEditorView.vue'
import SessionsView from '@/features/notes/views/SessionsView.vue'
import SettingsView from '@/features/admin/views/SettingsView.vue'
import StatsView from '@/features/notes/views/StatsView.vue'
import StudentView from '@/features/casework/views/StudentView.vue'
import StudentsView from '@/features/roster/views/StudentsView.vue'
import UsersView from '@/features/admin/views/UsersView.vue'
import VerifyView from '@/features/admin/views/VerifyView.vue'
import WarningFileView from '@/features/casework/views/WarningFileView.vue'
import WarningFilesView from '@/features/casework/views/WarningFilesView.vue'
import WorkLogView from '@/features/notes/views/WorkLogView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** The side-navigation section this page belongs to. */
    section?: SectionName
    /** The feature a role needs to open this page; none: every role. */
    feature?: Feature
  }
}

const sectionRoutes: RouteRecordRaw[] = sections
  .filter((s) => !s.built)
  .map((s) => ({
    path: s.path,
    name: s.name,
    component: ComingSoonView,
    props: { section: s.name },
    meta: { section: s.name },
  }))

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  ...sectionRoutes,
  {
    path: '/dashboard',
    name: 'dashboard',
    component: DashboardView,
    meta: { section: 'dashboard' },
  },
  {
    path: '/students',
    name: 'students',
    component: StudentsView,
    meta: { section: 'students' },
  },
  {
    path: '/students/:id',
    name: 'student',
    component: StudentView,
    props: true,
    meta: { section: 'students' },
  },
  {
    path: '/warning-files',
    name: 'warningFiles',
    component: WarningFilesView,
    meta: { section: 'warningFiles', feature: 'caseworkSummary' },
  },
  {
    path: '/warning-files/:id',
    name: 'warningFile',
    component: WarningFileView,
    props: true,
    meta: { section: 'warningFiles', feature: 'caseworkSummary' },
  },
  {
    path: '/sessions',
    name: 'sessions',
    component: SessionsView,
    meta: { section: 'sessions' },
  },
  {
    path: '/sessions/new',
    name: 'sessionNew',
    component: SessionEditorView,
    meta: { section: 'sessions', feature: 'sessions' },
  },
  {
    path: '/sessions/work-log',
    name: 'workLog',
    component: WorkLogView,
    meta: { section: 'sessions', feature: 'sessions' },
  },
  {
    path: '/sessions/:id',
    name: 'session',
    component: SessionEditorView,
    props: true,
    meta: { section: 'sessions', feature: 'sessions' },
  },
  {
    // Every role reaches the list, which tells a non-counselor the letters are not theirs.
    path: '/mailbox',
    name: 'mailbox',
    component: MailboxView,
    meta: { section: 'mailbox' },
  },
  {
    path: '/mailbox/:id',
    name: 'letter',
    component: MailboxLetterView,
    props: true,
    meta: { section: 'mailbox', feature: 'mailbox' },
  },
  {
    // Every role reaches the list, which tells a non-counselor screening results are not theirs.
    path: '/screening',
    name: 'screening',
    component: ScreeningView,
    meta: { section: 'screening' },
  },
  {
    path: '/screening/:id',
    name: 'campaign',
    component: ScreeningCampaignView,
    props: true,
    meta: { section: 'screening', feature: 'screening' },
  },
  {
    path: '/stats',
    name: 'stats',
    component: StatsView,
    meta: { section: 'sessions', feature: 'workStats' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: SettingsView,
    meta: { section: 'settings' },
  },
  {
    path: '/settings/users',
    name: 'users',
    component: UsersView,
    meta: { section: 'settings', feature: 'users' },
  },
  {
    path: '/settings/passphrase',
    name: 'passphrase',
    component: PassphraseView,
    meta: { section: 'settings', feature: 'passphrase' },
  },
  {
    path: '/settings/access-log',
    name: 'accessLog',
    component: AccessLogView,
    meta: { section: 'settings', feature: 'accessLog' },
  },
  {
    path: '/settings/verify',
    name: 'verify',
    component: VerifyView,
    meta: { section: 'settings', feature: 'verify' },
  },
  {
    path: '/settings/casework',
    name: 'caseworkSettings',
    component: CaseworkSettingsView,
    meta: { section: 'settings', feature: 'casework' },
  },
  {
    path: '/settings/mailbox',
    name: 'mailboxSettings',
    component: MailboxSettingsView,
    meta: { section: 'settings', feature: 'mailbox' },
  },
  {
    path: '/settings/instruments',
    name: 'instruments',
    component: ScreeningInstrumentsView,
    meta: { section: 'settings', feature: 'screening' },
  },
  {
    path: '/settings/about',
    name: 'about',
    component: AboutView,
    meta: { section: 'settings', feature: 'about' },
  },
  { path: '/:unknown(.*)*', redirect: '/dashboard' },
]

/**
 * Whether `role` may see the page at `route`. While locked (no role) nothing is shown anyway,
 * so any page may stay current; it is checked again when someone unlocks.
 */
export function routeAllowed(route: Pick<RouteLocationNormalizedLoaded, 'meta'>, role: Role | null): boolean {
  const feature = route.meta.feature
  return !feature || role === null || can(role, feature)
}

/**
 * Hash history: the Tauri shell serves files, so a reload on any page must find index.html.
 * Tests pass a memory history.
 */
export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  const router = createRouter({ history, routes })
  const { role } = useUnlocked()
  router.beforeEach((to) => (routeAllowed(to, role.value) ? true : '/settings'))
  return router
}
