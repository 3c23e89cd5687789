// A new account's first unlock: it must set its own passphrase before anything else (no other
// page is reachable), then sees its key fingerprint to read out to the counselor; while the
// account waits for approval, the workbench shows that notice instead of pages failing for keys.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { accountInfo, fingerprints, mockBackend, mountApp, press, rejection, staff, vaultStatus } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

/** 李老师 (teacher), just created by 王老师: their first passphrase, no key. */
const firstUnlock = vaultStatus(staff.teacher, { must_set_passphrase: true, awaiting_approval: true })
/** The same account after setting its own passphrase, waiting for approval. */
const waiting = vaultStatus(staff.teacher, { awaiting_approval: true })
const pendingTeacher = accountInfo(staff.teacher, { status: 'pending', vouched: null })

describe('first unlock of a new account', () => {
  it('shows only the page that sets one’s own passphrase: no navigation, no other page', async () => {
    const backend = mockBackend(firstUnlock)
    const { wrapper, router } = await mountApp('/students', backend)

    const page = wrapper.get('[data-testid="first-passphrase"]')
    expect(page.get('h1').text()).toBe('设置您自己的口令')
    expect(page.text()).toContain('李老师，欢迎使用心语。')
    expect(page.text()).toContain('您现在用的是创建账户的人为您设置的初始口令。')
    expect(wrapper.find('[data-testid="nav-students"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="lock-button"]').exists()).toBe(true)
    expect(backend.listStudents).not.toHaveBeenCalled()

    await router.push('/settings/users')
    press('k')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }))
    await flushPromises()
    expect(wrapper.find('[data-testid="first-passphrase"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="users-table"]').exists()).toBe(false)
    expect(backend.listAccounts).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('sets the passphrase, then shows the fingerprint to tell the counselor and that approval is pending', async () => {
    const backend = mockBackend(firstUnlock)
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor, { vouched: null }), pendingTeacher])
    const { wrapper } = await mountApp('/dashboard', backend)

    const submit = wrapper.get('[data-testid="passwd-submit"]')
    expect(submit.text()).toBe('设置口令')
    await wrapper.get('[data-testid="passwd-old"]').setValue('春风又绿江南岸2026')
    await wrapper.get('[data-testid="passwd-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-confirm"]').setValue('窗前明月光，疑是地上霜')
    await submit.trigger('submit')
    await flushPromises()

    expect(backend.changePassphrase).toHaveBeenCalledWith({
      old_passphrase: '春风又绿江南岸2026',
      new_passphrase: '窗前明月光，疑是地上霜',
    })
    const done = wrapper.get('[data-testid="first-passphrase-done"]')
    expect(done.get('[data-testid="own-fingerprint"]').text()).toBe(
      `您的密钥指纹：${fingerprints.teacher}，请告诉专职心理教师，批准时会与您核对。`,
    )
    expect(done.text()).toContain('您的账户还需专职心理教师批准。')
    // Still no other page until the user goes on.
    expect(wrapper.find('[data-testid="nav-students"]').exists()).toBe(false)

    backend.vaultStatus.mockResolvedValue(waiting)
    await wrapper.get('[data-testid="first-passphrase-continue"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="first-passphrase"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="nav-students"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="awaiting-approval"]').text()).toContain('您的账户正在等待批准')
    wrapper.unmount()
  })

  it('a wrong first passphrase is said in Chinese and the page stays', async () => {
    const backend = mockBackend(firstUnlock)
    backend.changePassphrase.mockRejectedValue(rejection('wrong_passphrase'))
    const { wrapper } = await mountApp('/dashboard', backend)

    await wrapper.get('[data-testid="passwd-old"]').setValue('记错了的初始口令口令')
    await wrapper.get('[data-testid="passwd-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-confirm"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-submit"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="passwd-error"]').text()).toBe('口令不正确，请重新输入')
    expect(wrapper.find('[data-testid="first-passphrase-done"]').exists()).toBe(false)
    expect(wrapper.get<HTMLInputElement>('[data-testid="passwd-old"]').element.value).toBe('')
    wrapper.unmount()
  })

  it('unlocking on the lock screen reads the status again and lands on that page', async () => {
    const backend = mockBackend(vaultStatus(null))
    backend.unlock.mockResolvedValue(staff.teacher)
    const { wrapper } = await mountApp('/dashboard', backend)

    backend.vaultStatus.mockResolvedValue(firstUnlock)
    await wrapper.findAll('[data-testid="lock-user-option"]')[1]?.trigger('click')
    await wrapper.get('[data-testid="lock-passphrase"]').setValue('春风又绿江南岸2026')
    await wrapper.get('[data-testid="lock-submit"]').trigger('submit')
    await flushPromises()

    expect(backend.unlock).toHaveBeenCalledWith({ user_name: '李老师', passphrase: '春风又绿江南岸2026' })
    expect(wrapper.find('[data-testid="first-passphrase"]').exists()).toBe(true)
    expect(backend.getDashboard).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})

