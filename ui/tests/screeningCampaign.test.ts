// A screening campaign (/screening/:id): 知情同意 with opt-outs picked by search; 导入测评结果 checks
// the file first and lists unmatched rows, opted-out rows and every problem (导入 greyed out while
// there are problems); the 筛查关注名单 with 关键题 first, its progress and the decisions; a warning
// file opened from a row; the review threshold; and the 概况 counts.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { summary as fileSummary } from './casework'
import { letTimePass, mockBackend, mountApp, type MockBackend } from './helpers'
import { campaign, importSummary, instruments, li, reviewList, students, summary, wang } from './screeningFixtures'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const CAMPAIGN = campaign()
const PATH = `/screening/${CAMPAIGN.id}`

function counselor(): MockBackend {
  const backend = mockBackend()
  backend.listInstruments.mockResolvedValue(instruments)
  backend.listStudents.mockResolvedValue(students)
  backend.listCampaigns.mockResolvedValue([CAMPAIGN])
  backend.getReviewList.mockResolvedValue(reviewList())
  backend.getCampaignSummary.mockResolvedValue(summary())
  return backend
}

function text(w: VueWrapper, testid: string): string {
  return w.get(`[data-testid="${testid}"]`).text().replace(/\s+/g, ' ').trim()
}

async function settle(): Promise<void> {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flushPromises()
}

const csv = '学号,姓名,班级,Q1,Q2\n0072301,李明,3班,1,2\n'

async function chooseFile(w: VueWrapper): Promise<void> {
  const input = w.get('[data-testid="screening-import-file"]').element as HTMLInputElement
  const file = new File([csv], '七年级PHQ9.csv', { type: 'text/csv' })
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await settle()
}

describe('campaign page', () => {
  it('shows the campaign’s facts, reminds that consent is not recorded, and opens on the review list', async () => {
    const { wrapper } = await mountApp(PATH, counselor())

    expect(text(wrapper, 'page-title')).toBe('2026 秋季学期心理测评')
    expect(text(wrapper, 'campaign-facts')).toBe('2026年9月14日 至 2026年9月25日 · PHQ-9 · 七年级、八年级 · 未告知 · 退出 0 人')
    expect(text(wrapper, 'campaign-consent-reminder')).toContain('还没有记录家长知情同意')
    expect(wrapper.get('[data-testid="campaign-tab-review"]').attributes('aria-current')).toBe('page')
    expect(wrapper.find('[data-testid="review-list"]').exists()).toBe(true)
    wrapper.unmount()
  })
})

