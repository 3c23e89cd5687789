// The student page: profile, files, 一生一策, the chronology with its kind filter, and what each
// role may do there (open a file, record a crisis event, write the plan).
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { today } from '@/shared/dates'
import { chronology, listItem, student, studentPage, summary } from './casework'
import { mockBackend, mountApp, staff, vaultStatus, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const path = `/students/${student.id}`

function kinds(w: VueWrapper): string[] {
  return w.findAll('[data-testid="chronology-item"]').map((i) => i.attributes('data-kind') ?? '')
}

describe('student page', () => {
  it('a row of the student list opens the student’s page', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([student])
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper, router } = await mountApp('/students', backend)

    await wrapper.get('tbody tr.student-row td:nth-child(2)').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.path).toBe(path)
    expect(backend.getStudentPage).toHaveBeenCalledWith(student.id)
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('张𠈌')
    expect(wrapper.get('[data-testid="nav-students"]').classes()).toContain('is-active')
    wrapper.unmount()
  })

  it('shows the profile and the student’s files, each a link to its page', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper } = await mountApp(path, backend)

    const profile = wrapper.get('[data-testid="student-profile"]').text()
    for (const text of ['0072301', '张𠈌', '女', '七年级', '3班', '2025', '刘老师', '父亲 张伟 13800000000', '在读']) {
      expect(profile).toContain(text)
    }
    const links = wrapper.findAll('[data-testid="student-file-link"]')
    expect(links).toHaveLength(1)
    expect(links[0]!.attributes('href')).toBe('/warning-files/f0f0f0f0-file1')
    expect(links[0]!.get('[data-testid="level-badge"]').text()).toBe('二级')
    expect(links[0]!.text()).toContain('2026年2月20日 建档 · 关注中')
    expect(links[0]!.text()).toContain('已逾期')
    wrapper.unmount()
  })

  it('the chronology shows every kind of record with its Chinese title, newest first', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper } = await mountApp(path, backend)

    const items = wrapper.findAll('[data-testid="chronology-item"]')
    expect(items).toHaveLength(10)
    expect(kinds(wrapper)).toEqual(chronology.map((e) => e.event.kind))
    expect(items.map((i) => i.get('[data-testid="event-title"]').text())).toEqual([
      '分配共享',
      '危机事件',
      '复学评估',
      '状态变更',
      '转介反馈',
      '转介',
      '家访',
      '家校沟通',
      '跟踪记录',
      '等级调整',
    ])
    const text = (kind: string): string => wrapper.get(`[data-testid="chronology-item"][data-kind="${kind}"]`).text()
    expect(text('follow_up')).toContain('谈了考试压力，约定下周再谈')
    expect(text('follow_up')).toContain('方式：面谈')
    expect(text('follow_up')).toContain('记录人：王老师')
    expect(text('level_change')).toContain('建立档案，关注等级：二级')
    expect(text('referral')).toContain('转介机构：市精神卫生中心')
    expect(text('referral')).toContain('家长态度：同意')
    expect(text('status_change')).toContain('状态：已转介 → 休学')
    expect(text('return_assessment')).toContain('结论：复学并加强支持')
    expect(text('crisis')).toContain('班主任：2026年3月1日 10:25')
    expect(text('crisis')).toContain('急救/报警：未通知')
    expect(text('sharing')).toContain('共享给：李老师')
    wrapper.unmount()
  })

  it('unticking a kind in the filter hides its records; ticking it again brings them back', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper } = await mountApp(path, backend)

    await wrapper.get('[data-testid="chronology-filter-follow_up"] input').setValue(false)
    await wrapper.get('[data-testid="chronology-filter-crisis"] input').setValue(false)
    expect(kinds(wrapper)).not.toContain('follow_up')
    expect(kinds(wrapper)).not.toContain('crisis')
    expect(kinds(wrapper)).toHaveLength(8)

    await wrapper.get('[data-testid="chronology-filter-crisis"] input').setValue(true)
    expect(kinds(wrapper)).toContain('crisis')
    expect(kinds(wrapper)).toHaveLength(9)
    wrapper.unmount()
  })

  it('a principal sees the profile and file summaries, a notice, and no plan, chronology or buttons', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    backend.getStudentPage.mockResolvedValue(studentPage({ chronology: [], plan: null, can_read_casework: false }))
    const { wrapper } = await mountApp(path, backend)

    expect(wrapper.get('[data-testid="student-profile"]').text()).toContain('0072301')
    expect(wrapper.findAll('[data-testid="student-file-link"]')).toHaveLength(1)
    expect(wrapper.get('[data-testid="student-casework-notice"]').text()).toContain('不能查看谈话、跟踪记录、一生一策和时间线')
    for (const id of ['chronology', 'plan-card', 'student-open-file', 'student-crisis']) {
      expect(wrapper.find(`[data-testid="${id}"]`).exists()).toBe(false)
    }
    wrapper.unmount()
  })

  it('a teacher the file is shared with sees the plan and the chronology, but cannot open a file or record a crisis', async () => {
    const backend = mockBackend(vaultStatus(staff.teacher))
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper } = await mountApp(path, backend)

    expect(wrapper.find('[data-testid="chronology"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="plan-edit"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="student-open-file"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="student-crisis"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('a student that cannot be read says so', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockRejectedValue(rejection('not_found', { kind: 'student' }))
    const { wrapper } = await mountApp(path, backend)

    expect(wrapper.get('[data-testid="student-error"]').text()).toContain('找不到该学生，可能已被删除')
    wrapper.unmount()
  })
})

