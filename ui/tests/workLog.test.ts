// 工作日志 (/sessions/work-log): the four forms send what was typed, the list shows the entries
// of the period with their kind, and the period can be changed.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type WorkLogEntry, type WorkLogRecord } from '@/api'
import { schoolYear } from '@/features/notes/periods'
import { today } from '@/shared/dates'
import { mockBackend, mountApp, staff, vaultStatus, type MockBackend, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const path = '/sessions/work-log'

function record(id: string, entry: WorkLogEntry, by = staff.counselor.id): WorkLogRecord {
  return { id, by, entry }
}

const group = record('w1', {
  kind: 'group_session',
  date: '2026-03-05',
  topic: '考前减压',
  grade: '九年级',
  class_name: '',
  facilitator: '李老师',
  participants: 45,
  notes: '做了呼吸放松练习',
})
const hotline = record('w2', {
  kind: 'hotline_referral',
  date: '2026-03-04',
  caller: 'parent',
  topic: '孩子不愿上学',
  concern: 'elevated',
  number_given: '12356',
  guardian_informed: true,
  follow_up: '约定周五面谈',
})
const training = record(
  'w3',
  { kind: 'training', date: '2026-03-03', title: '学生心理危机识别与干预', hours: 6, organizer: '区教师发展中心', online: true, attendees: 12 },
  staff.teacher.id,
)
const activity = record('w4', {
  kind: 'activity',
  date: '2026-03-02',
  activity_type: '主题班会',
  title: '认识情绪',
  audience: '七年级全体学生',
  participants: 320,
})

async function open(backend: MockBackend = mockBackend()) {
  backend.addWorkLog.mockImplementation((entry) => Promise.resolve(record('new', entry)))
  return mountApp(path, backend)
}

async function number(w: VueWrapper, id: string, value: string): Promise<void> {
  const input = w.get(`[data-testid="${id}"] input`)
  await input.setValue(value)
  await input.trigger('change')
}

describe('工作日志 list', () => {
  it('reads the current school year and shows each entry with its kind, newest first', async () => {
    const backend = mockBackend()
    backend.listWorkLog.mockResolvedValue([group, hotline, training, activity])
    const { wrapper } = await open(backend)

    const year = schoolYear(today())
    expect(backend.listWorkLog).toHaveBeenCalledWith(year.from, year.to)
    expect((wrapper.get('[data-testid="worklog-from"] input').element as HTMLInputElement).value).toBe(year.from)
    expect(wrapper.get('[data-testid="sessions-tab-work-log"]').attributes('aria-current')).toBe('page')

    const rows = wrapper.findAll('[data-testid="worklog-row"]')
    expect(rows.map((r) => r.get('[data-testid="worklog-kind"]').text())).toEqual(['团体辅导', '热线转介', '培训', '活动'])
    expect(rows[0]!.text()).toContain('2026年3月5日')
    expect(rows[0]!.text()).toContain('考前减压')
    expect(rows[0]!.text()).toContain('九年级 · 带领：李老师 · 45 人参加')
    expect(rows[0]!.text()).toContain('做了呼吸放松练习')
    expect(rows[1]!.text()).toContain('家长来电 · 关注程度：较高 · 提供热线 12356 · 已告知监护人')
    expect(rows[2]!.text()).toContain('6 学时 · 区教师发展中心 · 线上 · 12 人参加')
    expect(rows[2]!.text()).toContain('登记人：李老师')
    expect(rows[3]!.text()).toContain('主题班会 · 七年级全体学生 · 320 人参加')
    wrapper.unmount()
  })

  it('another period is read when its days change; a backwards period is refused on screen', async () => {
    const backend = mockBackend()
    const { wrapper } = await open(backend)
    expect(wrapper.get('[data-testid="worklog-empty"]').text()).toContain('这段时间还没有登记')

    const from = wrapper.get('[data-testid="worklog-from"] input')
    await from.setValue('2025-02-01')
    await from.trigger('keydown', { key: 'Enter', code: 'Enter' })
    await flushPromises()
    expect(backend.listWorkLog).toHaveBeenLastCalledWith('2025-02-01', schoolYear(today()).to)

    const to = wrapper.get('[data-testid="worklog-to"] input')
    await to.setValue('2025-01-01')
    await to.trigger('keydown', { key: 'Enter', code: 'Enter' })
    await flushPromises()
    expect(wrapper.get('[data-testid="worklog-bad-period"]').text()).toContain('开始日期晚于结束日期')
    expect(backend.listWorkLog).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })
})

describe('工作日志 forms', () => {
  it('团体辅导 is offered first; it needs a topic and the number of participants, then logs and lists it', async () => {
    const backend = mockBackend()
    backend.listWorkLog.mockResolvedValueOnce([]).mockResolvedValue([group])
    const { wrapper } = await open(backend)

    expect(wrapper.find('[data-testid="group-form"]').exists()).toBe(true)
    expect((wrapper.get('[data-testid="group-date"] input').element as HTMLInputElement).value).toBe(today())
    expect((wrapper.get('[data-testid="group-facilitator"]').element as HTMLInputElement).value).toBe('王老师')
    const submit = wrapper.get('[data-testid="group-submit"]')
    expect(wrapper.get('[data-testid="group-missing"]').text()).toBe('请填写主题')
    expect(submit.attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="group-topic"]').setValue('考前减压')
    expect(wrapper.get('[data-testid="group-missing"]').text()).toBe('请填写参加人数')
    await wrapper.get('[data-testid="group-grade"]').setValue('九年级')
    await wrapper.get('[data-testid="group-class"]').setValue('3班')
    await wrapper.get('[data-testid="group-facilitator"]').setValue('李老师')
    await number(wrapper, 'group-participants', '45')
    await wrapper.get('[data-testid="group-notes"]').setValue('做了呼吸放松练习')
    expect(submit.attributes('disabled')).toBeUndefined()

    await submit.trigger('click')
    await flushPromises()
    expect(backend.addWorkLog).toHaveBeenCalledWith({
      kind: 'group_session',
      date: today(),
      topic: '考前减压',
      grade: '九年级',
      class_name: '3班',
      facilitator: '李老师',
      participants: 45,
      notes: '做了呼吸放松练习',
    })
    expect(wrapper.get('[data-testid="worklog-added"]').text()).toBe('已登记：团体辅导「考前减压」')
    expect(wrapper.get('[data-testid="worklog-row"]').text()).toContain('考前减压')
    expect((wrapper.get('[data-testid="group-topic"]').element as HTMLInputElement).value).toBe('')
    wrapper.unmount()
  })

  it('热线转介 sends the caller, concern, the number chosen or typed, and whether the guardian was told', async () => {
    const backend = mockBackend()
    const { wrapper } = await open(backend)

    await wrapper.get('[data-testid="worklog-tab-hotline"] input').setValue(true)
    await wrapper.get('[data-testid="hotline-caller-parent"] input').setValue(true)
    await wrapper.get('[data-testid="hotline-topic"]').setValue('孩子不愿上学')
    await wrapper.get('[data-testid="hotline-concern-urgent"] input').setValue(true)
    expect(wrapper.get('[data-testid="hotline-urgent-hint"]').text()).toContain('危机干预流程')
    await wrapper.get('[data-testid="hotline-number-other"] input').setValue(true)
    expect(wrapper.get('[data-testid="hotline-missing"]').text()).toBe('请填写其他热线号码')
    await wrapper.get('[data-testid="hotline-number-text"]').setValue('962525')
    await wrapper.get('[data-testid="hotline-guardian-informed"] input').setValue(true)
    await wrapper.get('[data-testid="hotline-follow-up"]').setValue('约定周五面谈')
    await wrapper.get('[data-testid="hotline-submit"]').trigger('click')
    await flushPromises()

    expect(backend.addWorkLog).toHaveBeenCalledWith({
      kind: 'hotline_referral',
      date: today(),
      caller: 'parent',
      topic: '孩子不愿上学',
      concern: 'urgent',
      number_given: '962525',
      guardian_informed: true,
      follow_up: '约定周五面谈',
    })
    expect(wrapper.get('[data-testid="worklog-added"]').text()).toBe('已登记：热线转介「孩子不愿上学」')
    wrapper.unmount()
  })

  it('培训 needs hours; it sends title, hours, organizer, online and attendees', async () => {
    const backend = mockBackend()
    const { wrapper } = await open(backend)

    await wrapper.get('[data-testid="worklog-tab-training"] input').setValue(true)
    await wrapper.get('[data-testid="training-title"]').setValue('学生心理危机识别与干预')
    expect(wrapper.get('[data-testid="training-missing"]').text()).toBe('学时应大于 0、不超过 200')
    await number(wrapper, 'training-hours', '6')
    await wrapper.get('[data-testid="training-organizer"]').setValue('区教师发展中心')
    await wrapper.get('[data-testid="training-online"] input').setValue(true)
    await number(wrapper, 'training-attendees', '12')
    await wrapper.get('[data-testid="training-submit"]').trigger('click')
    await flushPromises()

    expect(backend.addWorkLog).toHaveBeenCalledWith({
      kind: 'training',
      date: today(),
      title: '学生心理危机识别与干预',
      hours: 6,
      organizer: '区教师发展中心',
      online: true,
      attendees: 12,
    })
    wrapper.unmount()
  })

  it('活动 takes a type picked from the suggestions or typed, and a refusal is shown', async () => {
    const backend = mockBackend()
    backend.addWorkLog.mockRejectedValue(rejection('invalid', { field: 'activity_name', problem: { code: 'required' } }))
    const { wrapper } = await mountApp(path, backend)

    await wrapper.get('[data-testid="worklog-tab-activity"] input').setValue(true)
    expect(wrapper.get('[data-testid="activity-type-0"]').text()).toBe('心理健康月')
    await wrapper.get('[data-testid="activity-type-2"]').trigger('click')
    expect((wrapper.get('[data-testid="activity-type"]').element as HTMLInputElement).value).toBe('主题班会')
    await wrapper.get('[data-testid="activity-title"]').setValue('认识情绪')
    await wrapper.get('[data-testid="activity-audience"]').setValue('七年级全体学生')
    await number(wrapper, 'activity-participants', '320')
    await wrapper.get('[data-testid="activity-submit"]').trigger('click')
    await flushPromises()

    expect(backend.addWorkLog).toHaveBeenCalledWith({
      kind: 'activity',
      date: today(),
      activity_type: '主题班会',
      title: '认识情绪',
      audience: '七年级全体学生',
      participants: 320,
    })
    expect(wrapper.get('[data-testid="activity-error"]').text()).toContain('活动名称：不能为空')
    expect((wrapper.get('[data-testid="activity-title"]').element as HTMLInputElement).value).toBe('认识情绪')
    wrapper.unmount()
  })

  it('a teacher logs work too; a principal cannot open the page', async () => {
    const teacher = mockBackend(vaultStatus(staff.teacher))
    const { wrapper } = await mountApp(path, teacher)
    expect(wrapper.find('[data-testid="group-form"]').exists()).toBe(true)
    wrapper.unmount()
    document.body.innerHTML = ''

    const principal = mockBackend(vaultStatus(staff.principal))
    const other = await mountApp(path, principal)
    expect(other.router.currentRoute.value.path).not.toBe(path)
    expect(other.wrapper.find('[data-testid="group-form"]').exists()).toBe(false)
    expect(principal.listWorkLog).not.toHaveBeenCalled()
    other.wrapper.unmount()
  })
})
