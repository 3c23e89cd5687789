// Screening on the student page (counselors): the 测评结果 card with a trend per instrument and
// the results in a table, and each result in the chronology as 心理测评 · PHQ-9 with its own
// filter. A student without results shows neither.
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type StudentScreening } from '@/api'
import { chronology, student, studentPage } from './casework'
import { mockBackend, mountApp } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const path = `/students/${student.id}`

/** Oldest first, as the backend gives them. */
const screenings: StudentScreening[] = [
  { campaign: '2025 秋季学期心理测评', date: '2025-09-15', instrument: 'phq9', instrument_name: 'PHQ-9', total: 8, band: '轻度', critical: false },
  { campaign: '2026 春季学期心理测评', date: '2026-02-23', instrument: 'phq9', instrument_name: 'PHQ-9', total: 14, band: '中度', critical: true },
  { campaign: '2026 春季学期心理测评', date: '2026-02-23', instrument: 'gad7', instrument_name: 'GAD-7', total: null, band: null, critical: false },
]

function kinds(w: VueWrapper): string[] {
  return w.findAll('[data-testid="chronology-item"]').map((i) => i.attributes('data-kind') ?? '')
}

async function open(withScreenings: StudentScreening[] | undefined) {
  const backend = mockBackend()
  backend.getStudentPage.mockResolvedValue(withScreenings ? studentPage({ screenings: withScreenings }) : studentPage())
  return mountApp(path, backend)
}

describe('screening on the student page', () => {
  it('the 测评结果 card shows a trend per instrument and the results, newest first', async () => {
    const { wrapper } = await open(screenings)

    const card = wrapper.get('[data-testid="student-screening-card"]')
    expect(card.text()).toContain('测评结果')
    expect(card.findAll('[role="img"]').map((c) => c.attributes('aria-label'))).toEqual([
      'PHQ-9 历次总分折线图，数字见下方表格',
      'GAD-7 历次总分折线图，数字见下方表格',
    ])
    const rows = wrapper
      .get('[data-testid="student-screenings"]')
      .findAll('[data-testid="student-screening-row"]')
      .map((tr) => tr.findAll('td').map((td) => td.text()))
    expect(rows).toEqual([
      ['2026年2月23日', '2026 春季学期心理测评', 'GAD-7', '无效', '—', ''],
      ['2026年2月23日', '2026 春季学期心理测评', 'PHQ-9', '14', '中度', '关键题'],
      ['2025年9月15日', '2025 秋季学期心理测评', 'PHQ-9', '8', '轻度', ''],
    ])
    wrapper.unmount()
  })

  it('results stand in the chronology on their day, with their own filter', async () => {
    const { wrapper } = await open(screenings)

    const expected = chronology.map((e) => e.event.kind as string)
    // 2026-02-23 results come after the records of that day, before the older ones; 2025 at the end.
    expected.splice(expected.indexOf('parent_contact'), 0, 'screening', 'screening')
    expected.push('screening')
    expect(kinds(wrapper)).toEqual(expected)

    const item = wrapper.findAll('[data-testid="chronology-item"][data-kind="screening"]')[0]!
    expect(item.get('[data-testid="event-title"]').text()).toBe('心理测评 · PHQ-9')
    expect(item.text()).toContain('总分 14（中度）')
    expect(item.text()).toContain('关键题')
    expect(item.text()).toContain('测评批次：2026 春季学期心理测评')
    expect(wrapper.findAll('[data-testid="chronology-item"][data-kind="screening"]')[1]!.text()).toContain('结果无效')

    await wrapper.get('[data-testid="chronology-filter-screening"] input').setValue(false)
    expect(kinds(wrapper)).toEqual(chronology.map((e) => e.event.kind))
    wrapper.unmount()
  })

  it('a student without results has no card and no screening filter', async () => {
    const { wrapper } = await open(undefined)
    expect(wrapper.find('[data-testid="student-screening-card"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="chronology-filter-screening"]').exists()).toBe(false)
    expect(kinds(wrapper)).toEqual(chronology.map((e) => e.event.kind))
    wrapper.unmount()
  })
})
