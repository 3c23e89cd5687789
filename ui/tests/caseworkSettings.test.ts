// 设置 › 关注等级与类别: the counselor edits the levels (name, interval, colour; add or remove the
// last) and the categories, saves each, and reads the backend's refusals.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { defaultCategories, defaultLevels, mockBackend, mountApp, staff, vaultStatus, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

describe('levels and categories settings', () => {
  it('设置 links to it for the counselor only', async () => {
    const { wrapper, router } = await mountApp('/settings')
    const link = wrapper.get('[data-testid="settings-casework"]')
    expect(link.text()).toContain('关注等级与类别')
    await link.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings/casework')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('关注等级与类别')
    wrapper.unmount()

    for (const user of [staff.teacher, staff.principal, staff.admin]) {
      const other = await mountApp('/settings', mockBackend(vaultStatus(user)))
      expect(other.wrapper.find('[data-testid="settings-casework"]').exists()).toBe(false)
      other.wrapper.unmount()
    }
  })

  it('edits a level, adds a fourth, and saves them with their ranks', async () => {
    const backend = mockBackend()
    backend.saveLevels.mockImplementation((levels) => Promise.resolve(levels))
    const { wrapper } = await mountApp('/settings/casework', backend)

    expect(wrapper.findAll('[data-testid="level-row"]')).toHaveLength(3)
    expect((wrapper.get('[data-testid="level-name-1"]').element as HTMLInputElement).value).toBe('一级')
    await wrapper.get('[data-testid="level-days-2"] input').setValue('5')
    await wrapper.get('[data-testid="level-days-2"] input').trigger('change')
    await wrapper.get('[data-testid="levels-add"]').trigger('click')
    expect(wrapper.findAll('[data-testid="level-row"]')).toHaveLength(4)
    await wrapper.get('[data-testid="level-name-4"]').setValue('观察')
    await wrapper.get('[data-testid="level-color-text-4"]').setValue('#5F6368')
    expect(wrapper.findAll('[data-testid="level-row"]')[3]!.get('[data-testid="level-badge"]').text()).toBe('观察')

    await wrapper.get('[data-testid="levels-save"]').trigger('click')
    await flushPromises()
    expect(backend.saveLevels).toHaveBeenCalledWith([
      defaultLevels[0],
      { ...defaultLevels[1], follow_up_days: 5 },
      defaultLevels[2],
      { rank: 4, name: '观察', follow_up_days: 60, color: '#5F6368' },
    ])
    expect(wrapper.get('[data-testid="levels-result"]').text()).toBe('关注等级已保存')
    wrapper.unmount()
  })

  it('removing the last level and saving shows the backend’s refusal', async () => {
    const backend = mockBackend()
    backend.saveLevels.mockRejectedValue(rejection('invalid', { field: 'levels', problem: { code: 'level_in_use' } }))
    const { wrapper } = await mountApp('/settings/casework', backend)

    await wrapper.get('[data-testid="levels-remove"]').trigger('click')
    expect(wrapper.findAll('[data-testid="level-row"]')).toHaveLength(2)
    await wrapper.get('[data-testid="levels-save"]').trigger('click')
    await flushPromises()
    expect(backend.saveLevels).toHaveBeenCalledWith([defaultLevels[0], defaultLevels[1]])
    expect(wrapper.get('[data-testid="levels-result"]').text()).toBe('关注等级：还有未解除的档案处于要删除的等级，请先调整这些档案的等级')
    wrapper.unmount()
  })

  it('a level needs a name and a #RRGGBB colour before it can be saved', async () => {
    const { wrapper } = await mountApp('/settings/casework')

    await wrapper.get('[data-testid="level-name-2"]').setValue('')
    expect(wrapper.get('[data-testid="levels-save"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="levels-problem"]').text()).toBe('请填写名称')
    await wrapper.get('[data-testid="level-name-2"]').setValue('二级')
    await wrapper.get('[data-testid="level-color-text-2"]').setValue('orange')
    expect(wrapper.get('[data-testid="levels-problem"]').text()).toBe('二级 的颜色应写成 #RRGGBB，例如 #d93026')
    wrapper.unmount()
  })

  it('adds and removes categories and saves them', async () => {
    const backend = mockBackend()
    backend.saveCategories.mockImplementation((c) => Promise.resolve(c))
    const { wrapper } = await mountApp('/settings/casework', backend)

    const tags = () => wrapper.findAll('[data-testid="category-tag"]').map((t) => t.text())
    expect(tags()).toEqual(defaultCategories)
    await wrapper.get('[data-testid="category-new"]').setValue(' 适应困难 ')
    await wrapper.get('[data-testid="category-add"]').trigger('click')
    await wrapper.findAll('[data-testid="category-tag"]')[0]!.get('.el-tag__close').trigger('click')
    expect(tags()).toEqual([...defaultCategories.slice(1), '适应困难'])

    await wrapper.get('[data-testid="categories-save"]').trigger('click')
    await flushPromises()
    expect(backend.saveCategories).toHaveBeenCalledWith([...defaultCategories.slice(1), '适应困难'])
    expect(wrapper.get('[data-testid="categories-result"]').text()).toBe('档案类别已保存')
    wrapper.unmount()
  })

  it('a refused category list is explained', async () => {
    const backend = mockBackend()
    backend.saveCategories.mockRejectedValue(rejection('invalid', { field: 'categories', problem: { code: 'keep_one_category' } }))
    const { wrapper } = await mountApp('/settings/casework', backend)

    await wrapper.get('[data-testid="categories-save"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="categories-result"]').text()).toBe('档案类别：至少保留一个类别')
    wrapper.unmount()
  })

  it('a teacher who follows a link to it is sent to 设置', async () => {
    const { wrapper, router } = await mountApp('/settings', mockBackend(vaultStatus(staff.teacher)))
    await router.push('/settings/casework')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings')
    wrapper.unmount()
  })
})
