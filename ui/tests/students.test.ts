// 学生: the list from list_students, an empty state that says how to fill it, and 添加学生 for the
// counselor only; 学号 keeps its leading zeros.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type Student } from '@/api'
import { mockBackend, mountApp, staff, vaultStatus, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const rest: Omit<Student, 'id' | 'student_no' | 'name' | 'grade' | 'class_name'> = {
  gender: null,
  date_of_birth: null,
  enrollment_year: null,
  homeroom_teacher: null,
  guardians: [],
  status: 'active',
}

const zhang: Student = { id: 'c1d2e3f4-0001', student_no: '0072301', name: '张𠈌', grade: '七年级', class_name: '3班', ...rest }
const ali: Student = { id: 'c1d2e3f4-0002', student_no: '0072302', name: '阿卜杜拉·买买提', grade: '七年级', class_name: '3班', ...rest }

async function fill(w: VueWrapper, values: Partial<Record<'no' | 'name' | 'grade' | 'class', string>>): Promise<void> {
  for (const [field, value] of Object.entries(values)) {
    await w.get(`[data-testid="student-${field}"]`).setValue(value)
  }
}

describe('students page', () => {
  it('with no students, says how to add them', async () => {
    const { wrapper } = await mountApp('/students')

    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('学生')
    expect(wrapper.get('[data-testid="students-empty"]').text()).toBe(
      '还没有学生。点击「导入花名册」导入学校的学生名单，或点击「添加学生」逐个录入。',
    )
    expect(wrapper.find('[data-testid="students-table"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="students-add"]').text()).toBe('添加学生')
    wrapper.unmount()
  })

  it('lists 学号, 姓名, 年级 and 班级, leading zeros and rare characters intact', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([zhang, ali])
    const { wrapper } = await mountApp('/students', backend)

    const table = wrapper.get('[data-testid="students-table"]')
    expect(table.findAll('th').map((th) => th.text())).toEqual(['学号', '姓名', '年级', '班级'])
    expect(wrapper.findAll('[data-testid="student-row"]').map((r) => r.text())).toEqual(['0072301', '0072302'])
    const rows = table.findAll('tbody tr.student-row')
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['0072301', '张𠈌', '七年级', '3班'],
      ['0072302', '阿卜杜拉·买买提', '七年级', '3班'],
    ])
    expect(wrapper.text()).toContain('共 2 名学生')
    wrapper.unmount()
  })

  it('添加学生 saves the student and the list shows it', async () => {
    const backend = mockBackend()
    const added: Student = { id: 'c1d2e3f4-0003', student_no: '007', name: '李四', grade: '八年级', class_name: '1班', ...rest }
    backend.addStudent.mockResolvedValue(added)
    const { wrapper } = await mountApp('/students', backend)

    await wrapper.get('[data-testid="students-add"]').trigger('click')
    await flushPromises()
    await fill(wrapper, { no: ' 007 ', name: '李四', grade: '八年级', class: '1班' })
    backend.listStudents.mockResolvedValue([added])
    await wrapper.get('[data-testid="student-submit"]').trigger('click')
    await flushPromises()

    expect(backend.addStudent).toHaveBeenCalledWith({ student_no: '007', name: '李四', grade: '八年级', class_name: '1班' })
    expect(backend.listStudents).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="students-empty"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="student-row"]').text()).toBe('007')
    expect(wrapper.get('[data-testid="students-added"]').text()).toBe('已添加学生：李四')
    wrapper.unmount()
  })

  it('every field is required: says which one is missing and does not call the backend', async () => {
    const { wrapper, backend } = await mountApp('/students')

    await wrapper.get('[data-testid="students-add"]').trigger('click')
    await fill(wrapper, { no: '2023001', grade: '七年级', class: '3班' })
    await wrapper.get('[data-testid="student-submit"]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="student-missing"]').text()).toBe('请填写姓名')
    expect(backend.addStudent).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('a duplicate 学号 is explained with the backend’s words', async () => {
    const backend = mockBackend()
    backend.addStudent.mockRejectedValue(rejection('duplicate', { existing: { code: 'student_no' } }))
    const { wrapper } = await mountApp('/students', backend)

    await wrapper.get('[data-testid="students-add"]').trigger('click')
    await fill(wrapper, { no: '2023001', name: '王五', grade: '七年级', class: '3班' })
    await wrapper.get('[data-testid="student-submit"]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="student-error"]').text()).toBe('该学号已存在，请检查是否已经录入。')
    wrapper.unmount()
  })

  it.each([staff.principal, staff.teacher])('$name ($role) sees the list but no 添加学生 or 导入花名册', async (user) => {
    const { wrapper } = await mountApp('/students', mockBackend(vaultStatus(user)))

    expect(wrapper.find('[data-testid="students-add"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="students-import"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="students-empty"]').text()).toBe(
      '还没有学生。请等待专职心理教师导入花名册或录入学生。',
    )
    wrapper.unmount()
  })

  it('a role without the roster key is told so in Chinese', async () => {
    const backend = mockBackend(vaultStatus(staff.admin))
    backend.listStudents.mockRejectedValue(rejection('forbidden', { role: 'admin', deed: 'view_roster' }))
    const { wrapper } = await mountApp('/students', backend)

    expect(wrapper.get('[data-testid="students-error"]').text()).toBe(
      '您的角色（信息管理员）无权查看学生名单。如确需此操作，请联系专职心理教师或信息管理员。',
    )
    expect(wrapper.find('[data-testid="students-empty"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
