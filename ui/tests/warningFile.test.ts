// The warning-file page: the summary every reader sees, the records newest first, the actions
// each role may take, and the dialogs that record them.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { addDays, daysBetween, today } from '@/shared/dates'
import { events, fileDetail, student, summary } from './casework'
import { mockBackend, mountApp, staff, vaultStatus, type MockBackend, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const path = '/warning-files/f0f0f0f0-file1'
const ALL_ACTIONS = [
  'file-add-follow-up',
  'file-change-level',
  'file-referral',
  'file-feedback',
  'file-return',
  'file-contact',
  'file-home-visit',
  'file-change-status',
  'file-share',
  'file-crisis',
]

function shownActions(w: VueWrapper): string[] {
  return ALL_ACTIONS.filter((id) => w.find(`[data-testid="${id}"]`).exists())
}

async function openFile(backend: MockBackend = mockBackend()) {
  if (!backend.getWarningFile.getMockImplementation()) backend.getWarningFile.mockResolvedValue(fileDetail())
  return mountApp(path, backend)
}

async function pick(w: VueWrapper, id: string, day: string): Promise<void> {
  const input = w.get(`[data-testid="${id}"] input`)
  await input.setValue(day)
  await input.trigger('keydown', { key: 'Enter', code: 'Enter' })
}

function inputValue(w: VueWrapper, selector: string): string {
  return (w.get(selector).element as HTMLInputElement).value
}

describe('warning-file page', () => {
  it('shows the student, the level badge in its colour, status, days, owner, sharing, and why it was opened', async () => {
    const backend = mockBackend()
    backend.getWarningFile.mockResolvedValue(fileDetail({ shared_with_names: ['李老师'] }))
    const { wrapper } = await openFile(backend)

    expect(backend.getWarningFile).toHaveBeenCalledWith('f0f0f0f0-file1')
    const link = wrapper.get('[data-testid="file-student-link"]')
    expect(link.text()).toBe('张𠈌')
    expect(link.attributes('href')).toBe(`/students/${student.id}`)
    const badge = wrapper.get('[data-testid="file-level"]')
    expect(badge.text()).toBe('二级')
    expect(badge.attributes('style')).toContain('background: rgb(232, 113, 10)')
    expect(wrapper.get('[data-testid="file-status"]').text()).toBe('关注中')
    expect(wrapper.get('[data-testid="file-opened-on"]').text()).toBe('2026年2月20日')
    expect(wrapper.get('[data-testid="file-owner"]').text()).toBe('王老师')
    expect(wrapper.get('[data-testid="file-shared"]').text()).toBe('李老师')
    const due = wrapper.get('[data-testid="file-next-due"]')
    expect(due.text()).toBe(`2026年2月27日（已逾期 ${daysBetween('2026-02-27', today())} 天）`)
    expect(due.find('.is-overdue').exists()).toBe(true)
    expect(wrapper.get('[data-testid="file-categories"]').text()).toContain('学业压力')
    expect(wrapper.get('[data-testid="file-source"]').text()).toBe('班主任')
    expect(wrapper.get('[data-testid="file-reason"]').text()).toBe('期中后情绪低落，班主任反映')
    expect(wrapper.get('[data-testid="nav-warning-files"]').classes()).toContain('is-active')
    wrapper.unmount()
  })

  it('lists the file’s records newest first', async () => {
    const { wrapper } = await openFile()

    const shown = wrapper.findAll('[data-testid="file-event"]')
    expect(shown.map((e) => e.attributes('data-kind'))).toEqual([...events].reverse().map((e) => e.event.kind))
    expect(shown[shown.length - 1]!.text()).toContain('建立档案，关注等级：二级')
    wrapper.unmount()
  })

  it('a file due in the future shows its day without a warning; a closed one needs no follow-up', async () => {
    const backend = mockBackend()
    backend.getWarningFile.mockResolvedValue(fileDetail({}, { next_due: addDays(today(), 3) }))
    const { wrapper } = await openFile(backend)
    expect(wrapper.get('[data-testid="file-next-due"]').text()).not.toContain('逾期')
    wrapper.unmount()

    const closed = mockBackend()
    closed.getWarningFile.mockResolvedValue(fileDetail({}, { status: 'closed', closed_on: '2026-03-01', next_due: null }))
    const again = await openFile(closed)
    expect(again.wrapper.get('[data-testid="file-status"]').text()).toBe('已解除')
    expect(again.wrapper.get('[data-testid="file-closed-on"]').text()).toBe('2026年3月1日')
    expect(again.wrapper.get('[data-testid="file-next-due"]').text()).toBe('已解除，无需跟踪')
    expect(shownActions(again.wrapper)).toEqual(['file-contact', 'file-change-status', 'file-share'])
    again.wrapper.unmount()
  })

  it('the counselor has every action', async () => {
    const { wrapper } = await openFile()
    expect(shownActions(wrapper)).toEqual(ALL_ACTIONS)
    wrapper.unmount()
  })

  it('a teacher the file is shared with records follow-ups, referrals, feedback, contacts and visits only', async () => {
    const { wrapper } = await openFile(mockBackend(vaultStatus(staff.teacher)))
    expect(shownActions(wrapper)).toEqual(['file-add-follow-up', 'file-referral', 'file-feedback', 'file-contact', 'file-home-visit'])
    wrapper.unmount()
  })

  it('a principal reads the summary with a notice, and has no actions and no records', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    backend.getWarningFile.mockResolvedValue(fileDetail({ narrative: null, events: [], can_edit: false }))
    const { wrapper } = await openFile(backend)

    expect(wrapper.get('[data-testid="file-summary-notice"]').text()).toBe('校长可查看档案摘要，不含谈话与跟踪内容。')
    expect(wrapper.get('[data-testid="file-level"]').text()).toBe('二级')
    expect(wrapper.get('[data-testid="file-next-due"]').text()).toContain('已逾期')
    expect(shownActions(wrapper)).toEqual([])
    expect(wrapper.find('[data-testid="file-event"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="file-reason"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a file that cannot be read says so', async () => {
    const backend = mockBackend()
    backend.getWarningFile.mockRejectedValue(rejection('not_found', { kind: 'warning_file' }))
    const { wrapper } = await openFile(backend)
    expect(wrapper.get('[data-testid="file-error"]').text()).toContain('找不到该预警档案，可能已被删除')
    wrapper.unmount()
  })
})

describe('follow-up dialog', () => {
  it('prefills the next follow-up from the day and the level’s interval, and follows a reassessed level', async () => {
    const backend = mockBackend()
    backend.addFollowUp.mockResolvedValue(summary({ level: 1 }))
    const { wrapper } = await openFile(backend)

    await wrapper.get('[data-testid="file-add-follow-up"]').trigger('click')
    await flushPromises()
    expect(inputValue(wrapper, '[data-testid="follow-up-date"] input')).toBe(today())
    expect(inputValue(wrapper, '[data-testid="follow-up-next-due"] input')).toBe(addDays(today(), 7))
    expect(wrapper.get('[data-testid="follow-up-next-due-hint"]').text()).toBe('按二级每 7 天跟踪一次推算，可修改')
    expect(wrapper.get('[data-testid="follow-up-mode-homeroom_feedback"]').text()).toBe('班主任反馈')

    await pick(wrapper, 'follow-up-date', '2026-03-02')
    expect(inputValue(wrapper, '[data-testid="follow-up-next-due"] input')).toBe('2026-03-09')
    await wrapper.get('[data-testid="follow-up-level-1"] input').setValue(true)
    expect(inputValue(wrapper, '[data-testid="follow-up-next-due"] input')).toBe('2026-03-03')

    const submit = wrapper.get('[data-testid="follow-up-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="follow-up-mode-phone"] input').setValue(true)
    await wrapper.get('[data-testid="follow-up-content"]').setValue('电话了解，情绪仍低落')
    await submit.trigger('click')
    await flushPromises()

    expect(backend.addFollowUp).toHaveBeenCalledWith('f0f0f0f0-file1', {
      date: '2026-03-02',
      mode: 'phone',
      content: '电话了解，情绪仍低落',
      reassessed_level: 1,
      next_due: '2026-03-03',
    })
    expect(backend.getWarningFile).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[data-testid="file-saved"]').text()).toBe('已保存：跟踪记录')
    wrapper.unmount()
  })

  it('a next day the user picked stays, and an unchanged level is not sent as reassessed', async () => {
    const backend = mockBackend()
    backend.addFollowUp.mockResolvedValue(summary())
    const { wrapper } = await openFile(backend)

    await wrapper.get('[data-testid="file-add-follow-up"]').trigger('click')
    await flushPromises()
    await pick(wrapper, 'follow-up-next-due', '2026-03-20')
    await pick(wrapper, 'follow-up-date', '2026-03-02')
    expect(inputValue(wrapper, '[data-testid="follow-up-next-due"] input')).toBe('2026-03-20')
    await wrapper.get('[data-testid="follow-up-content"]').setValue('面谈')
    await wrapper.get('[data-testid="follow-up-submit"]').trigger('click')
    await flushPromises()

    expect(backend.addFollowUp).toHaveBeenCalledWith('f0f0f0f0-file1', {
      date: '2026-03-02',
      mode: 'in_person',
      content: '面谈',
      next_due: '2026-03-20',
    })
    wrapper.unmount()
  })

  it('a refusal stays in the dialog', async () => {
    const backend = mockBackend()
    backend.addFollowUp.mockRejectedValue(rejection('invalid', { field: 'warning_file', problem: { code: 'file_closed' } }))
    const { wrapper } = await openFile(backend)

    await wrapper.get('[data-testid="file-add-follow-up"]').trigger('click')
    await wrapper.get('[data-testid="follow-up-content"]').setValue('面谈')
    await wrapper.get('[data-testid="follow-up-submit"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="follow-up-error"]').text()).toBe('预警档案：该档案已解除，请先重新开启再记录')
    wrapper.unmount()
  })
})

describe('file actions', () => {
  it('转介 records the institution, the reason and how the parents were told', async () => {
    const backend = mockBackend()
    backend.recordReferral.mockResolvedValue(summary({ status: 'referred' }))
    const { wrapper } = await openFile(backend)

    await wrapper.get('[data-testid="file-referral"]').trigger('click')
    await flushPromises()
    await pick(wrapper, 'referral-date', '2026-03-02')
    await wrapper.get('[data-testid="referral-institution"]').setValue('市精神卫生中心')
    await wrapper.get('[data-testid="referral-reason"]').setValue('持续睡眠困难，建议专业评估')
    await pick(wrapper, 'referral-notified-on', '2026-03-02')
    expect(wrapper.get('[data-testid="referral-method"]').attributes('placeholder')).toBe('面谈/电话/书面告知书')
    await wrapper.get('[data-testid="referral-method"]').setValue('面谈')
    expect(inputValue(wrapper, '[data-testid="referral-notified-by"]')).toBe('王老师')
    await wrapper.get('[data-testid="referral-response-hesitant"] input').setValue(true)
    await wrapper.get('[data-testid="referral-response-note"]').setValue('要和孩子妈妈商量')
    await wrapper.get('[data-testid="referral-submit"]').trigger('click')
    await flushPromises()

    expect(backend.recordReferral).toHaveBeenCalledWith('f0f0f0f0-file1', {
      date: '2026-03-02',
      institution: '市精神卫生中心',
      reason: '持续睡眠困难，建议专业评估',
      parent_notification: {
        notified_on: '2026-03-02',
        method: '面谈',
        notified_by: '王老师',
        response: 'hesitant',
        response_note: '要和孩子妈妈商量',
      },
    })
    expect(wrapper.get('[data-testid="file-saved"]').text()).toBe('已保存：转介')
    wrapper.unmount()
  })

  it('转介反馈, 复学评估, 家校沟通 and 家访 send what was typed', async () => {
    const backend = mockBackend()
    for (const m of [backend.recordReferralFeedback, backend.recordReturnAssessment, backend.recordParentContact, backend.recordHomeVisit]) {
      m.mockResolvedValue(summary())
    }
    const { wrapper } = await openFile(backend)

    await wrapper.get('[data-testid="file-feedback"]').trigger('click')
    await pick(wrapper, 'feedback-date', '2026-03-03')
    await wrapper.get('[data-testid="feedback-source"]').setValue('门诊医生')
    await wrapper.get('[data-testid="feedback-content"]').setValue('建议学校继续关注')
    await wrapper.get('[data-testid="feedback-submit"]').trigger('click')
    await flushPromises()
    expect(backend.recordReferralFeedback).toHaveBeenCalledWith('f0f0f0f0-file1', { date: '2026-03-03', source: '门诊医生', content: '建议学校继续关注' })

    await wrapper.get('[data-testid="file-return"]').trigger('click')
    await pick(wrapper, 'return-date', '2026-03-04')
    await wrapper.get('[data-testid="return-participants"]').setValue('王老师、刘老师、父亲')
    await wrapper.get('[data-testid="return-assessment"]').setValue('睡眠好转')
    await wrapper.get('[data-testid="return-decision-postpone"] input').setValue(true)
    expect(wrapper.get('[data-testid="return-decision-return_with_support"]').text()).toBe('复学并加强支持')
    await wrapper.get('[data-testid="return-submit"]').trigger('click')
    await flushPromises()
    expect(backend.recordReturnAssessment).toHaveBeenCalledWith('f0f0f0f0-file1', {
      date: '2026-03-04',
      participants: '王老师、刘老师、父亲',
      assessment: '睡眠好转',
      decision: 'postpone',
    })

    await wrapper.get('[data-testid="file-contact"]').trigger('click')
    await pick(wrapper, 'contact-date', '2026-03-05')
    await wrapper.get('[data-testid="contact-mode-message"] input').setValue(true)
    expect(wrapper.get('[data-testid="contact-mode-message"]').text()).toBe('微信/短信')
    await wrapper.get('[data-testid="contact-guardian"]').setValue('母亲')
    await wrapper.get('[data-testid="contact-content"]').setValue('约定周末多陪伴')
    await wrapper.get('[data-testid="contact-submit"]').trigger('click')
    await flushPromises()
    expect(backend.recordParentContact).toHaveBeenCalledWith('f0f0f0f0-file1', {
      date: '2026-03-05',
      mode: 'message',
      guardian: '母亲',
      content: '约定周末多陪伴',
    })

    await wrapper.get('[data-testid="file-home-visit"]').trigger('click')
    await pick(wrapper, 'home-visit-date', '2026-03-06')
    await wrapper.get('[data-testid="home-visit-visitors"]').setValue('王老师、刘老师')
    await wrapper.get('[data-testid="home-visit-present"]').setValue('父亲')
    await wrapper.get('[data-testid="home-visit-content"]').setValue('家中安静')
    await wrapper.get('[data-testid="home-visit-submit"]').trigger('click')
    await flushPromises()
    expect(backend.recordHomeVisit).toHaveBeenCalledWith('f0f0f0f0-file1', {
      date: '2026-03-06',
      visitors: '王老师、刘老师',
      present: '父亲',
      content: '家中安静',
    })
    expect(wrapper.get('[data-testid="file-saved"]').text()).toBe('已保存：家访')
    wrapper.unmount()
  })

  it('调整等级 and 更改状态 need a reason; closing is 已解除', async () => {
    const backend = mockBackend()
    backend.changeLevel.mockResolvedValue(summary({ level: 3 }))
    backend.setFileStatus.mockResolvedValue(summary({ status: 'closed' }))
    const { wrapper } = await openFile(backend)

    await wrapper.get('[data-testid="file-change-level"]').trigger('click')
    await wrapper.get('[data-testid="level-option-3"] input').setValue(true)
    expect(wrapper.get('[data-testid="level-submit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="level-reason"]').setValue('情绪稳定')
    await wrapper.get('[data-testid="level-submit"]').trigger('click')
    await flushPromises()
    expect(backend.changeLevel).toHaveBeenCalledWith('f0f0f0f0-file1', 3, '情绪稳定')

    await wrapper.get('[data-testid="file-change-status"]').trigger('click')
    expect(wrapper.get('[data-testid="status-option-closed"]').text()).toBe('已解除')
    await wrapper.get('[data-testid="status-option-closed"] input').setValue(true)
    await wrapper.get('[data-testid="status-reason"]').setValue('连续两月稳定')
    await wrapper.get('[data-testid="status-submit"]').trigger('click')
    await flushPromises()
    expect(backend.setFileStatus).toHaveBeenCalledWith('f0f0f0f0-file1', 'closed', '连续两月稳定')
    wrapper.unmount()
  })

  it('分配共享 offers counselors and teachers only, and sends the owner and the colleagues', async () => {
    const backend = mockBackend()
    backend.shareFile.mockResolvedValue(summary({ shared_with: [staff.teacher.id] }))
    const { wrapper } = await openFile(backend)

    await wrapper.get('[data-testid="file-share"]').trigger('click')
    await flushPromises()
    const [owner, shared] = wrapper.findAllComponents(ElSelect)
    expect((owner!.vm.$props as { modelValue: string }).modelValue).toBe(staff.counselor.id)
    const offered = document.body.querySelectorAll('[data-testid^="share-owner-"]')
    expect([...offered].map((o) => o.getAttribute('data-testid'))).toEqual([`share-owner-${staff.counselor.id}`, `share-owner-${staff.teacher.id}`])
    shared!.vm.$emit('update:modelValue', [staff.teacher.id])
    await flushPromises()
    await wrapper.get('[data-testid="share-submit"]').trigger('click')
    await flushPromises()
    expect(backend.shareFile).toHaveBeenCalledWith('f0f0f0f0-file1', staff.counselor.id, [staff.teacher.id])
    wrapper.unmount()
  })
})
