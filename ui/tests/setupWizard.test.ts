// 初始设置: the school, then the first counselor with a passphrase of at least 10 characters typed
// twice and 完成设置 (setup_vault), then the recovery code, shown once and confirmed by its last group.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetBackend, type SetupResult } from '@/api'
import { mockBackend, mountApp, staff, uninitialized, vaultStatus, type MockBackend } from './helpers'

const CODE = '7K2QM-X9D4R-HT6WP-3NBC8-VJ5FA'
const PASSPHRASE = '我家门前有两棵枣树，2024'

let backend: MockBackend

beforeEach(() => {
  backend = mockBackend(uninitialized)
})
afterEach(() => {
  vi.useRealTimers()
  resetBackend()
  document.body.innerHTML = ''
})

const next = (w: VueWrapper) => w.get('[data-testid="setup-next"]')
const disabled = (w: VueWrapper, testid: string) =>
  w.get(`[data-testid="${testid}"]`).attributes('disabled') !== undefined

/** Through steps 1 and 2 with good answers, up to 完成设置. */
async function fillIn(w: VueWrapper): Promise<void> {
  await w.get('[data-testid="setup-school"]').setValue('第一中学')
  await next(w).trigger('submit')
  await w.get('[data-testid="setup-name"]').setValue('王老师')
  await w.get('[data-testid="setup-passphrase"]').setValue(PASSPHRASE)
  await w.get('[data-testid="setup-passphrase-confirm"]').setValue(PASSPHRASE)
}

