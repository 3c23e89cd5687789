// 工作台: overdue, due today and due this week with their counts, open files per level, recent
// crisis events, kind empty states, and a fresh read each time the page is shown.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { listItem } from './casework'
import { defaultLevels, emptyDashboard, mockBackend, mountApp, staff, vaultStatus } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const li = listItem({ id: 'file-li', level: 1, next_due: '2026-02-27' }, { student_name: '李明', grade: '八年级', class_name: '2班', overdue: true })
const wang = listItem({ id: 'file-wang', level: 2, next_due: '2026-03-01' }, { student_name: '王芳', overdue: true })
const zhao = listItem({ id: 'file-zhao', level: 3, next_due: '2026-03-02' }, { student_name: '赵强' })
const sun = listItem({ id: 'file-sun', level: 2, next_due: '2026-03-05', last_crisis: '2026-02-25' }, { student_name: '孙丽' })

function busyDay() {
  return {
    ...emptyDashboard('2026-03-02'),
    overdue: [li, wang],
    due_today: [zhao],
    due_this_week: [sun],
    open_by_level: defaultLevels.map((level, i) => ({ level, count: [1, 2, 1][i]! })),
    recent_crises: [sun],
  }
}

describe('dashboard', () => {
  it('shows the overdue, today and this-week lists with their counts and names', async () => {
    const backend = mockBackend()
    backend.getDashboard.mockResolvedValue(busyDay())
    const { wrapper } = await mountApp('/dashboard', backend)

    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('工作台')
    expect(wrapper.text()).toContain('今天是 2026年3月2日')
    expect(wrapper.get('[data-testid="dashboard-overdue-count"]').text()).toBe('2')
    expect(wrapper.get('[data-testid="dashboard-due-today-count"]').text()).toBe('1')
    expect(wrapper.get('[data-testid="dashboard-due-week-count"]').text()).toBe('1')

    const overdue = wrapper.get('[data-testid="dashboard-overdue"]').findAll('[data-testid="dashboard-item"]')
    expect(overdue).toHaveLength(2)
    const first = overdue[0]!
    expect(first.text()).toContain('李明')
    expect(first.text()).toContain('八年级2班')
    expect(first.text()).toContain('2026年2月27日（已逾期 3 天）')
    expect(first.text()).toContain('负责人：王老师')
    expect(first.get('[data-testid="level-badge"]').text()).toBe('一级')
    expect(overdue[1]!.text()).toContain('已逾期 1 天')
    expect(wrapper.get('[data-testid="dashboard-due-today"]').text()).toContain('赵强')
    expect(wrapper.get('[data-testid="dashboard-due-today"]').text()).toContain('今天到期')
    expect(wrapper.get('[data-testid="dashboard-due-week"]').text()).toContain('孙丽')
    expect(wrapper.get('[data-testid="dashboard-crises"]').text()).toContain('孙丽')
    expect(wrapper.get('[data-testid="dashboard-crises"]').text()).toContain('2026年2月25日 危机事件')
    wrapper.unmount()
  })

  it('shows open files per level, each tile leading to the list at that level', async () => {
    const backend = mockBackend()
    backend.getDashboard.mockResolvedValue(busyDay())
    const { wrapper } = await mountApp('/dashboard', backend)

    const tile = wrapper.get('[data-testid="dashboard-level-2"]')
    expect(tile.text()).toBe('二级2')
    expect(tile.attributes('href')).toBe('/warning-files?level=2')
    expect(wrapper.get('[data-testid="dashboard-level-1"] .dashboard__tile-count').text()).toBe('1')
    wrapper.unmount()
  })

  it('an item opens its file', async () => {
    const backend = mockBackend()
    backend.getDashboard.mockResolvedValue(busyDay())
    const { wrapper } = await mountApp('/dashboard', backend)

    expect(wrapper.get('[data-testid="dashboard-item"]').attributes('href')).toBe('/warning-files/file-li')
    wrapper.unmount()
  })

  it('with nothing due, each list says so kindly', async () => {
    const { wrapper } = await mountApp('/dashboard')

    expect(wrapper.get('[data-testid="dashboard-overdue-count"]').text()).toBe('0')
    expect(wrapper.get('[data-testid="dashboard-overdue"]').text()).toBe('没有逾期的跟踪。')
    expect(wrapper.get('[data-testid="dashboard-due-today"]').text()).toBe('今天没有到期的跟踪。')
    expect(wrapper.get('[data-testid="dashboard-due-week"]').text()).toBe('未来 6 天没有到期的跟踪。')
    expect(wrapper.get('[data-testid="dashboard-crises"]').text()).toBe('最近 30 天没有危机事件。')
    expect(wrapper.get('[data-testid="dashboard-no-files"]').text()).toContain('在学生页面点击「建立预警档案」')
    wrapper.unmount()
  })

  it('reads the dashboard again every time the page is shown', async () => {
    const { wrapper, router, backend } = await mountApp('/dashboard')
    expect(backend.getDashboard).toHaveBeenCalledTimes(1)

    backend.getDashboard.mockResolvedValue(busyDay())
    await router.push('/students')
    await flushPromises()
    await router.push('/dashboard')
    await flushPromises()
    expect(backend.getDashboard).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[data-testid="dashboard-overdue-count"]').text()).toBe('2')
    wrapper.unmount()
  })

  it('the principal sees the same lists', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    backend.getDashboard.mockResolvedValue(busyDay())
    const { wrapper } = await mountApp('/dashboard', backend)
    expect(wrapper.get('[data-testid="dashboard-overdue"]').text()).toContain('李明')
    wrapper.unmount()
  })

  it('the admin is told casework is not theirs, and nothing is asked of the backend', async () => {
    const backend = mockBackend(vaultStatus(staff.admin))
    const { wrapper } = await mountApp('/dashboard', backend)
    expect(wrapper.get('[data-testid="dashboard-no-casework"]').text()).toContain('信息管理员不查看个案数据')
    expect(backend.getDashboard).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('a failure is explained', async () => {
    const backend = mockBackend()
    backend.getDashboard.mockRejectedValue({ code: 'storage', message: 'disk' })
    const { wrapper } = await mountApp('/dashboard', backend)
    expect(wrapper.get('[data-testid="dashboard-error"]').text()).toContain('数据库读写失败')
    wrapper.unmount()
  })
})
