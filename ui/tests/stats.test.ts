// 年度工作统计 (/stats): the period presets and custom days, the figures as tiles with the
// backend's numbers, the two ECharts bar charts (SVG, so jsdom renders them without a canvas),
// the level table, and who may open the page.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetBackend, type WorkStats } from '@/api'
import { presetPeriod } from '@/features/notes/periods'
import { today } from '@/shared/dates'
import { mockBackend, mountApp, staff, vaultStatus, type MockBackend, rejection } from './helpers'

beforeEach(() => {
  // jsdom has no canvas; ECharts then measures text from the font size, as it does in SSR.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
})

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

/** The figures as the backend sends them: the u64 sums arrive as plain JSON numbers. */
function figures(overrides: Record<string, unknown> = {}): WorkStats {
  return {
    from: '2025-09-01',
    to: '2026-08-31',
    individual_sessions: 128,
    students_served: 57,
    walk_in_sessions: 9,
    session_hours: 85.33333,
    group_sessions: 14,
    group_participants: 512,
    hotline_referrals: 6,
    trainings: 4,
    training_hours: 22.5,
    training_attendees: 31,
    activities: 7,
    activity_participants: 1860,
    files_by_level: [
      { level: 1, name: '一级', opened: 3, closed: 1 },
      { level: 2, name: '二级', opened: 11, closed: 6 },
      { level: 3, name: '三级', opened: 20, closed: 15 },
    ],
    ...overrides,
  } as unknown as WorkStats
}

async function open(backend: MockBackend = mockBackend()) {
  if (!backend.getWorkStats.getMockImplementation()) backend.getWorkStats.mockResolvedValue(figures())
  return mountApp('/stats', backend)
}

function tile(w: VueWrapper, id: string): string {
  return w.get(`[data-testid="${id}"] .stats__value`).text()
}

async function typeDay(w: VueWrapper, id: string, day: string): Promise<void> {
  const input = w.get(`[data-testid="${id}"] input`)
  await input.setValue(day)
  await input.trigger('keydown', { key: 'Enter', code: 'Enter' })
  await flushPromises()
}

