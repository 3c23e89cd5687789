// 心理测评 (/screening): the campaigns with their instruments, dates, grades and consent; 新建测评批次
// sends what the counselor chose and opens the new campaign; other roles are told the results
// are the counselor's and nothing is asked of the backend.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { mockBackend, mountApp, staff, vaultStatus } from './helpers'
import { campaign, instruments, li, students } from './screeningFixtures'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

function counselor() {
  const backend = mockBackend()
  backend.listInstruments.mockResolvedValue(instruments)
  backend.listStudents.mockResolvedValue(students)
  return backend
}

describe('screening campaigns', () => {
  it('lists each campaign with its instruments, dates, grades, consent and opt-outs', async () => {
    const backend = counselor()
    backend.listCampaigns.mockResolvedValue([
      campaign({
        id: 'c2',
        name: '2027 春季学期心理测评',
        instruments: ['phq9', 'gad7'],
        notice: { sent_on: '2027-03-01', method: '家长告知书' },
        opt_outs: [li.id],
        grades: [],
      }),
      campaign(),
    ])
    const { wrapper } = await mountApp('/screening', backend)

    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('心理测评')
    const rows = wrapper.findAll('[data-testid="campaign-row"]')
    expect(rows).toHaveLength(2)
    const first = rows[0]!
    expect(first.get('[data-testid="campaign-open"]').text()).toBe('2027 春季学期心理测评')
    expect(first.get('[data-testid="campaign-open"]').attributes('href')).toBe('/screening/c2')
    expect(first.get('[data-testid="campaign-row-instruments"]').text()).toBe('PHQ-9、GAD-7')
    expect(first.get('[data-testid="campaign-row-grades"]').text()).toBe('全校各年级')
    expect(first.get('[data-testid="campaign-row-consent"]').text()).toBe('已告知（2027年3月1日 · 家长告知书）')
    expect(first.get('[data-testid="campaign-row-opt-outs"]').text()).toBe('退出 1 人')
    const second = rows[1]!
    expect(second.get('[data-testid="campaign-row-dates"]').text()).toBe('2026年9月14日 至 2026年9月25日')
    expect(second.get('[data-testid="campaign-row-grades"]').text()).toBe('七年级、八年级')
    expect(second.get('[data-testid="campaign-row-consent"]').text()).toBe('未告知')
    wrapper.unmount()
  })

  it('with no campaign yet, says how to begin', async () => {
    const { wrapper } = await mountApp('/screening', counselor())
    expect(wrapper.get('[data-testid="campaign-empty"]').text()).toContain('点击「新建测评批次」')
    wrapper.unmount()
  })

  it('新建测评批次 offers the instruments and the grades in school order, sends the choice and lists the new campaign', async () => {
    const backend = counselor()
    const created = campaign({ id: 'c-new', name: '2026 秋季学期心理测评', grades: ['七年级'] })
    backend.createCampaign.mockImplementation(async () => {
      backend.listCampaigns.mockResolvedValue([created])
      return created
    })
    const { wrapper, router } = await mountApp('/screening', backend)

    await wrapper.get('[data-testid="campaign-new"]').trigger('click')
    await flushPromises()
    const dialog = wrapper.get('[data-testid="campaign-dialog"]')
    expect(dialog.get('[data-testid="campaign-instrument-phq9"]').text()).toContain('PHQ-9')
    expect(dialog.get('[data-testid="campaign-instrument-gad7"]').text()).toContain('GAD-7')
    const grades = dialog.findAll('[data-testid^="campaign-grade-"]').map((g) => g.text())
    expect(grades).toEqual(['七年级', '八年级'])
    expect(wrapper.get('[data-testid="campaign-submit"]').attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="campaign-name"]').setValue(' 2026 秋季学期心理测评 ')
    await wrapper.get('[data-testid="campaign-instrument-phq9"] input').setValue(true)
    await wrapper.get('[data-testid="campaign-grade-七年级"] input').setValue(true)
    await wrapper.get('[data-testid="campaign-starts-on"] input').setValue('2026-09-14')
    await wrapper.get('[data-testid="campaign-starts-on"] input').trigger('change')
    await wrapper.get('[data-testid="campaign-ends-on"] input').setValue('2026-09-25')
    await wrapper.get('[data-testid="campaign-ends-on"] input').trigger('change')
    await flushPromises()
    await wrapper.get('[data-testid="campaign-submit"]').trigger('click')
    await flushPromises()

    expect(backend.createCampaign).toHaveBeenCalledWith({
      name: '2026 秋季学期心理测评',
      instruments: ['phq9'],
      starts_on: '2026-09-14',
      ends_on: '2026-09-25',
      grades: ['七年级'],
      classes: [],
    })
    expect(router.currentRoute.value.path).toBe('/screening')
    expect(wrapper.get('[data-testid="campaign-created"]').text()).toContain('已创建测评批次「2026 秋季学期心理测评」')
    expect(wrapper.get('[data-testid="campaign-created-consent"]').attributes('href')).toBe('/screening/c-new?tab=consent')
    expect(wrapper.findAll('[data-testid="campaign-row"]')).toHaveLength(1)
    wrapper.unmount()
  })

  it('a campaign that ends before it starts cannot be sent', async () => {
    const { wrapper } = await mountApp('/screening', counselor())
    await wrapper.get('[data-testid="campaign-new"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="campaign-name"]').setValue('测评')
    await wrapper.get('[data-testid="campaign-instrument-phq9"] input').setValue(true)
    await wrapper.get('[data-testid="campaign-starts-on"] input').setValue('2026-09-14')
    await wrapper.get('[data-testid="campaign-starts-on"] input').trigger('change')
    await wrapper.get('[data-testid="campaign-ends-on"] input').setValue('2026-09-01')
    await wrapper.get('[data-testid="campaign-ends-on"] input').trigger('change')
    await flushPromises()
    expect(wrapper.get('[data-testid="campaign-missing"]').text()).toBe('结束日期早于开始日期')
    expect(wrapper.get('[data-testid="campaign-submit"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it.each([['teacher'], ['principal'], ['admin']] as const)('the %s is told screening is the counselor’s', async (role) => {
    const backend = mockBackend(vaultStatus(staff[role]))
    const { wrapper } = await mountApp('/screening', backend)
    expect(wrapper.get('[data-testid="screening-not-yours"]').text()).toContain('由专职心理教师复核')
    expect(wrapper.find('[data-testid="campaign-new"]').exists()).toBe(false)
    expect(backend.listCampaigns).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('a campaign page is the counselor’s alone', async () => {
    const backend = mockBackend(vaultStatus(staff.teacher))
    const { router, wrapper } = await mountApp('/screening/c1', backend)
    expect(router.currentRoute.value.path).not.toBe('/screening/c1')
    expect(backend.listCampaigns).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
