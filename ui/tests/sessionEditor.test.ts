// The session-note editor: a new note for a student or an anonymous walk-in, the risk notice,
// 沿用上次对策, draft → sign → locked with addenda, and asking before unsaved changes are left.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type SessionInput } from '@/api'
import { student, studentPage } from './casework'
import { letTimePass, mockBackend, mountApp, staff, vaultStatus, type MockBackend, rejection } from './helpers'
import { firstSession, note, sessionView } from './sessionFixtures'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const DRAFT_ID = 'a1b2c3d4-note2'

async function typeAndEnter(w: VueWrapper, id: string, value: string): Promise<void> {
  const input = w.get(`[data-testid="${id}"] input`)
  await input.setValue(value)
  await input.trigger('keydown', { key: 'Enter', code: 'Enter' })
  await flushPromises()
}

function value(w: VueWrapper, selector: string): string {
  return (w.get(selector).element as HTMLInputElement | HTMLTextAreaElement).value
}

function shown(w: VueWrapper, id: string): boolean {
  return w.find(`[data-testid="${id}"]`).exists()
}

/** The buttons of the Element Plus message box (rendered into the body). */
function messageBox(): { text: string; confirm: HTMLButtonElement; cancel: HTMLButtonElement } | null {
  // The newest box: one just closed may still be fading out.
  const box = [...document.querySelectorAll('.el-message-box')].pop()
  if (!box) return null
  const buttons = [...box.querySelectorAll<HTMLButtonElement>('.el-message-box__btns button')]
  return {
    text: box.textContent ?? '',
    cancel: buttons[0]!,
    confirm: buttons[buttons.length - 1]!,
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

describe('a new note', () => {
  it('finds the student, takes day, time, minutes and the six fields, and saves a draft', async () => {
    const backend = mockBackend()
    backend.searchStudents.mockResolvedValue([student])
    backend.createSession.mockResolvedValue(note({ id: 'new-note', session_number: 1 }))
    backend.getSession.mockResolvedValue(sessionView({ id: 'new-note', session_number: 1 }))
    const { wrapper, router } = await mountApp('/sessions/new', backend)

    const save = wrapper.get('[data-testid="session-save"]')
    expect(save.attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="session-missing"]').text()).toBe('请选择学生，或打开「匿名来访」')

    await letTimePass(200, () => wrapper.get('[data-testid="session-student"]').setValue('zs'))
    expect(backend.searchStudents).toHaveBeenCalledWith('zs', 8)
    const option = wrapper.get('[data-testid="session-student-option"]')
    expect(option.text()).toContain('张𠈌')
    expect(option.text()).toContain('七年级 3班 · 0072301')
    await option.trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="session-student-chosen"]').text()).toContain('张𠈌')
    expect(backend.listSessions).toHaveBeenCalledWith(student.id)

    await typeAndEnter(wrapper, 'session-date', '2026-03-02')
    await typeAndEnter(wrapper, 'session-start', '14:30')
    await wrapper.get('[data-testid="session-duration"] input').setValue('45')
    await wrapper.get('[data-testid="session-duration"] input').trigger('change')
    expect(wrapper.get('[data-testid="session-missing"]').text()).toBe('请填写主要问题')

    await wrapper.get('[data-testid="session-current-situation"]').setValue('最近一周睡得不好')
    await wrapper.get('[data-testid="session-main-problem"]').setValue('  期中考试前紧张  ')
    await wrapper.get('[data-testid="session-assessment"]').setValue('紧张程度中等')
    await wrapper.get('[data-testid="session-analysis"]').setValue('对成绩期望高')
    await wrapper.get('[data-testid="session-plan"]').setValue('每天睡前做放松练习')
    await wrapper.get('[data-testid="session-effect"]').setValue('说完后轻松一些')
    await wrapper.get('[data-testid="session-risk-denied"] input').setValue(true)
    await typeAndEnter(wrapper, 'session-next-appointment', '2026-03-09 14:00')
    expect(wrapper.get('[data-testid="session-missing"]').text()).toBe('有未保存的修改')
    expect(save.attributes('disabled')).toBeUndefined()

    await save.trigger('click')
    await flushPromises()
    expect(backend.createSession).toHaveBeenCalledWith({
      student_id: student.id,
      walk_in_label: '',
      date: '2026-03-02',
      start_time: '14:30:00',
      duration_minutes: 45,
      current_situation: '最近一周睡得不好',
      main_problem: '期中考试前紧张',
      assessment: '紧张程度中等',
      analysis: '对成绩期望高',
      plan: '每天睡前做放松练习',
      effect: '说完后轻松一些',
      risk: 'denied',
      next_appointment: '2026-03-09T14:00:00',
    } satisfies SessionInput)
    expect(router.currentRoute.value.path).toBe('/sessions/new-note')
    expect(messageBox()).toBeNull()
    expect(backend.getSession).toHaveBeenCalledWith('new-note')
    expect(wrapper.get('[data-testid="session-saved"]').text()).toContain('草稿已保存')
    expect(wrapper.get('[data-testid="session-state"]').text()).toBe('草稿')
    expect(shown(wrapper, 'session-form')).toBe(true)
    wrapper.unmount()
  })

  it('an anonymous walk-in needs a label, and is sent without a student', async () => {
    const backend = mockBackend()
    backend.createSession.mockResolvedValue(note({ id: 'walk', student_id: undefined, walk_in_label: '七年级女生', session_number: 1 }))
    backend.getSession.mockResolvedValue(sessionView({ id: 'walk', student_id: undefined, walk_in_label: '七年级女生' }))
    const { wrapper } = await mountApp('/sessions/new', backend)

    await wrapper.get('[data-testid="session-walk-in"]').trigger('click')
    expect(shown(wrapper, 'session-student')).toBe(false)
    await wrapper.get('[data-testid="session-main-problem"]').setValue('和同桌闹矛盾')
    const save = wrapper.get('[data-testid="session-save"]')
    expect(wrapper.get('[data-testid="session-missing"]').text()).toBe('请填写来访者称呼')
    expect(save.attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="session-sign"]').attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="session-walk-in-label"]').setValue('七年级女生')
    expect(save.attributes('disabled')).toBeUndefined()
    await save.trigger('click')
    await flushPromises()

    const sent = backend.createSession.mock.calls[0]![0]
    expect(sent).not.toHaveProperty('student_id')
    expect(sent.walk_in_label).toBe('七年级女生')
    expect(sent.main_problem).toBe('和同桌闹矛盾')
    expect(sent.risk).toBe('not_asked')
    wrapper.unmount()
  })

  it('a refusal from the backend is shown and the form stays', async () => {
    const backend = mockBackend()
    backend.createSession.mockRejectedValue(
      rejection('invalid', { field: 'duration', problem: { code: 'minutes', params: { min: 1, max: 480 } } }),
    )
    const { wrapper, router } = await mountApp('/sessions/new', backend)

    await wrapper.get('[data-testid="session-walk-in"]').trigger('click')
    await wrapper.get('[data-testid="session-walk-in-label"]').setValue('初二男生')
    await wrapper.get('[data-testid="session-main-problem"]').setValue('不想上学')
    await wrapper.get('[data-testid="session-save"]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="session-error"]').text()).toContain('时长应为 1 到 480 分钟')
    expect(router.currentRoute.value.path).toBe('/sessions/new')
    expect(value(wrapper, '[data-testid="session-main-problem"]')).toBe('不想上学')
    wrapper.unmount()
  })

  it('from the student page, 记录个体辅导 opens a note for that student, and 沿用上次对策 copies the last plan', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    backend.listStudents.mockResolvedValue([student])
    backend.listSessions.mockResolvedValue([firstSession])
    const { wrapper, router } = await mountApp(`/students/${student.id}`, backend)

    await wrapper.get('[data-testid="student-new-session"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/sessions/new?student=${student.id}`)
    expect(wrapper.get('[data-testid="session-student-chosen"]').text()).toContain('张𠈌')
    expect(backend.listSessions).toHaveBeenCalledWith(student.id)

    expect(wrapper.get('[data-testid="session-previous-plan-hint"]').text()).toBe(
      '把第 1 次（2026年2月23日）的对策复制到本次「对策」中作为起点，请按本次情况修改。',
    )
    await wrapper.get('[data-testid="session-use-previous-plan"]').trigger('click')
    expect(value(wrapper, '[data-testid="session-plan"]')).toBe('约定每天写三件好事；下周同一时间再谈')
    wrapper.unmount()
  })
})

