// The side navigation lists the eight sections in order, and 设置 leads to 关于心语.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { mountApp } from './helpers'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('side navigation', () => {
  it('shows the sections in the order a counselor expects', async () => {
    const { wrapper } = await mountApp('/dashboard')

    const items = wrapper.findAll('[data-testid^="nav-"]')
    expect(items.map((i) => i.attributes('data-testid'))).toEqual([
      'nav-dashboard',
      'nav-students',
      'nav-warning-files',
      'nav-sessions',
      'nav-mailbox',
      'nav-screening',
      'nav-reports',
      'nav-settings',
    ])
    expect(items.map((i) => i.text())).toEqual([
      '工作台',
      '学生',
      '预警档案',
      '辅导记录',
      '悄悄话信箱',
      '心理测评',
      '报表',
      '设置',
    ])
    wrapper.unmount()
  })

  it('clicking 学生 opens the students section', async () => {
    const { wrapper, router } = await mountApp('/dashboard')

    await wrapper.get('[data-testid="nav-students"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/students')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('学生')
    wrapper.unmount()
  })

  it('设置 has a link to 关于心语, and 设置 stays highlighted there', async () => {
    const { wrapper, router } = await mountApp('/settings')

    const about = wrapper.get('[data-testid="settings-about"]')
    expect(about.text()).toContain('关于心语')
    await about.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings/about')
    expect(wrapper.get('[data-testid="nav-settings"]').classes()).toContain('is-active')

    await wrapper.get('[data-testid="nav-settings"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings')
    wrapper.unmount()
  })
})

describe('side navigation by keyboard', () => {
  it('every item is in the Tab order and Enter opens its section', async () => {
    const { wrapper, router } = await mountApp('/dashboard')

    const items = wrapper.findAll('[data-testid^="nav-"]')
    expect(items.every((i) => i.attributes('tabindex') === '0')).toBe(true)
    expect(wrapper.get('[data-testid="nav-dashboard"]').attributes('aria-current')).toBe('page')

    await wrapper.get('[data-testid="nav-mailbox"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/mailbox')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('悄悄话信箱')
    expect(wrapper.get('[data-testid="nav-mailbox"]').attributes('aria-current')).toBe('page')
    wrapper.unmount()
  })
})
