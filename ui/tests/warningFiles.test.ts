// 预警档案 list: open files by default, most urgent first; filters by level, status, category,
// grade, class, owner and overdue only, kept while the app is open; a row opens its file.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { addDays, daysBetween, today } from '@/shared/dates'
import { resetFileFilters } from '@/features/casework/fileFilters'
import { listItem, student } from './casework'
import { mockBackend, mountApp, staff, vaultStatus, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  resetFileFilters()
  document.body.innerHTML = ''
})

const late = listItem({ id: 'file-late', level: 1, next_due: '2026-02-27' }, { student_name: '李明', student_no: '0082301', grade: '八年级', class_name: '2班', overdue: true })
const calm = listItem({ id: 'file-calm', level: 3, next_due: addDays(today(), 10) }, { student_name: '赵强', categories: ['人际关系'] })

function select(w: VueWrapper, testid: string) {
  const found = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testid)
  if (!found) throw new Error(`no select ${testid}`)
  return found
}

async function choose(w: VueWrapper, testid: string, value: unknown): Promise<void> {
  select(w, testid).vm.$emit('update:modelValue', value)
  await flushPromises()
}

describe('warning-file list', () => {
  it('lists open files with level, name, 学号, class, categories, status, next due and owner', async () => {
    const backend = mockBackend()
    backend.listWarningFiles.mockResolvedValue([late, calm])
    const { wrapper } = await mountApp('/warning-files', backend)

    expect(backend.listWarningFiles).toHaveBeenCalledWith({ include_closed: false, overdue_only: false })
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('预警档案')
    expect(wrapper.get('[data-testid="files-count"]').text()).toBe('共 2 份档案')
    const rows = wrapper.findAll('tbody tr.file-table-row')
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['一级', '李明', '0082301', '八年级2班', '学业压力、情绪困扰', '关注中', `2026年2月27日（已逾期 ${daysBetween('2026-02-27', today())} 天）`, '王老师'],
      ['三级', '赵强', student.student_no, '七年级3班', '人际关系', '关注中', expect.not.stringContaining('逾期') as unknown as string, '王老师'],
    ])
    expect(rows[0]!.find('.is-overdue').exists()).toBe(true)
    expect(rows[1]!.find('.is-overdue').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="file-row"]').map((r) => r.text())).toEqual(['李明', '赵强'])
    expect(wrapper.get('[data-testid="files-filter-status"]').text()).toContain('未解除')
    wrapper.unmount()
  })

  it('a row opens its file', async () => {
    const backend = mockBackend()
    backend.listWarningFiles.mockResolvedValue([late])
    backend.getWarningFile.mockRejectedValue(rejection('not_found', { kind: 'warning_file' }))
    const { wrapper, router } = await mountApp('/warning-files', backend)

    await wrapper.get('tbody tr.file-table-row td:nth-child(3)').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/warning-files/file-late')
    wrapper.unmount()
  })

  it('each filter narrows the request; 仅看逾期 asks for overdue files only', async () => {
    const backend = mockBackend()
    backend.listStudents.mockResolvedValue([student, { ...student, id: 's2', grade: '八年级', class_name: '2班' }])
    const { wrapper } = await mountApp('/warning-files', backend)

    await wrapper.get('[data-testid="files-overdue-only"] input').setValue(true)
    await flushPromises()
    expect(backend.listWarningFiles).toHaveBeenLastCalledWith({ include_closed: false, overdue_only: true })

    await choose(wrapper, 'files-filter-level', 2)
    await choose(wrapper, 'files-filter-category', '学业压力')
    await choose(wrapper, 'files-filter-grade', '八年级')
    await choose(wrapper, 'files-filter-class', '2班')
    await choose(wrapper, 'files-filter-owner', staff.teacher.id)
    await choose(wrapper, 'files-filter-status', 'referred')
    expect(backend.listWarningFiles).toHaveBeenLastCalledWith({
      include_closed: false,
      overdue_only: true,
      level: 2,
      status: 'referred',
      category: '学业压力',
      grade: '八年级',
      class_name: '2班',
      owner_id: staff.teacher.id,
    })

    await choose(wrapper, 'files-filter-status', 'all')
    expect(backend.listWarningFiles).toHaveBeenLastCalledWith(expect.objectContaining({ include_closed: true }))
    expect(backend.listWarningFiles.mock.lastCall![0].status).toBeUndefined()
    wrapper.unmount()
  })

  it('says how to fill an empty list, and when filters hide everything offers to clear them', async () => {
    const { wrapper, backend } = await mountApp('/warning-files')
    expect(wrapper.get('[data-testid="files-empty"]').text()).toContain('在学生页面点击「建立预警档案」')

    await wrapper.get('[data-testid="files-overdue-only"] input').setValue(true)
    await flushPromises()
    expect(wrapper.get('[data-testid="files-empty"]').text()).toContain('没有符合筛选条件的档案')
    await wrapper.get('[data-testid="files-clear-filters"]').trigger('click')
    await flushPromises()
    expect(backend.listWarningFiles).toHaveBeenLastCalledWith({ include_closed: false, overdue_only: false })
    wrapper.unmount()
  })

  it('keeps its filters when the user comes back', async () => {
    const { wrapper, router, backend } = await mountApp('/warning-files')
    await wrapper.get('[data-testid="files-overdue-only"] input').setValue(true)
    await flushPromises()

    await router.push('/students')
    await flushPromises()
    await router.push('/warning-files')
    await flushPromises()
    expect(backend.listWarningFiles).toHaveBeenLastCalledWith({ include_closed: false, overdue_only: true })
    expect((wrapper.get('[data-testid="files-overdue-only"] input').element as HTMLInputElement).checked).toBe(true)
    wrapper.unmount()
  })

  it('a level from the dashboard (?level=1) is chosen on arrival', async () => {
    const { wrapper, backend } = await mountApp('/warning-files?level=1')
    expect(backend.listWarningFiles).toHaveBeenCalledWith({ include_closed: false, overdue_only: false, level: 1 })
    expect(wrapper.get('[data-testid="files-filter-level"]').text()).toContain('一级')
    wrapper.unmount()
  })

  it('the principal sees the list; the admin, who holds no casework key, is kept off it', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    backend.listWarningFiles.mockResolvedValue([late])
    const { wrapper } = await mountApp('/warning-files', backend)
    expect(wrapper.findAll('[data-testid="file-row"]')).toHaveLength(1)
    wrapper.unmount()

    const admin = await mountApp('/warning-files', mockBackend(vaultStatus(staff.admin)))
    expect(admin.router.currentRoute.value.path).not.toBe('/warning-files')
    expect(admin.backend.listWarningFiles).not.toHaveBeenCalled()
    admin.wrapper.unmount()
  })
})