describe('the risk check', () => {
  it('有自伤想法 shows the notice at once, saving still works, and the notice leads to the student', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValue(sessionView())
    backend.updateSession.mockImplementation((id, input) => Promise.resolve(note({ id, ...input })))
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper, router } = await mountApp(`/sessions/${DRAFT_ID}`, backend)

    expect(shown(wrapper, 'session-risk-alert')).toBe(false)
    await wrapper.get('[data-testid="session-risk-thoughts"] input').setValue(true)

    const alert = wrapper.get('[data-testid="session-risk-alert"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('来访者提到有自伤想法')
    expect(alert.text()).toContain('打开学生页面建立或提升预警档案，并按危机干预流程处理')
    expect(wrapper.get('[data-testid="session-save"]').attributes('disabled')).toBeUndefined()

    await wrapper.get('[data-testid="session-risk-open-file"]').trigger('click')
    await flushPromises()
    expect(backend.updateSession).toHaveBeenCalledWith(DRAFT_ID, expect.objectContaining({ risk: 'thoughts' }))
    expect(router.currentRoute.value.path).toBe(`/students/${student.id}`)
    expect(messageBox()).toBeNull()
    wrapper.unmount()
  })

  it.each(['plan', 'act'] as const)('%s shows the notice too; 已询问，否认 takes it away', async (answer) => {
    const backend = mockBackend()
    const { wrapper } = await mountApp('/sessions/new', backend)

    await wrapper.get(`[data-testid="session-risk-${answer}"] input`).setValue(true)
    expect(shown(wrapper, 'session-risk-alert')).toBe(true)
    await wrapper.get('[data-testid="session-risk-denied"] input').setValue(true)
    expect(shown(wrapper, 'session-risk-alert')).toBe(false)
    wrapper.unmount()
  })
})

