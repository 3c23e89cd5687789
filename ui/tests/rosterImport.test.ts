// 导入花名册: choosing a file sends its name and bytes to preview_roster; the column selects start
// from the backend's guesses; 检查 and 导入 send the mapping as the counselor left it and show the
// summary; an import with problems lists every one and says nothing was imported; closing after
// a committed import reads the list again. Counselors only.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type ImportSummary, type RosterPreview, type Student } from '@/api'
import { mockBackend, mountApp, rejection, staff, vaultStatus, type MockBackend } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

const csv = '序号,学号,姓名,班级,备注\n1,0072301,张三,3班,\n2,0072302,李四,3班,转入\n'
const bytes = Array.from(new TextEncoder().encode(csv))

const preview: RosterPreview = {
  format: 'csv',
  sheet: null,
  other_roster_sheets: [],
  header_row: 1,
  columns: [
    { index: 0, header: '序号', field: null },
    { index: 1, header: '学号', field: 'student_no' },
    { index: 2, header: '姓名', field: 'name' },
    { index: 3, header: '班级', field: 'class_name' },
    { index: 4, header: '备注', field: null },
  ],
  rows: [
    { row: 2, values: ['1', '0072301', '张三', '3班', ''] },
    { row: 3, values: ['2', '0072302', '李四', '3班', '转入'] },
  ],
  encoding: 'UTF-8',
}

const ok: ImportSummary = { added: 2, updated: 0, unchanged: 0, errors: [], committed: true }

function body(): HTMLElement {
  return document.body
}

/** The element with `testid` anywhere in the page (the dialog is teleported to <body>). */
function byTestid(testid: string): HTMLElement {
  const el = body().querySelector<HTMLElement>(`[data-testid="${testid}"]`)
  if (!el) throw new Error(`no [data-testid="${testid}"]`)
  return el
}

function text(testid: string): string {
  return byTestid(testid).textContent?.replace(/\s+/g, ' ').trim() ?? ''
}

async function click(testid: string): Promise<void> {
  byTestid(testid).click()
  await flushPromises()
}

/** Open the dialog and choose the roster file, as a counselor would. */
async function openAndChoose(w: VueWrapper): Promise<void> {
  await w.get('[data-testid="students-import"]').trigger('click')
  await flushPromises()
  const input = byTestid('import-file') as HTMLInputElement
  const file = new File([csv], '七年级花名册.csv', { type: 'text/csv' })
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flushPromises()
}

async function counselorWithPreview(): Promise<{ wrapper: VueWrapper; backend: MockBackend }> {
  const backend = mockBackend()
  backend.previewRoster.mockResolvedValue(preview)
  const { wrapper } = await mountApp('/students', backend)
  await openAndChoose(wrapper)
  return { wrapper, backend }
}

/** Open the select `testid` and click its option `label`, as a person would. */
async function pickOption(testid: string, label: string): Promise<void> {
  const select = byTestid(testid)
  ;(select.querySelector('.el-select__wrapper') as HTMLElement).click()
  await flushPromises()
  const listbox = document.getElementById(select.querySelector('input')?.getAttribute('aria-controls') ?? '')
  const option = [...(listbox?.querySelectorAll<HTMLElement>('.el-select-dropdown__item') ?? [])].find(
    (li) => li.textContent?.trim() === label,
  )
  if (!option) throw new Error(`no option ${label} in ${testid}`)
  option.click()
  await flushPromises()
}

/** What each mapping select shows, in column order. */
function mappingShown(): string[] {
  return preview.columns.map((c) => text(`import-map-${c.index}`))
}

