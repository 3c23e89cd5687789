// 学年升级 on the student list (preview first, then confirm) and a student's 学籍状态 on their
// page: what the counselor sees, and that other roles see neither control.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type RolloverSummary } from '@/api'
import { student, studentPage } from './casework'
import { mockBackend, mountApp, staff, vaultStatus, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

function summary(overrides: Partial<RolloverSummary> = {}): RolloverSummary {
  return { promoted: 412, graduated: 138, unrecognised: 2, graduating_grade: '九年级', committed: false, ...overrides }
}

describe('学年升级', () => {
  it('previews without writing, then writes on 确认升级, shows the result and reads the list again', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([student])
    backend.rollOverSchoolYear.mockImplementation((dryRun) => Promise.resolve(summary({ committed: !dryRun })))
    const { wrapper } = await mountApp('/students', backend)
    expect(backend.listStudents).toHaveBeenCalledTimes(1)

    const button = wrapper.get('[data-testid="students-rollover"]')
    expect(button.text()).toBe('学年升级')
    await button.trigger('click')
    await flushPromises()

    expect(backend.rollOverSchoolYear).toHaveBeenCalledTimes(1)
    expect(backend.rollOverSchoolYear).toHaveBeenCalledWith(true)
    const preview = wrapper.get('[data-testid="rollover-preview"]').text()
    expect(preview).toContain('预览（尚未写入）')
    expect(preview).toContain('412 名学生升一个年级')
    expect(preview).toContain('九年级的 138 名学生毕业')
    expect(preview).toContain('2 名学生的年级无法识别')
    expect(wrapper.find('[data-testid="rollover-result"]').exists()).toBe(false)

    await wrapper.get('[data-testid="rollover-confirm"]').trigger('click')
    await flushPromises()

    expect(backend.rollOverSchoolYear).toHaveBeenCalledTimes(2)
    expect(backend.rollOverSchoolYear).toHaveBeenLastCalledWith(false)
    const result = wrapper.get('[data-testid="rollover-result"]').text()
    expect(result).toContain('学年升级已完成')
    expect(result).toContain('412 名学生已升一个年级')
    expect(result).toContain('九年级的 138 名学生已改为毕业')
    expect(wrapper.find('[data-testid="rollover-preview"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="rollover-confirm"]').exists()).toBe(false)
    expect(backend.listStudents).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })

  it('with nobody to move up, says so and offers no confirm', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([student])
    backend.rollOverSchoolYear.mockResolvedValue(summary({ promoted: 0, graduated: 0, unrecognised: 0, graduating_grade: null }))
    const { wrapper } = await mountApp('/students', backend)

    await wrapper.get('[data-testid="students-rollover"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="rollover-preview"]').text()).toContain('没有可以升级的在读学生')
    expect(wrapper.get('[data-testid="rollover-confirm"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('a refusal is shown in the dialog and nothing is written', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([student])
    backend.rollOverSchoolYear.mockRejectedValueOnce({ code: 'storage', message: 'disk full' })
    const { wrapper } = await mountApp('/students', backend)

    await wrapper.get('[data-testid="students-rollover"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="rollover-error"]').text()).toContain('数据库读写失败')
    expect(wrapper.get('[data-testid="rollover-confirm"]').attributes('disabled')).toBeDefined()
    expect(backend.rollOverSchoolYear).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  it.each(['teacher', 'principal'] as const)('a %s sees no 学年升级 button', async (role) => {
    const backend = mockBackend(vaultStatus(staff[role]))
    backend.listStudents.mockResolvedValue([student])
    const { wrapper } = await mountApp('/students', backend)

    expect(wrapper.find('[data-testid="student-row"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="students-rollover"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('学籍状态', () => {
  const path = `/students/${student.id}`

  it('the counselor changes it on the student page; the profile follows', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    backend.setStudentStatus.mockResolvedValue({ ...student, status: 'on_leave' })
    const { wrapper } = await mountApp(path, backend)

    const control = wrapper.get('[data-testid="student-status-change"]')
    expect(['active', 'on_leave', 'transferred_out', 'graduated'].map((s) => control.get(`[data-testid="student-status-${s}"]`).text())).toEqual([
      '在读',
      '休学',
      '转出',
      '毕业',
    ])
    expect((wrapper.get('[data-testid="student-status-active"] input').element as HTMLInputElement).checked).toBe(true)

    await wrapper.get('[data-testid="student-status-on_leave"] input').setValue(true)
    await flushPromises()

    expect(backend.setStudentStatus).toHaveBeenCalledWith(student.id, 'on_leave')
    expect(wrapper.get('[data-testid="student-status-saved"]').text()).toBe('学籍状态已改为：休学')
    expect((wrapper.get('[data-testid="student-status-on_leave"] input').element as HTMLInputElement).checked).toBe(true)
    wrapper.unmount()
  })

  it('a refusal keeps the old status and says why', async () => {
    const backend = mockBackend()
    backend.getStudentPage.mockResolvedValue(studentPage())
    backend.setStudentStatus.mockRejectedValue(rejection('forbidden', { role: 'principal', deed: 'change_enrolment' }))
    const { wrapper } = await mountApp(path, backend)

    await wrapper.get('[data-testid="student-status-graduated"] input').setValue(true)
    await flushPromises()

    expect(wrapper.get('[data-testid="student-status-error"]').text()).toContain('您的角色（校长）无权修改学籍状态')
    expect((wrapper.get('[data-testid="student-status-active"] input').element as HTMLInputElement).checked).toBe(true)
    wrapper.unmount()
  })

  it('a teacher reads the status as text, with no control', async () => {
    const backend = mockBackend(vaultStatus(staff.teacher))
    backend.getStudentPage.mockResolvedValue(studentPage())
    const { wrapper } = await mountApp(path, backend)

    expect(wrapper.get('[data-testid="student-profile-status"]').text()).toBe('在读')
    expect(wrapper.find('[data-testid="student-status-change"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
