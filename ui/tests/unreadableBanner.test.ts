// 有 N 条记录无法打开: when records met since unlock would not open, a banner above every page
// says how many and links to 设置 › 数据完整性 (roles without that page are asked to tell someone).
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { setLocale } from '@/app/i18n'
import { mockBackend, mountApp, staff, vaultStatus } from './helpers'

afterEach(() => {
  setLocale('zh-CN')
  resetBackend()
  document.body.innerHTML = ''
})

describe('unreadable records banner', () => {
  it('says how many records would not open and leads to the integrity check', async () => {
    const backend = mockBackend(vaultStatus(staff.counselor, { unreadable_records: 3 }))
    const { wrapper, router } = await mountApp('/dashboard', backend)

    const banner = wrapper.get('[data-testid="unreadable-banner"]')
    expect(banner.text()).toBe('有 3 条记录无法打开（可能被改动或密钥已失效）。请到 设置 › 数据完整性 查看。')
    expect(banner.attributes('role')).toBe('alert')

    await banner.get('[data-testid="unreadable-link"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings/verify')
    expect(wrapper.find('[data-testid="verify-run"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('shows nothing while every record opens', async () => {
    const { wrapper } = await mountApp('/dashboard')
    expect(wrapper.find('[data-testid="unreadable-banner"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('appears once a page has met a record that would not open', async () => {
    const backend = mockBackend()
    const { wrapper, router } = await mountApp('/dashboard', backend)
    expect(wrapper.find('[data-testid="unreadable-banner"]').exists()).toBe(false)

    backend.vaultStatus.mockResolvedValue(vaultStatus(staff.counselor, { unreadable_records: 1 }))
    await router.push('/students')
    await flushPromises()
    expect(wrapper.get('[data-testid="unreadable-banner"]').text()).toContain('有 1 条记录无法打开')
    wrapper.unmount()
  })

  it('asks a role without the integrity check to tell the counselor', async () => {
    const backend = mockBackend(vaultStatus(staff.teacher, { unreadable_records: 2 }))
    const { wrapper } = await mountApp('/dashboard', backend)
    const banner = wrapper.get('[data-testid="unreadable-banner"]')
    expect(banner.text()).toBe('有 2 条记录无法打开（可能被改动或密钥已失效）。请告知专职心理教师或信息管理员。')
    expect(banner.find('[data-testid="unreadable-link"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('reads in English too', async () => {
    setLocale('en')
    const backend = mockBackend(vaultStatus(staff.admin, { unreadable_records: 4 }))
    const { wrapper } = await mountApp('/settings', backend)
    expect(wrapper.get('[data-testid="unreadable-banner"]').text()).toBe(
      'Some records could not be opened: 4 (they may have been altered, or their key is no longer valid). See Settings › Data integrity.',
    )
    wrapper.unmount()
  })
})