describe('draft, sign, addenda', () => {
  function signedView(): ReturnType<typeof sessionView> {
    return sessionView({ status: 'signed', signed_at: '2026-03-02T07:00:00Z', signed_hash: 'cd34', main_problem: '期中考试前很紧张' })
  }

  async function openDraft(backend: MockBackend = mockBackend()) {
    backend.getSession.mockResolvedValueOnce(sessionView()).mockResolvedValue(signedView())
    backend.updateSession.mockImplementation((id, input) => Promise.resolve(note({ id, ...input })))
    backend.signSession.mockResolvedValue(signedView().note)
    return mountApp(`/sessions/${DRAFT_ID}`, backend)
  }

  it('signing asks first, saves the changes, signs, and then the note reads only with addenda offered', async () => {
    const { wrapper, backend } = await openDraft()

    expect(value(wrapper, '[data-testid="session-main-problem"]')).toBe('期中考试前紧张')
    expect(wrapper.get('[data-testid="session-number"]').text()).toBe('第 2 次')
    expect(shown(wrapper, 'session-addendum')).toBe(false)
    await wrapper.get('[data-testid="session-main-problem"]').setValue('期中考试前很紧张')

    await wrapper.get('[data-testid="session-sign"]').trigger('click')
    await settle()
    const box = messageBox()!
    expect(box.text).toContain('签名后这份记录不能再修改，之后只能添加注明日期的补充记录')
    expect(box.text).toContain('尚未保存的内容会先保存，再签名')
    expect(backend.signSession).not.toHaveBeenCalled()

    box.confirm.click()
    await settle()
    expect(backend.updateSession).toHaveBeenCalledWith(DRAFT_ID, expect.objectContaining({ main_problem: '期中考试前很紧张' }))
    expect(backend.signSession).toHaveBeenCalledWith(DRAFT_ID)
    expect(backend.updateSession.mock.invocationCallOrder[0]!).toBeLessThan(backend.signSession.mock.invocationCallOrder[0]!)

    expect(wrapper.get('[data-testid="session-saved"]').text()).toContain('已签名，记录已锁定')
    expect(wrapper.get('[data-testid="session-locked"]').text()).toContain('不能再修改，只能添加补充记录')
    expect(wrapper.get('[data-testid="session-state"]').text()).toBe('已签名')
    for (const id of ['session-form', 'session-save', 'session-sign', 'session-main-problem', 'session-risk-denied']) {
      expect(shown(wrapper, id)).toBe(false)
    }
    expect(wrapper.get('[data-testid="session-main-problem-view"]').text()).toBe('期中考试前很紧张')
    expect(wrapper.get('[data-testid="session-view-risk"]').text()).toBe('已询问，否认')
    expect(wrapper.get('[data-testid="session-addenda-empty"]').text()).toBe('还没有补充记录。')
    expect(shown(wrapper, 'session-addendum')).toBe(true)
    wrapper.unmount()
  })

  it('取消 in the sign box leaves the draft as it was', async () => {
    const { wrapper, backend } = await openDraft()

    await wrapper.get('[data-testid="session-sign"]').trigger('click')
    await settle()
    messageBox()!.cancel.click()
    await settle()
    expect(backend.signSession).not.toHaveBeenCalled()
    expect(backend.updateSession).not.toHaveBeenCalled()
    expect(shown(wrapper, 'session-form')).toBe(true)
    wrapper.unmount()
  })

  it('a new note saved and signed straight away is written once, then signed', async () => {
    const backend = mockBackend()
    backend.createSession.mockResolvedValue(note({ id: 'new-note', student_id: undefined, walk_in_label: '初一男生', session_number: 1 }))
    backend.signSession.mockResolvedValue(note({ id: 'new-note', status: 'signed' }))
    backend.getSession.mockResolvedValue(sessionView({ id: 'new-note', status: 'signed', student_id: undefined }, { student_label: '初一男生' }))
    const { wrapper, router } = await mountApp('/sessions/new', backend)

    await wrapper.get('[data-testid="session-walk-in"]').trigger('click')
    await wrapper.get('[data-testid="session-walk-in-label"]').setValue('初一男生')
    await wrapper.get('[data-testid="session-main-problem"]').setValue('想换座位')
    await wrapper.get('[data-testid="session-save"]').trigger('click')
    await wrapper.get('[data-testid="session-sign"]').trigger('click')
    await settle()
    messageBox()!.confirm.click()
    await settle()

    expect(backend.createSession).toHaveBeenCalledTimes(1)
    expect(backend.updateSession).not.toHaveBeenCalled()
    expect(backend.signSession).toHaveBeenCalledWith('new-note')
    expect(router.currentRoute.value.path).toBe('/sessions/new-note')
    expect(wrapper.get('[data-testid="session-locked"]').text()).toContain('只能添加补充记录')
    expect(shown(wrapper, 'session-save')).toBe(false)
    wrapper.unmount()
  })

  it('the author adds dated addenda, listed oldest first under the note', async () => {
    const backend = mockBackend()
    const earlier = { id: 'ad1', author_id: staff.counselor.id, written_at: '2026-03-03T01:00:00Z', text: '补充：家长电话说睡眠好转' }
    backend.getSession.mockResolvedValue({ ...signedView(), addenda: [earlier] })
    backend.addAddendum.mockResolvedValue({ id: 'ad2', author_id: staff.counselor.id, written_at: '2026-03-04T02:30:00Z', text: '补充：班主任反映上课专注' })
    const { wrapper } = await mountApp(`/sessions/${DRAFT_ID}`, backend)

    const submit = wrapper.get('[data-testid="session-addendum-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="session-addendum"]').setValue('  补充：班主任反映上课专注 ')
    await submit.trigger('click')
    await flushPromises()

    expect(backend.addAddendum).toHaveBeenCalledWith(DRAFT_ID, '补充：班主任反映上课专注')
    const items = wrapper.findAll('[data-testid="session-addendum-item"]')
    expect(items.map((i) => i.text().includes('家长电话'))).toEqual([true, false])
    expect(items[1]!.text()).toContain('补充：班主任反映上课专注')
    expect(items[1]!.text()).toContain('记录人：王老师')
    expect(items[1]!.find('time').text()).toMatch(/^2026年3月4日 \d\d:30$/)
    expect(value(wrapper, '[data-testid="session-addendum"]')).toBe('')
    wrapper.unmount()
  })

  it('a draft older than 48 hours is locked too; someone else reads it without the addendum form', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValue(sessionView({}, { locked: true, is_author: false }))
    const { wrapper } = await mountApp(`/sessions/${DRAFT_ID}`, backend)

    const notice = wrapper.get('[data-testid="session-locked"]').text()
    expect(notice).toContain('已超过 48 小时')
    expect(notice).toContain('只有记录人（王老师）可以添加补充记录')
    expect(wrapper.get('[data-testid="session-state"]').text()).toBe('已锁定')
    expect(shown(wrapper, 'session-form')).toBe(false)
    expect(shown(wrapper, 'session-addendum')).toBe(false)
    wrapper.unmount()
  })

  it('a colleague’s draft reads only', async () => {
    const backend = mockBackend(vaultStatus(staff.counselor))
    backend.getSession.mockResolvedValue(sessionView({ author_id: staff.teacher.id }, { is_author: false, author_name: '李老师' }))
    const { wrapper } = await mountApp(`/sessions/${DRAFT_ID}`, backend)

    expect(wrapper.get('[data-testid="session-not-author"]').text()).toContain('这是李老师的草稿')
    expect(shown(wrapper, 'session-form')).toBe(false)
    wrapper.unmount()
  })

  it('a note whose content no longer matches its signature says so', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValue({ ...signedView(), intact: false })
    const { wrapper } = await mountApp(`/sessions/${DRAFT_ID}`, backend)

    expect(wrapper.get('[data-testid="session-tampered"]').text()).toContain('与签名时不一致')
    wrapper.unmount()
  })
})

describe('leaving with unsaved changes', () => {
  it('asks first: 留下 keeps the page and what was typed, 离开 leaves', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValue(sessionView())
    const { wrapper, router } = await mountApp(`/sessions/${DRAFT_ID}`, backend)

    await wrapper.get('[data-testid="session-plan"]').setValue('改成每周两次放松练习')
    void router.push('/sessions')
    await settle()
    let box = messageBox()
    expect(box?.text).toContain('有未保存的修改')
    box!.cancel.click()
    await settle()
    expect(router.currentRoute.value.path).toBe(`/sessions/${DRAFT_ID}`)
    expect(value(wrapper, '[data-testid="session-plan"]')).toBe('改成每周两次放松练习')

    void router.push('/sessions')
    await settle()
    box = messageBox()
    box!.confirm.click()
    await settle()
    expect(router.currentRoute.value.path).toBe('/sessions')
    wrapper.unmount()
  })

  it('without changes it leaves at once', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValue(sessionView())
    const { wrapper, router } = await mountApp(`/sessions/${DRAFT_ID}`, backend)

    await router.push('/sessions')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/sessions')
    expect(messageBox()).toBeNull()
    wrapper.unmount()
  })
})
