// The language switch in 设置 changes the whole interface at once and is remembered.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { setLocale } from '@/app/i18n'
import { mountApp } from './helpers'

afterEach(() => {
  setLocale('zh-CN')
  localStorage.clear()
  document.body.innerHTML = ''
})

describe('language switch', () => {
  it('switching to English relabels the navigation and is kept in localStorage', async () => {
    const { wrapper } = await mountApp('/settings')

    await wrapper.get('[data-testid="settings-language-en"] input').setValue(true)
    await flushPromises()

    expect(wrapper.get('[data-testid="nav-students"]').text()).toBe('Students')
    expect(wrapper.get('h1').text()).toBe('Settings')
    expect(localStorage.getItem('xinyu.locale')).toBe('en')
    expect(document.documentElement.lang).toBe('en')

    await wrapper.get('[data-testid="settings-language-zh-CN"] input').setValue(true)
    await flushPromises()
    expect(wrapper.get('[data-testid="nav-students"]').text()).toBe('学生')
    expect(localStorage.getItem('xinyu.locale')).toBe('zh-CN')
    wrapper.unmount()
  })
})