describe('年度工作统计', () => {
  it('reads this school year at first and shows each figure as a tile', async () => {
    const { wrapper, backend } = await open()

    const year = presetPeriod('schoolYear', today())
    expect(backend.getWorkStats).toHaveBeenCalledWith(year.from, year.to)
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('年度工作统计')
    expect((wrapper.get('[data-testid="stats-preset-schoolYear"] input').element as HTMLInputElement).checked).toBe(true)
    expect(wrapper.get('[data-testid="stats-range"]').text()).toBe('统计时段：2025年9月1日 至 2026年8月31日（含首尾两天）')

    expect({
      individual: tile(wrapper, 'stats-individual-sessions'),
      served: tile(wrapper, 'stats-students-served'),
      hours: tile(wrapper, 'stats-session-hours'),
      groups: tile(wrapper, 'stats-group-sessions'),
      groupPeople: tile(wrapper, 'stats-group-participants'),
      hotline: tile(wrapper, 'stats-hotline-referrals'),
      trainings: tile(wrapper, 'stats-trainings'),
      trainingHours: tile(wrapper, 'stats-training-hours'),
      activities: tile(wrapper, 'stats-activities'),
      activityPeople: tile(wrapper, 'stats-activity-participants'),
    }).toEqual({
      individual: '128',
      served: '57',
      hours: '85.3',
      groups: '14',
      groupPeople: '512',
      hotline: '6',
      trainings: '4',
      trainingHours: '22.5',
      activities: '7',
      activityPeople: '1860',
    })
    expect(wrapper.get('[data-testid="stats-individual-sessions"]').text()).toContain('个体辅导（次）')
    expect(wrapper.get('[data-testid="stats-individual-sessions"]').text()).toContain('其中匿名来访 9 次')
    expect(wrapper.get('[data-testid="stats-trainings"]').text()).toContain('参训 31 人次')
    wrapper.unmount()
  })

  it('draws both bar charts as SVG with their numbers, and lists the files per level in a table', async () => {
    const { wrapper } = await open()

    const work = wrapper.get('[data-testid="stats-chart-work"]')
    expect(work.find('svg').exists()).toBe(true)
    const workTexts = work.findAll('svg text').map((t) => t.text())
    for (const text of ['个体辅导', '团体辅导', '热线转介', '培训', '活动', '128', '14', '6', '4', '7']) {
      expect(workTexts).toContain(text)
    }
    expect(work.attributes('aria-label')).toContain('个体辅导 128')

    const files = wrapper.get('[data-testid="stats-chart-files"]')
    const fileTexts = files.findAll('svg text').map((t) => t.text())
    for (const text of ['一级', '二级', '三级', '新建档案', '解除档案', '20', '15']) {
      expect(fileTexts).toContain(text)
    }
    const rows = wrapper.findAll('[data-testid="stats-level-row"]').map((r) => r.findAll('td').map((c) => c.text()))
    expect(rows).toEqual([
      ['一级', '3', '1'],
      ['二级', '11', '6'],
      ['三级', '20', '15'],
    ])
    wrapper.unmount()
  })

  it('本学期 and 本自然年 read their periods; two typed days and 查询 read those, marked 自定义', async () => {
    const backend = mockBackend()
    backend.getWorkStats.mockResolvedValue(figures())
    const { wrapper } = await open(backend)

    await wrapper.get('[data-testid="stats-preset-term"] input').setValue(true)
    await flushPromises()
    const term = presetPeriod('term', today())
    expect(backend.getWorkStats).toHaveBeenLastCalledWith(term.from, term.to)

    await wrapper.get('[data-testid="stats-preset-calendarYear"] input').setValue(true)
    await flushPromises()
    const year = presetPeriod('calendarYear', today())
    expect(backend.getWorkStats).toHaveBeenLastCalledWith(year.from, year.to)

    backend.getWorkStats.mockResolvedValue(figures({ from: '2025-03-01', to: '2025-06-30', individual_sessions: 3 }))
    await typeDay(wrapper, 'stats-from', '2025-03-01')
    await typeDay(wrapper, 'stats-to', '2025-06-30')
    await wrapper.get('[data-testid="stats-apply"]').trigger('click')
    await flushPromises()
    expect(backend.getWorkStats).toHaveBeenLastCalledWith('2025-03-01', '2025-06-30')
    expect((wrapper.get('[data-testid="stats-preset-custom"] input').element as HTMLInputElement).checked).toBe(true)
    expect(tile(wrapper, 'stats-individual-sessions')).toBe('3')
    expect(wrapper.get('[data-testid="stats-chart-work"]').findAll('svg text').map((t) => t.text())).toContain('3')
    wrapper.unmount()
  })

  it('a backwards period is refused on screen; a refusal from the backend is shown', async () => {
    const backend = mockBackend()
    backend.getWorkStats.mockRejectedValue(rejection('invalid', { field: 'period', problem: { code: 'ends_before_start' } }))
    const { wrapper } = await open(backend)

    expect(wrapper.get('[data-testid="stats-error"]').text()).toContain('统计时段：结束日期早于开始日期')
    await typeDay(wrapper, 'stats-from', '2026-09-01')
    await typeDay(wrapper, 'stats-to', '2026-01-01')
    expect(wrapper.get('[data-testid="stats-bad-period"]').text()).toContain('开始日期晚于结束日期')
    expect(wrapper.get('[data-testid="stats-apply"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('is a tab of 辅导记录 for a counselor', async () => {
    const backend = mockBackend()
    backend.getWorkStats.mockResolvedValue(figures())
    const { wrapper, router } = await mountApp('/sessions', backend)

    await wrapper.get('[data-testid="sessions-tab-stats"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/stats')
    expect(tile(wrapper, 'stats-group-sessions')).toBe('14')
    wrapper.unmount()
  })

  it('a principal, who reads no notes, reaches it from 辅导记录 and sees the figures', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    backend.getWorkStats.mockResolvedValue(figures())
    const { wrapper, router } = await mountApp('/sessions', backend)

    expect(wrapper.get('[data-testid="sessions-no-notes"]').text()).toContain('可以查看年度工作统计')
    await wrapper.get('[data-testid="sessions-stats-link"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/stats')
    expect(tile(wrapper, 'stats-individual-sessions')).toBe('128')
    expect(wrapper.find('[data-testid="sessions-tab-notes"]').exists()).toBe(false)
    expect(backend.listSessions).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('the admin cannot open it', async () => {
    const backend = mockBackend(vaultStatus(staff.admin))
    const { wrapper } = await mountApp('/stats', backend)

    expect(wrapper.find('[data-testid="stats-individual-sessions"]').exists()).toBe(false)
    expect(backend.getWorkStats).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