describe('set-up wizard', () => {
  it('needs a school name before 下一步', async () => {
    const { wrapper } = await mountApp('/', backend)

    expect(disabled(wrapper, 'setup-next')).toBe(true)
    await wrapper.get('[data-testid="setup-school"]').setValue('   ')
    expect(disabled(wrapper, 'setup-next')).toBe(true)
    await wrapper.get('[data-testid="setup-school"]').setValue('第一中学')
    expect(disabled(wrapper, 'setup-next')).toBe(false)
    await next(wrapper).trigger('submit')
    expect(wrapper.find('[data-testid="setup-name"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('blocks a passphrase shorter than 10 characters or one typed differently twice', async () => {
    const { wrapper } = await mountApp('/', backend)
    await wrapper.get('[data-testid="setup-school"]').setValue('第一中学')
    await next(wrapper).trigger('submit')
    expect(disabled(wrapper, 'setup-finish')).toBe(true)

    expect(wrapper.text()).toContain('至少 10 个字符，可以是一句好记的话')
    await wrapper.get('[data-testid="setup-name"]').setValue('王老师')
    await wrapper.get('[data-testid="setup-passphrase"]').setValue('短口令123')
    await wrapper.get('[data-testid="setup-passphrase-confirm"]').setValue('短口令123')
    expect(wrapper.get('[data-testid="setup-strength"]').text()).toBe('口令强度：弱')
    expect(wrapper.get('[data-testid="setup-passphrase-problem"]').text()).toBe('还差 4 个字符')
    expect(disabled(wrapper, 'setup-finish')).toBe(true)

    await wrapper.get('[data-testid="setup-passphrase"]').setValue(PASSPHRASE)
    await wrapper.get('[data-testid="setup-passphrase-confirm"]').setValue('我家门前有两棵枣树，2025')
    expect(wrapper.get('[data-testid="setup-passphrase-problem"]').text()).toBe('两次输入的口令不一致')
    expect(disabled(wrapper, 'setup-finish')).toBe(true)

    await wrapper.get('[data-testid="setup-passphrase-confirm"]').setValue(PASSPHRASE)
    expect(wrapper.get('[data-testid="setup-passphrase-problem"]').text()).toBe('')
    expect(wrapper.get('[data-testid="setup-strength"]').text()).toBe('口令强度：强')
    expect(disabled(wrapper, 'setup-finish')).toBe(false)

    await wrapper.get('[data-testid="setup-name"]').setValue('')
    expect(disabled(wrapper, 'setup-finish')).toBe(true)
    await wrapper.get('[data-testid="setup-finish"]').trigger('submit')
    expect(backend.setupVault).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('says it is setting the encryption strength while setup_vault runs', async () => {
    backend.setupVault.mockReturnValue(new Promise<SetupResult>(() => {}))
    const { wrapper } = await mountApp('/', backend)
    await fillIn(wrapper)

    await wrapper.get('[data-testid="setup-finish"]').trigger('submit')
    expect(wrapper.get('[data-testid="setup-working"]').text()).toContain('正在根据本机性能设置加密强度…')
    expect(backend.setupVault).toHaveBeenCalledWith({
      school_name: '第一中学',
      user_name: '王老师',
      passphrase: PASSPHRASE,
    })
    wrapper.unmount()
  })

  it('shows the recovery code once and asks for its last group before entering the app', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(2026, 2, 1, 9, 30))
    backend.setupVault.mockResolvedValue({ recovery_code: CODE, user: staff.counselor })
    const { wrapper } = await mountApp('/', backend)
    await fillIn(wrapper)
    await wrapper.get('[data-testid="setup-finish"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="setup-recovery-code"]').text()).toBe(CODE)
    expect(document.body.classList.contains('printing-recovery-code')).toBe(true)
    expect(wrapper.text()).toContain(
      '这是恢复码，只显示这一次。请打印后交校长保管在保险柜中。忘记口令时，用它重设口令。',
    )
    expect(disabled(wrapper, 'setup-done')).toBe(true)

    await wrapper.get('[data-testid="setup-recovery-confirm"]').setValue('HT6WP')
    expect(disabled(wrapper, 'setup-done')).toBe(true)
    expect(wrapper.text()).toContain('与恢复码的最后一组不一致，请核对')

    await wrapper.get('[data-testid="setup-recovery-confirm"]').setValue('vj5fa')
    expect(disabled(wrapper, 'setup-done')).toBe(false)

    backend.vaultStatus.mockResolvedValue(vaultStatus(staff.counselor, { users: [staff.counselor] }))
    await wrapper.get('[data-testid="setup-done"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="current-user"]').text()).toBe('王老师专职心理教师')
    expect(document.body.textContent).not.toContain(CODE)
    expect(document.body.classList.contains('printing-recovery-code')).toBe(false)
    wrapper.unmount()
  })

  it('打印 prints a sheet with the school, the date and the code', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(2026, 2, 1, 9, 30))
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    backend.setupVault.mockResolvedValue({ recovery_code: CODE, user: staff.counselor })
    const { wrapper } = await mountApp('/', backend)
    await fillIn(wrapper)
    await wrapper.get('[data-testid="setup-finish"]').trigger('submit')
    await flushPromises()

    await wrapper.get('[data-testid="setup-print"]').trigger('click')
    expect(print).toHaveBeenCalledTimes(1)
    const sheet = document.body.querySelector('.recovery-print')
    expect(sheet?.parentElement).toBe(document.body)
    expect(sheet?.textContent).toContain('学校：第一中学')
    expect(sheet?.textContent).toContain('打印日期：2026年3月1日')
    expect(sheet?.textContent).toContain(CODE)
    wrapper.unmount()
  })

  it('explains a failed set-up in Chinese and stays on the step', async () => {
    backend.setupVault.mockRejectedValue({
      code: 'already_initialized',
      message: '这里已经有一个数据保险箱，不能重复创建 (a vault already exists here)',
    })
    const { wrapper } = await mountApp('/', backend)
    await fillIn(wrapper)
    await wrapper.get('[data-testid="setup-finish"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="setup-error"]').text()).toContain('这里已经有一个数据保险箱，不能重复创建')
    expect(wrapper.find('[data-testid="setup-recovery-code"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
