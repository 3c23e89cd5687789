// 学生 search: typing asks search_students and the table shows its hits in that order; clearing
// the box brings the whole list back; no hits says so; Ctrl+K from anywhere focuses the box.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type Student } from '@/api'
import { letTimePass, mockBackend, mountApp } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

function student(n: number, name: string, className = '3班'): Student {
  return {
    id: `c1d2e3f4-000${n}`,
    student_no: `007230${n}`,
    name,
    grade: '七年级',
    class_name: className,
    gender: null,
    date_of_birth: null,
    enrollment_year: null,
    homeroom_teacher: null,
    guardians: [],
    status: 'active',
  }
}

const zhangSan = student(1, '张三')
const liSi = student(2, '李四')
const zhouSu = student(3, '周素', '4班')

/** Type into the search box and wait out the debounce and the answer. */
async function type(w: VueWrapper, text: string): Promise<void> {
  await letTimePass(200, () => w.get('input[data-testid="students-search"]').setValue(text))
}

function names(w: VueWrapper): string[] {
  return w.findAll('tbody tr.student-row').map((r) => r.findAll('td').at(1)?.text() ?? '')
}

describe('student search', () => {
  it('asks search_students with what was typed and shows the hits best first', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([zhangSan, liSi, zhouSu])
    backend.searchStudents.mockResolvedValue([zhouSu, zhangSan])
    const { wrapper } = await mountApp('/students', backend)

    const box = wrapper.get('input[data-testid="students-search"]')
    expect(box.attributes('placeholder')).toBe('按姓名、学号、班级或拼音首字母查找，如 zs')
    expect(names(wrapper)).toEqual(['张三', '李四', '周素'])

    await type(wrapper, 'zs')

    expect(backend.searchStudents).toHaveBeenCalledTimes(1)
    expect(backend.searchStudents).toHaveBeenCalledWith('zs', 50)
    expect(names(wrapper)).toEqual(['周素', '张三'])
    expect(wrapper.get('[data-testid="students-count"]').text()).toBe('找到 2 名 · 共 3 名学生')
    wrapper.unmount()
  })

  it('an empty query shows the whole list again', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([zhangSan, liSi, zhouSu])
    backend.searchStudents.mockResolvedValue([liSi])
    const { wrapper } = await mountApp('/students', backend)

    await type(wrapper, '李')
    expect(names(wrapper)).toEqual(['李四'])

    await type(wrapper, '')
    expect(names(wrapper)).toEqual(['张三', '李四', '周素'])
    expect(wrapper.get('[data-testid="students-count"]').text()).toBe('共 3 名学生')
    expect(backend.searchStudents).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  it('no hits: says nothing matched instead of showing a table', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([zhangSan, liSi])
    backend.searchStudents.mockResolvedValue([])
    const { wrapper } = await mountApp('/students', backend)

    await type(wrapper, 'xyz')

    expect(wrapper.get('[data-testid="students-no-match"]').text()).toBe('没有找到匹配的学生')
    expect(wrapper.find('[data-testid="students-table"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('Ctrl+K on another page opens 学生 with the cursor in the search box', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([zhangSan])
    const { wrapper, router } = await mountApp('/settings', backend)
    expect(router.currentRoute.value.path).toBe('/settings')

    const event = new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', ctrlKey: true, bubbles: true, cancelable: true })
    document.body.dispatchEvent(event)
    await flushPromises()

    expect(event.defaultPrevented).toBe(true)
    expect(router.currentRoute.value.path).toBe('/students')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('学生')
    expect(document.activeElement).toBe(wrapper.get('input[data-testid="students-search"]').element)
    wrapper.unmount()
  })
})