describe('consent', () => {
  it('records the notice and the opted-out students found by search', async () => {
    const backend = counselor()
    backend.listCampaigns.mockResolvedValue([campaign({ opt_outs: [wang.id] })])
    backend.searchStudents.mockResolvedValue([li, wang])
    backend.setConsent.mockImplementation(async (_id, notice, optOuts) => campaign({ notice, opt_outs: optOuts }))
    const { wrapper } = await mountApp(`${PATH}?tab=consent`, backend)

    expect(text(wrapper, 'consent-status')).toBe('尚未告知家长')
    const chosen = wrapper.findAll('[data-testid="consent-opt-out-item"]')
    expect(chosen).toHaveLength(1)
    expect(chosen[0]!.text()).toContain('王芳')
    expect(chosen[0]!.text()).toContain('不参加测评')

    await wrapper.get('[data-testid="consent-sent-on"] input').setValue('2026-09-07')
    await wrapper.get('[data-testid="consent-sent-on"] input').trigger('change')
    await wrapper.get('[data-testid="consent-method-letter"]').trigger('click')
    expect((wrapper.get('[data-testid="consent-method"]').element as HTMLInputElement).value).toBe('家长告知书')

    await letTimePass(200, () => wrapper.get('[data-testid="consent-opt-out-search"]').setValue('李'))
    expect(backend.searchStudents).toHaveBeenCalledWith('李', 8)
    // 王芳 is already out: only 李明 is offered.
    const options = wrapper.findAll('[data-testid="consent-opt-out-option"]')
    expect(options.map((o) => o.text())).toEqual([expect.stringContaining('李明')])
    await options[0]!.trigger('click')
    await wrapper.findAll('[data-testid="consent-opt-out-remove"]')[0]!.trigger('click')
    expect(wrapper.findAll('[data-testid="consent-opt-out-item"]').map((i) => i.text())).toEqual([expect.stringContaining('李明')])

    await wrapper.get('[data-testid="consent-save"]').trigger('click')
    await flushPromises()
    expect(backend.setConsent).toHaveBeenCalledWith(CAMPAIGN.id, { sent_on: '2026-09-07', method: '家长告知书' }, [li.id])
    expect(text(wrapper, 'consent-saved')).toBe('知情同意已保存。')
    expect(text(wrapper, 'consent-status')).toBe('已告知（2026年9月7日 · 家长告知书）')
    expect(wrapper.find('[data-testid="campaign-consent-reminder"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a day without a method is not saved', async () => {
    const { wrapper, backend } = await mountApp(`${PATH}?tab=consent`, counselor())
    await wrapper.get('[data-testid="consent-sent-on"] input').setValue('2026-09-07')
    await wrapper.get('[data-testid="consent-sent-on"] input').trigger('change')
    await flushPromises()
    expect(wrapper.get('[data-testid="consent-save"]').attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('请填写告知方式')
    expect(backend.setConsent).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})

describe('import', () => {
  it('checks the chosen file first and lists unmatched rows, opted-out rows and mode', async () => {
    const backend = counselor()
    backend.importScreening.mockResolvedValue(
      importSummary({
        unmatched: [{ row: 7, student_no: '0079999', name: '陈某', class_name: '5班' }],
        opted_out: [{ row: 9, student_no: wang.student_no, name: wang.name, class_name: wang.class_name }],
      }),
    )
    const { wrapper } = await mountApp(PATH, backend)
    await wrapper.get('[data-testid="screening-import"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="screening-import-instrument-phq9"]').classes()).toContain('is-active')

    await chooseFile(wrapper)
    expect(backend.importScreening).toHaveBeenCalledWith(
      CAMPAIGN.id,
      'phq9',
      { file_name: '七年级PHQ9.csv', bytes: Array.from(new TextEncoder().encode(csv)) },
      true,
    )
    expect(text(wrapper, 'screening-import-info')).toBe('逐题作答 · 表头在第 2 行 · 编码 GB18030')
    expect(text(wrapper, 'screening-import-counts')).toBe('可导入 58 条结果，其中替换原有结果 3 条')
    expect(text(wrapper, 'screening-import-columns')).toContain('学号 ← 学籍号')
    expect(text(wrapper, 'screening-import-columns')).toContain('第1题 ← PHQ9_1')
    const unmatched = wrapper.get('[data-testid="screening-import-unmatched"]')
    expect(unmatched.text()).toContain('1 行未匹配到学生')
    expect(unmatched.text()).toContain('请先在学生名单中核对，再重新导入')
    expect(unmatched.get('[data-testid="screening-import-unmatched-row"]').findAll('td').map((td) => td.text())).toEqual([
      '7',
      '0079999',
      '陈某',
      '5班',
    ])
    expect(text(wrapper, 'screening-import-opted-out')).toContain('王芳')
    expect((wrapper.get('[data-testid="screening-import-file"]').element as HTMLInputElement).value).toBe('')
    expect(wrapper.get('[data-testid="screening-import-commit"]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('lists every problem by row and column, and 导入 stays greyed out', async () => {
    const backend = counselor()
    backend.importScreening.mockResolvedValue(
      importSummary({
        imported: 0,
        errors: [
          { row: 4, column: 'Q9', problem: { code: 'bad_answer', params: { item: 9, options: '0/1/2/3' } } },
          { row: 6, column: '学号', problem: { code: 'student_twice' } },
        ],
      }),
    )
    const { wrapper } = await mountApp(PATH, backend)
    await wrapper.get('[data-testid="screening-import"]').trigger('click')
    await flushPromises()
    await chooseFile(wrapper)

    const errors = wrapper.findAll('[data-testid="screening-import-error"]').map((e) => e.text())
    expect(errors).toEqual([
      '第 4 行 · 「Q9」列：第 9 题的答案不是有效选项（应为 0/1/2/3）',
      '第 6 行 · 「学号」列：同一名学生在文件中出现了两次，请删去重复的一行',
    ])
    expect(text(wrapper, 'screening-import-verdict')).toBe('请先改正上述问题，改正前不能导入。')
    expect(wrapper.get('[data-testid="screening-import-commit"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('导入 writes it and says so; the review list is read again after closing', async () => {
    const backend = counselor()
    backend.importScreening.mockImplementation(async (_c, _i, _u, dryRun) => importSummary({ committed: !dryRun }))
    const { wrapper } = await mountApp(PATH, backend)
    expect(backend.getReviewList).toHaveBeenCalledTimes(1)
    await wrapper.get('[data-testid="screening-import"]').trigger('click')
    await flushPromises()
    await chooseFile(wrapper)
    await wrapper.get('[data-testid="screening-import-commit"]').trigger('click')
    await flushPromises()

    expect(backend.importScreening).toHaveBeenLastCalledWith(CAMPAIGN.id, 'phq9', expect.objectContaining({ file_name: '七年级PHQ9.csv' }), false)
    expect(text(wrapper, 'screening-import-summary')).toContain('已导入 58 条结果（其中替换原有结果 3 条）')
    expect(wrapper.get('[data-testid="screening-import-commit"]').attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="screening-import-close"]').trigger('click')
    await flushPromises()
    expect(backend.getReviewList).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })
})

describe('review list', () => {
  it('shows the critical row first with its tag and message, the progress, and a decided row', async () => {
    const { wrapper } = await mountApp(PATH, counselor())

    expect(text(wrapper, 'review-progress')).toBe('已复核 1 / 2')
    const rows = wrapper.findAll('[data-testid="review-row"]')
    expect(rows).toHaveLength(2)
    const first = rows[0]!
    expect(first.text()).toContain('0072301')
    expect(first.text()).toContain('李明')
    expect(first.text()).toContain('七年级3班')
    expect(first.get('[data-testid="review-total"]').text()).toBe('6')
    expect(first.get('[data-testid="review-band"]').text()).toBe('轻度')
    const tag = first.get('[data-testid="review-critical"]')
    expect(tag.text()).toBe('关键题')
    expect(tag.attributes('title')).toContain('第 9 题')
    expect(text(wrapper, 'review-critical-message')).toContain('请当天面谈评估')
    expect(first.find('[data-testid="review-decision"]').exists()).toBe(false)

    const second = rows[1]!
    expect(second.find('[data-testid="review-critical"]').exists()).toBe(false)
    expect(second.get('[data-testid="review-decision"]').text()).toContain('已约谈（2026年9月28日）')
    expect(second.get('[data-testid="review-decision"]').text()).toContain('已约周三面谈')
    expect(second.find('[data-testid="review-no-concern"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('无需特别关注 asks for a note, records the decision and counts it', async () => {
    const backend = counselor()
    backend.decideReview.mockResolvedValue({ outcome: 'no_concern', note: '班主任反映状态平稳', file_id: null, by: 'u1', on: '2026-09-29' })
    const { wrapper } = await mountApp(PATH, backend)

    await wrapper.get('[data-testid="review-no-concern"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="review-note"]').setValue(' 班主任反映状态平稳 ')
    await wrapper.get('[data-testid="review-note-submit"]').trigger('click')
    await flushPromises()

    expect(backend.decideReview).toHaveBeenCalledWith('r-li', 'no_concern', '班主任反映状态平稳')
    expect(text(wrapper, 'review-progress')).toBe('已复核 2 / 2')
    expect(wrapper.findAll('[data-testid="review-row"]')[0]!.get('[data-testid="review-decision"]').text()).toContain('无需特别关注')
    wrapper.unmount()
  })

  it('a decision can be changed', async () => {
    const backend = counselor()
    backend.decideReview.mockResolvedValue({ outcome: 'no_concern', note: '', file_id: null, by: 'u1', on: '2026-09-29' })
    const { wrapper } = await mountApp(PATH, backend)
    const decided = () => wrapper.findAll('[data-testid="review-row"]')[1]!

    await decided().get('[data-testid="review-change"]').trigger('click')
    await decided().get('[data-testid="review-no-concern"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="review-note-submit"]').trigger('click')
    await flushPromises()

    expect(backend.decideReview).toHaveBeenCalledWith('r-wang', 'no_concern', '')
    expect(decided().get('[data-testid="review-decision"]').text()).toContain('无需特别关注')
    expect(decided().find('[data-testid="review-no-concern"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('建立预警档案 starts at 一级 for a critical row with the reason written ahead, then links the file', async () => {
    const backend = counselor()
    backend.openFileFromScreening.mockResolvedValue(fileSummary({ id: 'f-new', student_id: li.id, level: 1 }))
    const { wrapper } = await mountApp(PATH, backend)

    await wrapper.get('[data-testid="review-open-file"]').trigger('click')
    await flushPromises()
    const dialog = wrapper.get('[data-testid="review-file-dialog"]')
    expect(dialog.text()).toContain('建立预警档案 · 李明')
    expect(wrapper.get('[data-testid="review-file-level-1"]').classes()).toContain('is-active')
    expect(wrapper.get('[data-testid="review-file-category-3"]').text()).toBe('情绪困扰')
    const reason = wrapper.get('[data-testid="review-file-reason"]').element as HTMLTextAreaElement
    expect(reason.value).toBe('PHQ-9 总分 6（轻度），关键题提示需复核，筛查后面谈核实')

    await wrapper.get('[data-testid="review-file-category-3"] input').setValue(true)
    backend.getReviewList.mockResolvedValue({
      entries: reviewList().entries.map((e) =>
        e.result_id === 'r-li' ? { ...e, decision: { outcome: 'file_opened', note: '', file_id: 'f-new', by: 'u1', on: '2026-09-29' } } : e,
      ),
      reviewed: 2,
    })
    await wrapper.get('[data-testid="review-file-submit"]').trigger('click')
    await flushPromises()

    expect(backend.openFileFromScreening).toHaveBeenCalledWith('r-li', 1, ['情绪困扰'], 'PHQ-9 总分 6（轻度），关键题提示需复核，筛查后面谈核实')
    expect(text(wrapper, 'review-file-opened')).toContain('已为 李明 建立预警档案（来源：心理测评）')
    expect(wrapper.get('[data-testid="review-file-link"]').attributes('href')).toBe('/warning-files/f-new')
    const first = wrapper.findAll('[data-testid="review-row"]')[0]!
    expect(first.get('[data-testid="review-decision"]').text()).toContain('已建档')
    expect(first.get('[data-testid="review-decision-file-link"]').attributes('href')).toBe('/warning-files/f-new')
    expect(text(wrapper, 'review-progress')).toBe('已复核 2 / 2')
    wrapper.unmount()
  })

  it('a row without a critical item starts at 二级, and the level can be changed', async () => {
    const backend = counselor()
    backend.getReviewList.mockResolvedValue({ entries: [reviewList().entries[1]!].map((e) => ({ ...e, decision: null })), reviewed: 0 })
    backend.openFileFromScreening.mockResolvedValue(fileSummary({ id: 'f-2', level: 3 }))
    const { wrapper } = await mountApp(PATH, backend)

    await wrapper.get('[data-testid="review-open-file"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="review-file-level-2"]').classes()).toContain('is-active')
    expect((wrapper.get('[data-testid="review-file-reason"]').element as HTMLTextAreaElement).value).toBe('PHQ-9 总分 14（中度），筛查后面谈核实')
    await wrapper.get('[data-testid="review-file-level-3"] input').setValue(true)
    await wrapper.get('[data-testid="review-file-submit"]').trigger('click')
    await flushPromises()
    expect(backend.openFileFromScreening).toHaveBeenCalledWith('r-wang', 3, [], 'PHQ-9 总分 14（中度），筛查后面谈核实')
    wrapper.unmount()
  })

  it('the threshold of an instrument is saved for this campaign and the list read again', async () => {
    const backend = counselor()
    backend.setReviewThreshold.mockResolvedValue(campaign({ thresholds: [['phq9', 12]] }))
    const { wrapper } = await mountApp(PATH, backend)

    const input = wrapper.get('[data-testid="review-threshold-phq9"] input')
    expect((input.element as HTMLInputElement).value).toBe('10')
    await input.setValue('12')
    await input.trigger('change')
    await flushPromises()
    await wrapper.get('[data-testid="review-threshold-save-phq9"]').trigger('click')
    await flushPromises()

    expect(backend.setReviewThreshold).toHaveBeenCalledWith(CAMPAIGN.id, 'phq9', 12)
    expect(text(wrapper, 'review-threshold-result')).toBe('PHQ-9 的关注阈值已改为 12，名单已更新。')
    expect(backend.getReviewList).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })

  it('with nobody to review, says what will appear', async () => {
    const backend = counselor()
    backend.getReviewList.mockResolvedValue({ entries: [], reviewed: 0 })
    const { wrapper } = await mountApp(PATH, backend)
    expect(text(wrapper, 'review-progress')).toBe('已复核 0 / 0')
    expect(text(wrapper, 'review-empty')).toContain('导入测评结果后')
    wrapper.unmount()
  })
})

describe('summary', () => {
  it('shows coverage and the band counts per grade, counts only', async () => {
    const { wrapper } = await mountApp(`${PATH}?tab=summary`, counselor())

    expect(text(wrapper, 'summary-eligible')).toBe('120')
    expect(text(wrapper, 'summary-opted-out')).toBe('4')
    expect(text(wrapper, 'summary-screened')).toBe('110')
    expect(text(wrapper, 'summary-coverage')).toBe('95%')
    const table = wrapper.get('[data-testid="summary-bands"]')
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['年级', '无或极轻', '轻度', '中度', '中重度', '重度', '无效', '合计'])
    const cells = table.findAll('[data-testid="summary-bands-row"]').map((tr) => tr.findAll('th, td').map((c) => c.text()))
    expect(cells).toEqual([
      ['七年级', '30', '15', '8', '2', '1', '1', '57'],
      ['八年级', '28', '16', '6', '2', '0', '1', '53'],
    ])
    expect(table.text()).not.toContain('李明')
    expect(wrapper.find('[data-testid="campaign-summary"] [role="img"]').exists()).toBe(true)
    wrapper.unmount()
  })
})
