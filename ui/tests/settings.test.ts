// 设置 shows each role only what it may use, and sets the idle auto-lock time.
import { flushPromises } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type UserSummary } from '@/api'
import { mockBackend, mountApp, staff, vaultStatus, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const ALL = ['settings-users', 'settings-passphrase', 'settings-access-log', 'settings-verify', 'settings-idle-lock', 'settings-about']

async function visibleSettings(user: UserSummary): Promise<string[]> {
  const { wrapper } = await mountApp('/settings', mockBackend(vaultStatus(user)))
  const shown = ALL.filter((id) => wrapper.find(`[data-testid="${id}"]`).exists())
  wrapper.unmount()
  return shown
}

describe('settings by role', () => {
  it('the counselor sees every setting', async () => {
    expect(await visibleSettings(staff.counselor)).toEqual(ALL)
  })

  it('the principal sees 访问日志, 修改口令 and 关于心语 only', async () => {
    expect(await visibleSettings(staff.principal)).toEqual(['settings-passphrase', 'settings-access-log', 'settings-about'])
  })

  it('the admin sees 用户管理, 访问日志, 修改口令, 自动锁定, 数据完整性 and 关于心语', async () => {
    expect(await visibleSettings(staff.admin)).toEqual(ALL)
  })

  it('the teacher sees 修改口令 and 关于心语 only', async () => {
    expect(await visibleSettings(staff.teacher)).toEqual(['settings-passphrase', 'settings-about'])
  })

  it('links carry their Chinese titles', async () => {
    const { wrapper } = await mountApp('/settings')
    expect(wrapper.get('[data-testid="settings-users"]').text()).toContain('用户管理')
    expect(wrapper.get('[data-testid="settings-passphrase"]').text()).toContain('修改口令')
    expect(wrapper.get('[data-testid="settings-access-log"]').text()).toContain('访问日志')
    expect(wrapper.get('[data-testid="settings-verify"]').text()).toContain('数据完整性')
    expect(wrapper.text()).toContain('自动锁定')
    wrapper.unmount()
  })

  it('a teacher who follows an old link to 用户管理 is sent to 设置', async () => {
    const { wrapper, router } = await mountApp('/settings', mockBackend(vaultStatus(staff.teacher)))
    await router.push('/settings/users')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings')
    wrapper.unmount()
  })
})

describe('idle auto-lock setting', () => {
  it('shows the current time and saves a new one with set_idle_lock', async () => {
    const { wrapper, backend } = await mountApp('/settings')

    const select = wrapper.getComponent(ElSelect)
    expect(wrapper.get('[data-testid="settings-idle-lock"]').text()).toContain('10 分钟')

    select.vm.$emit('update:modelValue', 30)
    await flushPromises()
    expect(backend.setIdleLock).toHaveBeenCalledWith(30)
    expect(wrapper.get('[data-testid="settings-idle-lock-result"]').text()).toBe('自动锁定已设为：30 分钟')
    expect(wrapper.get('[data-testid="settings-idle-lock"]').text()).toContain('30 分钟')

    select.vm.$emit('update:modelValue', 0)
    await flushPromises()
    expect(backend.setIdleLock).toHaveBeenLastCalledWith(0)
    expect(wrapper.get('[data-testid="settings-idle-lock-result"]').text()).toBe('自动锁定已设为：不自动锁定')
    wrapper.unmount()
  })

  it('a refusal is explained and the old time stays', async () => {
    const backend = mockBackend()
    backend.setIdleLock.mockRejectedValue(rejection('forbidden', { role: 'principal', deed: 'set_auto_lock' }))
    const { wrapper } = await mountApp('/settings', backend)

    wrapper.getComponent(ElSelect).vm.$emit('update:modelValue', 60)
    await flushPromises()
    expect(wrapper.get('[data-testid="settings-idle-lock-result"]').text()).toContain('无权修改自动锁定时间')
    expect(wrapper.get('[data-testid="settings-idle-lock"]').text()).toContain('10 分钟')
    wrapper.unmount()
  })
})
