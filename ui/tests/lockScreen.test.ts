// The lock screen: choose a user, type the passphrase, 解锁 (or Enter). Wrong passphrases are said
// in Chinese under the field, which is emptied and focused; 忘记口令？ resets with the recovery code.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { mockBackend, mountApp, staff, vaultStatus, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const passphraseInput = (w: VueWrapper) => w.get<HTMLInputElement>('[data-testid="lock-passphrase"]')

describe('lock screen', () => {
  it('preselects the only user, and Enter unlocks into the workbench', async () => {
    const backend = mockBackend(vaultStatus(null, { users: [staff.counselor] }))
    backend.unlock.mockResolvedValue(staff.counselor)
    const { wrapper } = await mountApp('/dashboard', backend)

    expect(wrapper.get('[data-testid="lock-user"] .is-checked').text()).toBe('王老师专职心理教师')
    expect(passphraseInput(wrapper).attributes('type')).toBe('password')
    await passphraseInput(wrapper).setValue('我家门前有两棵枣树')
    await passphraseInput(wrapper).trigger('keyup', { key: 'Enter' })
    await flushPromises()

    expect(backend.unlock).toHaveBeenCalledWith({ user_name: '王老师', passphrase: '我家门前有两棵枣树' })
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('a wrong passphrase is said in Chinese under the field, which is cleared and focused', async () => {
    const backend = mockBackend(vaultStatus(null))
    backend.unlock.mockRejectedValue({ code: 'wrong_passphrase', message: '口令不正确，请重新输入 (wrong passphrase: try again)' })
    const { wrapper } = await mountApp('/dashboard', backend)

    await wrapper.findAll('[data-testid="lock-user-option"]')[2]?.trigger('click')
    await passphraseInput(wrapper).setValue('not the passphrase')
    await wrapper.get('[data-testid="lock-submit"]').trigger('submit')
    await flushPromises()

    expect(backend.unlock).toHaveBeenCalledWith({ user_name: '张校长', passphrase: 'not the passphrase' })
    expect(wrapper.get('[data-testid="lock-error"]').text()).toBe('口令不正确，请重新输入')
    expect(passphraseInput(wrapper).element.value).toBe('')
    expect(document.activeElement).toBe(passphraseInput(wrapper).element)
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('too many attempts shows the wait from the backend, in Chinese only', async () => {
    const backend = mockBackend(vaultStatus(null, { users: [staff.counselor] }))
    backend.unlock.mockRejectedValue(rejection('too_many_attempts', { seconds: 30 }))
    const { wrapper } = await mountApp('/dashboard', backend)

    await passphraseInput(wrapper).setValue('still wrong!')
    await wrapper.get('[data-testid="lock-submit"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="lock-error"]').text()).toBe('口令错误次数过多，请 30 秒后再试')
    wrapper.unmount()
  })

  it('忘记口令？ resets the passphrase with the recovery code', async () => {
    const backend = mockBackend(vaultStatus(null, { users: [staff.counselor] }))
    const { wrapper } = await mountApp('/dashboard', backend)

    await wrapper.get('[data-testid="lock-forgot"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('用恢复码重设口令')
    expect(wrapper.get('[data-testid="recover-submit"]').attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="recover-code"]').setValue('7k2qm x9d4r ht6wp 3nbc8 vj5fa')
    await wrapper.get('[data-testid="recover-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="recover-confirm"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="recover-submit"]').trigger('click')
    await flushPromises()

    expect(backend.recover).toHaveBeenCalledWith({
      user_name: '王老师',
      recovery_code: '7k2qm x9d4r ht6wp 3nbc8 vj5fa',
      new_passphrase: '窗前明月光，疑是地上霜',
    })
    expect(wrapper.get('[data-testid="lock-notice"]').text()).toBe('口令已重设，请用新口令解锁。')
    wrapper.unmount()
  })

  it('a wrong recovery code is explained in the dialog', async () => {
    const backend = mockBackend(vaultStatus(null, { users: [staff.counselor] }))
    backend.recover.mockRejectedValue({
      code: 'wrong_recovery_code',
      message: '恢复码不正确，请核对后重新输入 (the recovery code is wrong: check and retype it)',
    })
    const { wrapper } = await mountApp('/dashboard', backend)

    await wrapper.get('[data-testid="lock-forgot"]').trigger('click')
    await wrapper.get('[data-testid="recover-code"]').setValue('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE')
    await wrapper.get('[data-testid="recover-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="recover-confirm"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="recover-submit"]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="recover-error"]').text()).toBe('恢复码不正确，请核对后重新输入。')
    wrapper.unmount()
  })
})