describe('an account awaiting approval', () => {
  it('sees a notice with its own fingerprint instead of pages failing for keys', async () => {
    const backend = mockBackend(waiting)
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor, { vouched: null }), pendingTeacher])
    backend.getDashboard.mockRejectedValue(rejection('keys_pending'))
    const { wrapper, router } = await mountApp('/dashboard', backend)

    const notice = wrapper.get('[data-testid="awaiting-approval"]')
    expect(notice.text()).toContain('您的账户正在等待批准')
    expect(notice.text()).toContain('在专职心理教师核对您的密钥指纹并批准之前，您还不能查看学生、档案和记录。')
    expect(notice.get('[data-testid="own-fingerprint"]').text()).toBe(
      `您的密钥指纹：${fingerprints.teacher}，请告诉专职心理教师，批准时会与您核对。`,
    )
    expect(notice.text()).toContain('批准后，请点击右上角「锁定」，再用您自己的口令解锁，即可开始使用。')
    expect(backend.getDashboard).not.toHaveBeenCalled()
    expect(wrapper.text()).not.toContain('还没有获得这类数据的密钥')

    await wrapper.get('[data-testid="nav-students"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/students')
    expect(backend.listStudents).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid="awaiting-approval"]').exists()).toBe(true)
    expect(wrapper.text()).not.toContain('还没有获得这类数据的密钥')

    // What needs no key still opens: the passphrase page.
    await router.push('/settings/passphrase')
    await flushPromises()
    expect(wrapper.find('[data-testid="passwd-submit"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('an approved account sees no notice', async () => {
    const backend = mockBackend(vaultStatus(staff.teacher))
    const { wrapper } = await mountApp('/dashboard', backend)

    expect(wrapper.find('[data-testid="awaiting-approval"]').exists()).toBe(false)
    expect(backend.getDashboard).toHaveBeenCalled()
    expect(backend.listAccounts).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})

describe('修改口令 makes a new key', () => {
  it('a teacher is shown the new fingerprint to have a counselor confirm it', async () => {
    const backend = mockBackend(vaultStatus(staff.teacher))
    backend.listAccounts.mockResolvedValue([accountInfo(staff.teacher, { vouched: null })])
    const { wrapper } = await mountApp('/settings/passphrase', backend)

    expect(backend.listAccounts).not.toHaveBeenCalled()
    await wrapper.get('[data-testid="passwd-old"]').setValue('我家门前有两棵枣树呀')
    await wrapper.get('[data-testid="passwd-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-confirm"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-submit"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="passwd-done"]').text()).toBe('口令已修改')
    expect(wrapper.get('[data-testid="passwd-new-key"]').text()).toContain(`您的新密钥指纹：${fingerprints.teacher}。`)
    wrapper.unmount()
  })

  it('a counselor’s new key is vouched for at once: no fingerprint to confirm', async () => {
    const { wrapper, backend } = await mountApp('/settings/passphrase')

    await wrapper.get('[data-testid="passwd-old"]').setValue('我家门前有两棵枣树呀')
    await wrapper.get('[data-testid="passwd-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-confirm"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-submit"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="passwd-done"]').text()).toBe('口令已修改')
    expect(wrapper.find('[data-testid="passwd-new-key"]').exists()).toBe(false)
    expect(backend.listAccounts).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
