// 辅导记录 (/sessions): the notes newest first with what a counselor needs to find one, 只看我的,
// the way to a new note, and what the principal and the admin see instead.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { resetSessionFilters } from '@/features/notes/notes'
import { firstSession, sessionView, walkIn } from './sessionFixtures'
import { mockBackend, mountApp, staff, vaultStatus } from './helpers'

afterEach(() => {
  resetBackend()
  resetSessionFilters()
  document.body.innerHTML = ''
})

/** The second session (draft), the walk-in (draft, the teacher's, past 48 hours), the first (signed). */
const list = [sessionView(), { ...walkIn, locked: true }, firstSession]

function rows(w: VueWrapper): string[][] {
  return w.findAll('[data-testid="session-row"]').map((r) => r.findAll('td').map((c) => c.text()))
}

describe('辅导记录 list', () => {
  it('shows each note newest first: day and time, student or walk-in, 第 N 次, minutes, author, state', async () => {
    const backend = mockBackend()
    backend.listSessions.mockResolvedValue(list)
    const { wrapper } = await mountApp('/sessions', backend)

    expect(backend.listSessions).toHaveBeenCalledWith(null)
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('辅导记录')
    expect(wrapper.find('[data-testid="coming-soon"]').exists()).toBe(false)
    expect(rows(wrapper)).toEqual([
      ['2026年3月2日 14:00', '张𠈌', '第 2 次', '40 分钟', '王老师', '草稿'],
      ['2026年3月1日 12:30', '七年级女生 匿名来访', '—', '20 分钟', '李老师', '已锁定'],
      ['2026年2月23日 14:00', '张𠈌', '第 1 次', '40 分钟', '王老师', '已签名'],
    ])
    expect(wrapper.get('[data-testid="sessions-count"]').text()).toBe('共 3 条')
    wrapper.unmount()
  })

  it('只看我的 leaves out notes written by others', async () => {
    const backend = mockBackend()
    backend.listSessions.mockResolvedValue(list)
    const { wrapper } = await mountApp('/sessions', backend)

    await wrapper.get('[data-testid="sessions-mine"] input').setValue(true)
    expect(rows(wrapper).map((r) => r[1])).toEqual(['张𠈌', '张𠈌'])
    expect(wrapper.get('[data-testid="sessions-count"]').text()).toBe('共 2 条')
    wrapper.unmount()
  })

  it('a row opens its note; 新建辅导记录 opens an empty one', async () => {
    const backend = mockBackend()
    backend.listSessions.mockResolvedValue(list)
    backend.getSession.mockResolvedValue(firstSession)
    const { wrapper, router } = await mountApp('/sessions', backend)

    await wrapper.findAll('[data-testid="session-row"]')[2]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/sessions/a1b2c3d4-note1')
    expect(backend.getSession).toHaveBeenCalledWith('a1b2c3d4-note1')
    expect(wrapper.get('[data-testid="nav-sessions"]').classes()).toContain('is-active')

    await router.push('/sessions')
    await flushPromises()
    await wrapper.get('[data-testid="session-new"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/sessions/new')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('新建个体辅导记录')
    wrapper.unmount()
  })

  it('a tab leads to the work log', async () => {
    const { wrapper, router } = await mountApp('/sessions')

    expect(wrapper.get('[data-testid="sessions-tab-notes"]').attributes('aria-current')).toBe('page')
    await wrapper.get('[data-testid="sessions-tab-work-log"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/sessions/work-log')
    expect(wrapper.find('[data-testid="group-form"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('with no notes, says how to write one', async () => {
    const { wrapper } = await mountApp('/sessions')

    expect(wrapper.get('[data-testid="sessions-empty"]').text()).toContain('点击「新建辅导记录」')
    wrapper.unmount()
  })

  it('a teacher writes notes too', async () => {
    const backend = mockBackend(vaultStatus(staff.teacher))
    backend.listSessions.mockResolvedValue([walkIn])
    const { wrapper } = await mountApp('/sessions', backend)

    expect(rows(wrapper)).toHaveLength(1)
    expect(wrapper.find('[data-testid="session-new"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it.each(['principal', 'admin'] as const)('a %s is told the notes are not for their role, and no note is read', async (role) => {
    const backend = mockBackend(vaultStatus(staff[role]))
    const { wrapper, router } = await mountApp('/sessions', backend)

    expect(wrapper.get('[data-testid="sessions-no-notes"]').text()).toContain('不能查看辅导记录')
    expect(wrapper.find('[data-testid="session-new"]').exists()).toBe(false)
    expect(backend.listSessions).not.toHaveBeenCalled()

    await router.push('/sessions/new')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings')
    wrapper.unmount()
  })
})
