// 设置 › 悄悄话信箱 (counselor): the crisis words as tags (add, remove, save) and switching this PC
// to the mailbox kiosk after a confirmation.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { mockBackend, mountApp, staff, vaultStatus } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

describe('mailbox settings', () => {
  it('设置 links to 悄悄话信箱 for a counselor only', async () => {
    const { wrapper, router } = await mountApp('/settings')
    const link = wrapper.get('[data-testid="settings-mailbox"]')
    expect(link.text()).toContain('悄悄话信箱')
    await link.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings/mailbox')
    wrapper.unmount()

    for (const user of [staff.teacher, staff.principal, staff.admin]) {
      const other = await mountApp('/settings', mockBackend(vaultStatus(user)))
      expect(other.wrapper.find('[data-testid="settings-mailbox"]').exists()).toBe(false)
      other.wrapper.unmount()
    }
  })

  it('edits the crisis words: add, remove, save', async () => {
    const backend = mockBackend()
    backend.getCrisisTerms.mockResolvedValue(['自杀', '不想活', '割腕'])
    backend.saveCrisisTerms.mockImplementation(async (terms) => terms)
    const { wrapper } = await mountApp('/settings/mailbox', backend)

    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('悄悄话信箱')
    expect(wrapper.findAll('[data-testid="crisis-term-tag"]').map((t) => t.text())).toEqual(['自杀', '不想活', '割腕'])

    expect(wrapper.get('[data-testid="crisis-term-add"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="crisis-term-new"]').setValue(' 活着好累 ')
    await wrapper.get('[data-testid="crisis-term-add"]').trigger('click')
    await wrapper.get('[data-testid="crisis-term-new"]').setValue('自杀')
    await wrapper.get('[data-testid="crisis-term-new"]').trigger('keyup', { key: 'Enter' })
    await wrapper.findAll('[data-testid="crisis-term-tag"]')[2]!.get('.el-tag__close').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="crisis-term-tag"]').map((t) => t.text())).toEqual(['自杀', '不想活', '活着好累'])

    await wrapper.get('[data-testid="crisis-terms-save"]').trigger('click')
    await flushPromises()
    expect(backend.saveCrisisTerms).toHaveBeenCalledWith(['自杀', '不想活', '活着好累'])
    expect(wrapper.get('[data-testid="crisis-terms-result"]').text()).toBe('危机词已保存，共 3 个。')
    wrapper.unmount()
  })

  it('shows the mailbox key fingerprint to compare with the kiosk screen', async () => {
    const backend = mockBackend()
    backend.mailboxKeyFingerprint.mockResolvedValue('503F-02EB-C66B-F28A-0D84')
    const { wrapper } = await mountApp('/settings/mailbox', backend)

    const line = wrapper.get('[data-testid="mailbox-key-fingerprint"]')
    expect(line.text()).toContain('信箱密钥指纹：')
    expect(line.get('code').text()).toBe('503F-02EB-C66B-F28A-0D84')
    wrapper.unmount()
  })

  it('an empty lexicon is not sent', async () => {
    const backend = mockBackend()
    backend.getCrisisTerms.mockResolvedValue(['自杀'])
    const { wrapper } = await mountApp('/settings/mailbox', backend)

    await wrapper.get('[data-testid="crisis-term-tag"] .el-tag__close').trigger('click')
    await wrapper.get('[data-testid="crisis-terms-save"]').trigger('click')
    await flushPromises()
    expect(backend.saveCrisisTerms).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="crisis-terms-result"]').text()).toBe('至少需要一个危机词。')
    wrapper.unmount()
  })

  it('switching to the kiosk says what happens first, then asks the backend', async () => {
    const backend = mockBackend()
    const { wrapper } = await mountApp('/settings/mailbox', backend)

    await wrapper.get('[data-testid="enter-kiosk"]').trigger('click')
    await flushPromises()
    expect(backend.enterKiosk).not.toHaveBeenCalled()
    const dialog = document.querySelector('[data-testid="enter-kiosk-dialog"]')!
    expect(dialog.textContent).toContain('只显示悄悄话信箱')
    expect(dialog.textContent).toContain('教师入口')

    await wrapper.get('[data-testid="enter-kiosk-confirm"]').trigger('click')
    await flushPromises()
    expect(backend.enterKiosk).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  it('a failure to switch is explained in the dialog', async () => {
    const backend = mockBackend()
    backend.enterKiosk.mockRejectedValue({ code: 'internal', message: 'window: x' })
    const { wrapper } = await mountApp('/settings/mailbox', backend)

    await wrapper.get('[data-testid="enter-kiosk"]').trigger('click')
    await wrapper.get('[data-testid="enter-kiosk-confirm"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="enter-kiosk-error"]').text()).toContain('程序内部出错')
    wrapper.unmount()
  })

  it('other roles cannot open the page', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    const { wrapper, router } = await mountApp('/settings/mailbox', backend)
    expect(router.currentRoute.value.path).not.toBe('/settings/mailbox')
    expect(backend.getCrisisTerms).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