describe('roster import', () => {
  it('choosing a file previews it: header row, encoding, rows, prefilled column selects', async () => {
    const { wrapper, backend } = await counselorWithPreview()

    expect(backend.previewRoster).toHaveBeenCalledWith({ file_name: '七年级花名册.csv', bytes })
    expect(text('import-preview-info')).toBe('表头在第 1 行 · 编码 UTF-8 · 共 2 行')
    expect(
      [...body().querySelectorAll('[data-testid="import-header"]')].map((h) => h.textContent?.trim()),
    ).toEqual(['序号', '学号', '姓名', '班级', '备注'])
    expect(mappingShown()).toEqual(['不导入', '学号', '姓名', '班级', '不导入'])
    const cells = [...byTestid('import-preview-table').querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    )
    expect(cells).toContainEqual(['3', '2', '0072302', '李四', '3班', '转入'])
    expect(backend.importRoster).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('导入 sends the mapping as changed by the counselor and shows what was imported', async () => {
    const { wrapper, backend } = await counselorWithPreview()
    backend.importRoster.mockResolvedValue({ ...ok, added: 1, unchanged: 1 })

    // 备注 → 学籍状态, chosen in its select.
    await pickOption('import-map-4', '学籍状态')
    expect(text('import-map-4')).toBe('学籍状态')

    backend.listStudents.mockResolvedValue([])
    await click('import-commit')

    expect(backend.importRoster).toHaveBeenCalledWith({
      file_name: '七年级花名册.csv',
      bytes,
      mapping: [
        { index: 1, field: 'student_no' },
        { index: 2, field: 'name' },
        { index: 3, field: 'class_name' },
        { index: 4, field: 'status' },
      ],
      dry_run: false,
    })
    expect(text('import-counts')).toBe('新增 1 名 · 更新 0 名 · 无变化 1 名')
    expect(text('import-done')).toBe('已导入。')
    expect(body().querySelector('[data-testid="import-errors"]')).toBeNull()
    wrapper.unmount()
  })

  it('检查 is a dry run: shows the counts and says nothing is imported yet', async () => {
    const { wrapper, backend } = await counselorWithPreview()
    backend.importRoster.mockResolvedValue({ ...ok, committed: false })

    await click('import-check')

    expect(backend.importRoster).toHaveBeenCalledWith(expect.objectContaining({ dry_run: true }))
    expect(text('import-counts')).toBe('新增 2 名 · 更新 0 名 · 无变化 0 名')
    expect(text('import-checked')).toBe('检查通过，尚未导入。确认无误后点击「导入」。')
    expect(body().querySelector('[data-testid="import-done"]')).toBeNull()
    wrapper.unmount()
  })

  it('an import with problems lists every one and says no student was imported', async () => {
    const { wrapper, backend } = await counselorWithPreview()
    backend.importRoster.mockResolvedValue({
      added: 1,
      updated: 0,
      unchanged: 0,
      committed: false,
      errors: [
        { row: 3, column: '学号', problem: { code: 'same_number_as', params: { first: 2 } } },
        { row: 4, column: '姓名', problem: { code: 'missing', params: { field: 'name' } } },
      ],
    })

    await click('import-commit')

    expect(text('import-summary')).toContain('新增 1 名 · 更新 0 名 · 无变化 0 名')
    expect([...body().querySelectorAll('[data-testid="import-error"]')].map((li) => li.textContent?.trim())).toEqual([
      '第 3 行「学号」：与第 2 行学号重复，请核对后只保留一行',
      '第 4 行「姓名」：缺少姓名，这一项必须填写',
    ])
    expect(text('import-not-imported')).toBe('有 2 处问题，未导入任何学生。请在表格中改正后重新选择文件。')
    expect(body().querySelector('[data-testid="import-done"]')).toBeNull()
    wrapper.unmount()
  })

  it('a file that cannot be read is explained from the error’s code', async () => {
    const backend = mockBackend()
    backend.previewRoster.mockRejectedValue(
      rejection('invalid', { field: 'roster_file', problem: { code: 'file', params: { code: 'no_header' } } }),
    )
    const { wrapper } = await mountApp('/students', backend)

    await openAndChoose(wrapper)

    expect(text('import-failure')).toBe('花名册文件：找不到表头：请确认表格有「学号」「姓名」等列名')
    expect(body().querySelector('[data-testid="import-preview-info"]')).toBeNull()
    expect((byTestid('import-commit') as HTMLButtonElement).disabled).toBe(true)
    wrapper.unmount()
  })

  it('closing after a committed import reads the student list again', async () => {
    const { wrapper, backend } = await counselorWithPreview()
    backend.importRoster.mockResolvedValue(ok)
    const imported: Student = {
      id: 'c1d2e3f4-0001',
      student_no: '0072301',
      name: '张三',
      grade: '七年级',
      class_name: '3班',
      gender: null,
      date_of_birth: null,
      enrollment_year: null,
      homeroom_teacher: null,
      guardians: [],
      status: 'active',
    }
    await click('import-commit')
    backend.listStudents.mockResolvedValue([imported])

    await click('import-close')
    await flushPromises()

    expect(backend.listStudents).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[data-testid="student-row"]').text()).toBe('0072301')
    wrapper.unmount()
  })

  it.each([staff.principal, staff.teacher, staff.admin])('$name ($role) sees no 导入花名册', async (user) => {
    const { wrapper } = await mountApp('/students', mockBackend(vaultStatus(user)))

    expect(wrapper.find('[data-testid="students-import"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('the counselor sees 导入花名册 next to 添加学生', async () => {
    const { wrapper } = await mountApp('/students')

    expect(wrapper.get('[data-testid="students-import"]').text()).toBe('导入花名册')
    expect(wrapper.get('[data-testid="students-add"]').text()).toBe('添加学生')
    wrapper.unmount()
  })
})