describe('open-file dialog', () => {
  it('with an open file, the counselor gets a link to it instead of the button', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper } = await mountApp(path, backend)

    const link = wrapper.get('[data-testid="student-open-file"]')
    expect(link.element.tagName).toBe('A')
    expect(link.attributes('href')).toBe('/warning-files/f0f0f0f0-file1')
    wrapper.unmount()
  })

  it('needs a level, a source and a reason, sends them with today’s date, and opens the new file', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage({ files: [listItem({ status: 'closed', closed_on: '2026-01-10' })] }))
    backend.openWarningFile.mockResolvedValue(summary({ id: 'new-file-id', level: 1 }))
    const { wrapper, router } = await mountApp(path, backend)

    await wrapper.get('button[data-testid="student-open-file"]').trigger('click')
    await flushPromises()
    const dialog = wrapper.get('[data-testid="open-file-dialog"]')
    expect(dialog.text()).toContain('建立预警档案 · 张𠈌')
    const level1 = wrapper.get('[data-testid="open-file-level-1"]')
    expect(level1.text()).toBe('一级')
    expect(level1.get('[data-testid="level-badge"]').attributes('style')).toContain('background: rgb(217, 48, 38)')
    expect(wrapper.get('[data-testid="open-file-category-0"]').text()).toBe('学业压力')
    expect(wrapper.get('[data-testid="open-file-source-self_referral"]').text()).toBe('学生主动求助')
    expect((wrapper.get('[data-testid="open-file-date"] input').element as HTMLInputElement).value).toBe(today())

    const submit = wrapper.get('[data-testid="open-file-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="open-file-missing"]').text()).toBe('请选择关注等级')

    await wrapper.get('[data-testid="open-file-level-1"] input').setValue(true)
    await wrapper.get('[data-testid="open-file-category-4"] input').setValue(true)
    await wrapper.get('[data-testid="open-file-source-mailbox"] input').setValue(true)
    expect(submit.attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="open-file-reason"]').setValue('  来信提到不想上学  ')
    expect(submit.attributes('disabled')).toBeUndefined()

    await submit.trigger('click')
    await flushPromises()
    expect(backend.openWarningFile).toHaveBeenCalledWith({
      student_id: student.id,
      level: 1,
      categories: ['网络沉迷'],
      source: 'mailbox',
      reason: '来信提到不想上学',
      opened_on: today(),
    })
    expect(router.currentRoute.value.path).toBe('/warning-files/new-file-id')
    wrapper.unmount()
  })

  it('a refusal is shown in the dialog, which stays open', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage({ files: [] }))
    backend.openWarningFile.mockRejectedValue(rejection('duplicate', { existing: { code: 'open_file' } }))
    const { wrapper, router } = await mountApp(path, backend)

    await wrapper.get('button[data-testid="student-open-file"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="open-file-level-3"] input').setValue(true)
    await wrapper.get('[data-testid="open-file-source-parent"] input').setValue(true)
    await wrapper.get('[data-testid="open-file-reason"]').setValue('家长来电')
    await wrapper.get('[data-testid="open-file-submit"]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="open-file-error"]').text()).toContain('该学生未解除的预警档案已存在')
    expect(router.currentRoute.value.path).toBe(path)
    wrapper.unmount()
  })
})

