// The panic blank: Esc twice within 600 ms or the 遮挡屏幕 button hides everything at once;
// any key or a click brings the page back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { restore } from '@/app/privacy/privacyScreen'
import { mountApp, press } from './helpers'

const overlay = '[data-testid="privacy-overlay"]'
const message = '屏幕已遮挡 · 按任意键或点击返回'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})
afterEach(() => {
  restore()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('privacy screen', () => {
  it('Esc twice within 600 ms blanks the window, and any key brings it back', async () => {
    const { wrapper } = await mountApp('/students')

    press('Escape')
    vi.advanceTimersByTime(300)
    press('Escape')
    await nextTick()

    const blank = wrapper.find(overlay)
    expect(blank.exists()).toBe(true)
    expect(blank.text()).toBe(message)
    expect(wrapper.get('[data-testid="app-shell"]').attributes('inert')).toBeDefined()

    press('a')
    await nextTick()
    expect(wrapper.find(overlay).exists()).toBe(false)
    expect(wrapper.get('[data-testid="app-shell"]').attributes('inert')).toBeUndefined()
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('学生')
    wrapper.unmount()
  })

  it('two Esc presses further apart than 600 ms do not blank the window', async () => {
    const { wrapper } = await mountApp('/students')

    press('Escape')
    vi.advanceTimersByTime(700)
    press('Escape')
    await nextTick()

    expect(wrapper.find(overlay).exists()).toBe(false)
    wrapper.unmount()
  })

  it('the 遮挡屏幕 button blanks the window, and a click brings it back', async () => {
    const { wrapper } = await mountApp('/dashboard')

    const button = wrapper.get('[data-testid="privacy-button"]')
    expect(button.text()).toBe('遮挡屏幕')
    await button.trigger('click')
    expect(wrapper.get(overlay).text()).toBe(message)

    await wrapper.get(overlay).trigger('click')
    expect(wrapper.find(overlay).exists()).toBe(false)
    wrapper.unmount()
  })
})
