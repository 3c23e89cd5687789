// One-to-one sessions on the student page: in the chronology among the file records on their
// day, as 个体辅导 第 N 次 with 主要问题 and 对策, a link to the note, and their own filter.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { student, studentPage } from './casework'
import { mockBackend, mountApp } from './helpers'
import { firstSession, sessionView } from './sessionFixtures'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const path = `/students/${student.id}`
/** Newest first, as get_student_page answers: 2026-03-02 (draft) and 2026-02-23 (signed). */
const sessions = [sessionView(), firstSession]

function kinds(w: VueWrapper): string[] {
  return w.findAll('[data-testid="chronology-item"]').map((i) => i.attributes('data-kind') ?? '')
}

describe('sessions in the chronology', () => {
  it('stand among the file records on their day, with their number, author, 主要问题 and 对策', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage({ sessions }))
    const { wrapper } = await mountApp(path, backend)

    // The file's records (casework.ts) run from 2月20日 to 3月1日: the session of 3月2日 comes
    // first, the one of 2月23日 after that day's home visit and before 2月22日's parent contact.
    expect(kinds(wrapper)).toEqual([
      'session',
      'sharing',
      'crisis',
      'return_assessment',
      'status_change',
      'referral_feedback',
      'referral',
      'home_visit',
      'session',
      'parent_contact',
      'follow_up',
      'level_change',
    ])
    const items = wrapper.findAll('[data-testid="chronology-item"][data-kind="session"]')
    expect(items[0]!.get('[data-testid="event-title"]').text()).toBe('个体辅导 第 2 次')
    expect(items[0]!.text()).toContain('2026年3月2日')
    expect(items[0]!.text()).toContain('记录人：王老师')
    expect(items[0]!.text()).toContain('主要问题：期中考试前紧张')
    expect(items[0]!.text()).toContain('对策：每天睡前做放松练习')
    expect(items[0]!.get('[data-testid="session-state"]').text()).toBe('草稿')
    expect(items[1]!.get('[data-testid="event-title"]').text()).toBe('个体辅导 第 1 次')
    expect(items[1]!.text()).toContain('对策：约定每天写三件好事；下周同一时间再谈')
    expect(items[1]!.get('[data-testid="session-state"]').text()).toBe('已签名')
    wrapper.unmount()
  })

  it('a link opens the note', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage({ sessions }))
    backend.getSession.mockResolvedValue(firstSession)
    const { wrapper, router } = await mountApp(path, backend)

    const links = wrapper.findAll('[data-testid="chronology-session-link"]')
    expect(links.map((l) => l.attributes('href'))).toEqual(['/sessions/a1b2c3d4-note2', '/sessions/a1b2c3d4-note1'])
    await links[1]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/sessions/a1b2c3d4-note1')
    expect(wrapper.get('[data-testid="session-locked"]').text()).toContain('只能添加补充记录')
    wrapper.unmount()
  })

  it('个体辅导 has its own filter: unticked, the sessions go and the records stay', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage({ sessions }))
    const { wrapper } = await mountApp(path, backend)

    const filter = wrapper.get('[data-testid="chronology-filter-session"]')
    expect(filter.text()).toBe('个体辅导')
    await filter.get('input').setValue(false)
    expect(kinds(wrapper)).not.toContain('session')
    expect(kinds(wrapper)).toHaveLength(10)
    await filter.get('input').setValue(true)
    expect(kinds(wrapper).filter((k) => k === 'session')).toHaveLength(2)
    wrapper.unmount()
  })

  it('with no sessions there is no 个体辅导 filter; sessions alone make a chronology', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper } = await mountApp(path, backend)
    expect(wrapper.find('[data-testid="chronology-filter-session"]').exists()).toBe(false)
    wrapper.unmount()
    document.body.innerHTML = ''

    const other = mockBackend()
    other.getStudentPage.mockResolvedValue(studentPage({ files: [], chronology: [], sessions: [firstSession] }))
    const second = await mountApp(path, other)
    expect(kinds(second.wrapper)).toEqual(['session'])
    expect(second.wrapper.find('[data-testid="chronology-empty"]').exists()).toBe(false)
    second.wrapper.unmount()
  })
})
