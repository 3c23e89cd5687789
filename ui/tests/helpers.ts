// Test helpers: mount the real app (or one page) with Element Plus, i18n and a memory router,
// and a mock Backend whose answers each test chooses.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import type { Backend } from '@/api'
import App from '@/App.vue'
import { i18n } from '@/i18n'
import { createAppRouter } from '@/router'

/** A Backend where every command is a vi.fn(); give each test's answers with mockResolvedValue. */
export function mockBackend(): { [K in keyof Backend]: ReturnType<typeof vi.fn<Backend[K]>> } {
  return {
    appInfo: vi.fn<Backend['appInfo']>(),
  }
}

/** The whole app, opened at `path`, attached to the document so keys and focus behave. */
export async function mountApp(path: string) {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(App, {
    global: { plugins: [ElementPlus, i18n, router] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router }
}

/** Press a key as a person would: keydown on whatever has focus, bubbling to the window. */
export function press(key: string): void {
  const target = document.activeElement ?? document.body
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
}
