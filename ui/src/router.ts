// The routes: one per section of the side navigation, plus the about page under settings.
// Sections not built yet render the honest coming-soon page; unknown paths go to the dashboard.
import { createRouter, createWebHashHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import { sections, type SectionName } from './sections'
import AboutView from './views/AboutView.vue'
import ComingSoonView from './views/ComingSoonView.vue'
import SettingsView from './views/SettingsView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** The side-navigation section this page belongs to. */
    section?: SectionName
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
    path: '/settings',
    name: 'settings',
    component: SettingsView,
    meta: { section: 'settings' },
  },
  {
    path: '/settings/about',
    name: 'about',
    component: AboutView,
    meta: { section: 'settings' },
  },
  { path: '/:unknown(.*)*', redirect: '/dashboard' },
]

/**
 * Hash history: the Tauri shell serves files, so a reload on any page must find index.html.
 * Tests pass a memory history.
 */
export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  return createRouter({ history, routes })
}
