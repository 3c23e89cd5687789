// The gate: vault_status decides between the set-up wizard, the lock screen and the workbench;
// a `locked` answer from any command, or 锁定, brings the lock screen back.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { mockBackend, mountApp, staff, uninitialized, vaultStatus } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

describe('the gate', () => {
  it('shows the set-up wizard when there is no vault yet', async () => {
    const { wrapper } = await mountApp('/dashboard', mockBackend(uninitialized))

    expect(wrapper.find('[data-testid="setup-wizard"]').exists()).toBe(true)
    expect(wrapper.get('h1').text()).toBe('初始设置')
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="lock-screen"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the lock screen, titled with the school, when nobody is unlocked', async () => {
    const { wrapper } = await mountApp('/dashboard', mockBackend(vaultStatus(null)))

    const lock = wrapper.get('[data-testid="lock-screen"]')
    expect(lock.get('h1').text()).toBe('第一中学')
    expect(lock.text()).toContain('数据保险箱已锁定')
    expect(lock.findAll('[data-testid="lock-user-option"]').map((o) => o.text())).toEqual([
      '王老师专职心理教师',
      '李老师兼职心理教师',
      '张校长校长',
      '赵老师信息管理员',
    ])
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('工作台')
    wrapper.unmount()
  })

  it('shows the workbench with the unlocked user and role in the top bar', async () => {
    const { wrapper } = await mountApp('/dashboard')

    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="current-user"]').text()).toBe('王老师专职心理教师')
    expect(wrapper.get('[data-testid="lock-button"]').text()).toBe('锁定')
    wrapper.unmount()
  })

  it('says in Chinese when the status cannot be read, and 重试 asks again', async () => {
    const backend = mockBackend()
    backend.vaultStatus.mockRejectedValueOnce({
      code: 'storage',
      message: '数据库读写失败（open），请检查磁盘空间后重试 (storage error during open: disk I/O error)',
    })
    const { wrapper } = await mountApp('/dashboard', backend)

    const error = wrapper.get('[data-testid="gate-error"]')
    expect(error.text()).toContain('无法打开数据保险箱')
    expect(error.text()).toContain('数据库读写失败，请检查磁盘空间后重试')

    await wrapper.get('[data-testid="gate-retry"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('a `locked` answer from any page shows the lock screen; unlocking returns to that page', async () => {
    const backend = mockBackend()
    backend.listStudents.mockRejectedValueOnce({
      code: 'locked',
      message: '数据保险箱已锁定，请先解锁 (the vault is locked: unlock it first)',
    })
    const { wrapper, router } = await mountApp('/students', backend)

    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(false)
    const lock = wrapper.get('[data-testid="lock-screen"]')
    expect(lock.text()).toContain('数据保险箱已锁定')
    // The teacher who was working is preselected.
    expect(lock.get('[data-testid="lock-user"] .is-checked').text()).toContain('王老师')

    backend.unlock.mockResolvedValueOnce(staff.counselor)
    await wrapper.get('[data-testid="lock-passphrase"]').setValue('我家门前有两棵枣树')
    await wrapper.get('[data-testid="lock-submit"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
    expect(router.currentRoute.value.path).toBe('/students')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('学生')
    wrapper.unmount()
  })

  it('锁定 drops the keys and shows the lock screen', async () => {
    const { wrapper, backend } = await mountApp('/dashboard')

    await wrapper.get('[data-testid="lock-button"]').trigger('click')
    await flushPromises()
    expect(backend.lock).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="lock-screen"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a role that may not use the page left open goes to 工作台 after unlocking, without loading it', async () => {
    const backend = mockBackend(vaultStatus(null))
    backend.unlock.mockResolvedValueOnce(staff.teacher)
    const { wrapper, router } = await mountApp('/settings/users', backend)

    await wrapper.get('[data-testid="lock-user-option"]:nth-child(2)').trigger('click')
    await wrapper.get('[data-testid="lock-passphrase"]').setValue('春眠不觉晓处处闻啼鸟')
    await wrapper.get('[data-testid="lock-submit"]').trigger('submit')
    await flushPromises()
    expect(backend.unlock).toHaveBeenCalledWith({ user_name: '李老师', passphrase: '春眠不觉晓处处闻啼鸟' })
    expect(router.currentRoute.value.path).toBe('/dashboard')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('工作台')
    expect(backend.listUsers).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
