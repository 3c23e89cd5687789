// 设置 › 量表 (counselor): the instruments with their items, bands, threshold and licence note, and
// 添加自定义量表 from pasted text or a .toml file, with the backend's problems shown one per line.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { mockBackend, mountApp, staff, vaultStatus, rejection } from './helpers'
import { gad7, instruments } from './screeningFixtures'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

function counselor() {
  const backend = mockBackend()
  backend.listInstruments.mockResolvedValue(instruments)
  return backend
}

describe('instruments', () => {
  it('settings links to 量表 for the counselor only', async () => {
    const { wrapper } = await mountApp('/settings', counselor())
    const link = wrapper.get('[data-testid="settings-instruments"]')
    expect(link.text()).toContain('量表')
    expect(link.attributes('href')).toBe('/settings/instruments')
    wrapper.unmount()
    for (const role of ['teacher', 'principal', 'admin'] as const) {
      const other = await mountApp('/settings', mockBackend(vaultStatus(staff[role])))
      expect(other.wrapper.find('[data-testid="settings-instruments"]').exists()).toBe(false)
      other.wrapper.unmount()
    }
  })

  it('lists each instrument with its items, bands, threshold and licence', async () => {
    const { wrapper } = await mountApp('/settings/instruments', counselor())
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('量表')
    const rows = wrapper.findAll('[data-testid="instrument-row"]')
    expect(rows).toHaveLength(2)
    const cells = rows[0]!.findAll('td').map((td) => td.text())
    expect(cells[0]).toContain('PHQ-9')
    expect(cells[1]).toContain('9 题')
    expect(cells[1]).toContain('关键题 1 条')
    expect(cells[2]).toBe('0–4 无或极轻、5–9 轻度、10–14 中度、15–19 中重度、20–27 重度')
    expect(cells[3]).toBe('10')
    expect(cells[4]).toContain('免费使用')
    expect(wrapper.text()).toContain('只能添加本校已获得使用授权的量表')
    wrapper.unmount()
  })

  it('adds a pasted definition and lists it', async () => {
    const backend = counselor()
    const mine = { ...gad7, id: 'mht', short_name: 'MHT', name: '心理健康诊断测验（授权版）' }
    backend.addInstrument.mockResolvedValue(mine)
    const { wrapper } = await mountApp('/settings/instruments', backend)

    expect(wrapper.get('[data-testid="instrument-add"]').attributes('disabled')).toBeDefined()
    backend.listInstruments.mockResolvedValue([...instruments, mine])
    await wrapper.get('[data-testid="instrument-definition"]').setValue('id = "mht"\n')
    await wrapper.get('[data-testid="instrument-add"]').trigger('click')
    await flushPromises()

    expect(backend.addInstrument).toHaveBeenCalledWith('id = "mht"\n')
    expect(wrapper.get('[data-testid="instrument-added"]').text()).toContain('已添加量表：MHT')
    expect(wrapper.findAll('[data-testid="instrument-row"]')).toHaveLength(3)
    expect((wrapper.get('[data-testid="instrument-definition"]').element as HTMLTextAreaElement).value).toBe('')
    wrapper.unmount()
  })

  it('reads a .toml file into the definition', async () => {
    const { wrapper } = await mountApp('/settings/instruments', counselor())
    const input = wrapper.get('[data-testid="instrument-file"]').element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [new File(['id = "mht"'], 'mht.toml')], configurable: true })
    input.dispatchEvent(new Event('change'))
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
    await flushPromises()
    expect((wrapper.get('[data-testid="instrument-definition"]').element as HTMLTextAreaElement).value).toBe('id = "mht"')
    wrapper.unmount()
  })

  it('shows every problem the backend names, one per line, and adds nothing', async () => {
    const backend = counselor()
    backend.addInstrument.mockRejectedValue(
      rejection('invalid', {
        field: 'instrument_definition',
        problem: { code: 'definition', params: { problems: [{ code: 'no_items' }, { code: 'threshold', params: { lo: 0, hi: 0 } }] } },
      }),
    )
    const { wrapper } = await mountApp('/settings/instruments', backend)
    await wrapper.get('[data-testid="instrument-definition"]').setValue('id = "x"')
    await wrapper.get('[data-testid="instrument-add"]').trigger('click')
    await flushPromises()

    const error = wrapper.get('[data-testid="instrument-error"]')
    expect(error.text()).toContain('量表定义有问题，未添加')
    expect(error.findAll('li').map((li) => li.text())).toEqual(['没有题目', '关注阈值应在 0 到 0 之间'])
    expect((wrapper.get('[data-testid="instrument-definition"]').element as HTMLTextAreaElement).value).toBe('id = "x"')
    wrapper.unmount()
  })

  it('is the counselor’s page alone', async () => {
    const { router, wrapper } = await mountApp('/settings/instruments', mockBackend(vaultStatus(staff.teacher)))
    expect(router.currentRoute.value.path).not.toBe('/settings/instruments')
    wrapper.unmount()
  })
})