describe('crisis form', () => {
  async function openCrisis() {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    backend.recordCrisis.mockResolvedValue(summary({ level: 1, last_crisis: '2026-03-01' }))
    const mounted = await mountApp(path, backend)
    await mounted.wrapper.get('[data-testid="student-crisis"]').trigger('click')
    await flushPromises()
    return mounted
  }

  it('shows the protocol and the hotlines first, and will not submit until the student is safe', async () => {
    const { wrapper, backend } = await openCrisis()

    const form = wrapper.get('[data-testid="crisis-form"]')
    const steps = form.findAll('.crisis__steps li').map((li) => li.text())
    expect(steps).toEqual([
      '确保学生安全、不让其独处',
      '当面通知班主任、监护人、校长（分管领导）',
      '必要时拨打 120/110',
      '记录每次通知的时间',
    ])
    expect(wrapper.get('[data-testid="crisis-hotline"]').text()).toContain('12356')
    expect(wrapper.get('[data-testid="crisis-hotline"]').text()).toContain('12355')

    const submit = wrapper.get('[data-testid="crisis-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="crisis-missing"]').text()).toBe('请先确认学生已在成人陪伴下处于安全环境')
    await submit.trigger('click')
    await flushPromises()
    expect(backend.recordCrisis).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('asks for each required notification time, then sends them all', async () => {
    const { wrapper, backend, router } = await openCrisis()
    const submit = wrapper.get('[data-testid="crisis-submit"]')

    await wrapper.get('[data-testid="crisis-safety"] input').setValue(true)
    const occurred = wrapper.get('[data-testid="crisis-occurred-at"] input')
    await occurred.setValue('2026-03-01 10:20')
    await occurred.trigger('keydown', { key: 'Enter', code: 'Enter' })
    await wrapper.get('[data-testid="crisis-location"]').setValue('教学楼三楼走廊')
    await wrapper.get('[data-testid="crisis-description"]').setValue('情绪激动')
    await wrapper.get('[data-testid="crisis-actions"]').setValue('陪同到心理辅导室')
    expect(wrapper.get('[data-testid="crisis-missing"]').text()).toBe('请记下通知班主任的时间')
    expect(submit.attributes('disabled')).toBeDefined()

    const homeroom = wrapper.get('[data-testid="crisis-notify-homeroom_teacher"] input')
    await homeroom.setValue('2026-03-01 10:25')
    await homeroom.trigger('keydown', { key: 'Enter', code: 'Enter' })
    await wrapper.get('[data-testid="crisis-now-guardian"]').trigger('click')
    await wrapper.get('[data-testid="crisis-note-guardian"]').setValue('父亲赶来')
    expect(wrapper.get('[data-testid="crisis-missing"]').text()).toBe('请记下通知校长（分管领导）的时间')
    await wrapper.get('[data-testid="crisis-now-principal"]').trigger('click')
    expect(submit.attributes('disabled')).toBeUndefined()

    await submit.trigger('click')
    await flushPromises()
    expect(backend.recordCrisis).toHaveBeenCalledTimes(1)
    const [studentId, input] = backend.recordCrisis.mock.calls[0]!
    expect(studentId).toBe(student.id)
    expect(input).toMatchObject({
      occurred_at: '2026-03-01T10:20:00',
      location: '教学楼三楼走廊',
      description: '情绪激动',
      safety_ensured: true,
      actions: '陪同到心理辅导室',
    })
    const moment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/
    expect(input.notifications.map((n) => n.party)).toEqual(['homeroom_teacher', 'guardian', 'principal', 'emergency_services'])
    expect(input.notifications[0]).toEqual({ party: 'homeroom_teacher', at: '2026-03-01T10:25:00', note: '' })
    expect(input.notifications[1]!.at).toMatch(moment)
    expect(input.notifications[1]!.at!.startsWith(today())).toBe(true)
    expect(input.notifications[1]!.note).toBe('父亲赶来')
    expect(input.notifications[2]!.at).toMatch(moment)
    expect(input.notifications[3]).toEqual({ party: 'emergency_services', at: null, note: '' })
    expect(router.currentRoute.value.path).toBe('/warning-files/f0f0f0f0-file1')
    wrapper.unmount()
  })
})

describe('一生一策', () => {
  it('shows goals, measures with 责任人 and review dates', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(
      studentPage({
        plan: {
          student_id: student.id,
          goals: ['按时到校', '能主动求助'],
          measures: [{ measure: '每周一次面谈', responsible: '心理教师王老师' }],
          review_dates: ['2026-04-01'],
          created_on: '2026-02-20',
          updated_on: '2026-02-21',
          updated_by: staff.counselor.id,
        },
      }),
    )
    const { wrapper } = await mountApp(path, backend)

    expect(wrapper.findAll('[data-testid="plan-goal"]').map((g) => g.text())).toEqual(['按时到校', '能主动求助'])
    expect(wrapper.get('[data-testid="plan-measures"]').text()).toContain('每周一次面谈')
    expect(wrapper.get('[data-testid="plan-measures"]').text()).toContain('心理教师王老师')
    expect(wrapper.get('[data-testid="plan-reviews"]').text()).toContain('2026年4月1日')
    expect(wrapper.get('[data-testid="plan-card"]').text()).toContain('2026年2月21日 由 王老师 更新')
    wrapper.unmount()
  })

  it('编写 takes goals one per line and measure rows, and saves them', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    backend.saveSupportPlan.mockImplementation((studentId, input) =>
      Promise.resolve({ student_id: studentId, ...input, created_on: '2026-03-02', updated_on: '2026-03-02', updated_by: staff.counselor.id }),
    )
    const { wrapper } = await mountApp(path, backend)

    expect(wrapper.get('[data-testid="plan-empty"]').text()).toContain('还没有一生一策')
    await wrapper.get('[data-testid="plan-edit"]').trigger('click')
    await flushPromises()
    const save = wrapper.get('[data-testid="plan-save"]')
    expect(save.attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="plan-goals"]').setValue('按时到校\n\n 能主动求助 ')
    await wrapper.get('[data-testid="plan-measure-0"]').setValue('每周一次面谈')
    expect(wrapper.get('[data-testid="plan-missing"]').text()).toBe('每项措施都需要写责任人')
    await wrapper.get('[data-testid="plan-responsible-0"]').setValue('心理教师王老师')
    await wrapper.get('[data-testid="plan-review-add"]').trigger('click')
    const review = wrapper.get('[data-testid="plan-review-0"] input')
    await review.setValue('2026-04-01')
    await review.trigger('keydown', { key: 'Enter', code: 'Enter' })
    await save.trigger('click')
    await flushPromises()

    expect(backend.saveSupportPlan).toHaveBeenCalledWith(student.id, {
      goals: ['按时到校', '能主动求助'],
      measures: [{ measure: '每周一次面谈', responsible: '心理教师王老师' }],
      review_dates: ['2026-04-01'],
    })
    expect(wrapper.findAll('[data-testid="plan-goal"]').map((g) => g.text())).toEqual(['按时到校', '能主动求助'])
    wrapper.unmount()
  })
})
