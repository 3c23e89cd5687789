// 用户管理 lists the accounts with their roles in Chinese and adds a user with a first passphrase.
import { flushPromises } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { mockBackend, mountApp, staff } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

describe('users page', () => {
  it('lists each user with the role in Chinese', async () => {
    const { wrapper } = await mountApp('/settings/users')

    const rows = wrapper.get('[data-testid="users-table"]').findAll('tbody tr')
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['王老师', '专职心理教师'],
      ['李老师', '兼职心理教师'],
      ['张校长', '校长'],
      ['赵老师', '信息管理员'],
    ])
    wrapper.unmount()
  })

  it('添加用户 needs a name and a first passphrase of 10 characters typed twice, then adds the user', async () => {
    const backend = mockBackend()
    const added = { id: '0a1b2c3d-new', name: '陈老师', role: 'principal' as const }
    backend.addUser.mockResolvedValue(added)
    const { wrapper } = await mountApp('/settings/users', backend)

    await wrapper.get('[data-testid="users-add"]').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain(
      '新用户首次登录后请修改口令。信息管理员添加的账户，其业务数据权限将在专职心理教师下次登录时自动授予。',
    )
    const submit = wrapper.get('[data-testid="user-submit"]')
    await wrapper.get('[data-testid="user-name"]').setValue('陈老师')
    wrapper.getComponent(ElSelect).vm.$emit('update:modelValue', 'principal')
    await wrapper.get('[data-testid="user-passphrase"]').setValue('123456789')
    await wrapper.get('[data-testid="user-passphrase-confirm"]').setValue('123456789')
    expect(submit.attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('还差 1 个字符')

    await wrapper.get('[data-testid="user-passphrase"]').setValue('春风又绿江南岸2026')
    await wrapper.get('[data-testid="user-passphrase-confirm"]').setValue('春风又绿江南岸2026')
    expect(submit.attributes('disabled')).toBeUndefined()

    backend.listUsers.mockResolvedValue([...Object.values(staff), added])
    await submit.trigger('click')
    await flushPromises()
    expect(backend.addUser).toHaveBeenCalledWith({ name: '陈老师', role: 'principal', passphrase: '春风又绿江南岸2026' })
    expect(wrapper.get('[data-testid="users-added"]').text()).toBe('已添加用户：陈老师')
    expect(wrapper.get('[data-testid="users-table"]').text()).toContain('陈老师')
    wrapper.unmount()
  })

  it('a name already in use is explained', async () => {
    const backend = mockBackend()
    backend.addUser.mockRejectedValue({ code: 'duplicate_user', message: '已有同名用户，请换一个名字 (a user with this name already exists)' })
    const { wrapper } = await mountApp('/settings/users', backend)

    await wrapper.get('[data-testid="users-add"]').trigger('click')
    await wrapper.get('[data-testid="user-name"]').setValue('李老师')
    await wrapper.get('[data-testid="user-passphrase"]').setValue('春风又绿江南岸2026')
    await wrapper.get('[data-testid="user-passphrase-confirm"]').setValue('春风又绿江南岸2026')
    await wrapper.get('[data-testid="user-submit"]').trigger('click')
    await flushPromises()

    expect(backend.addUser).toHaveBeenCalledWith({ name: '李老师', role: 'teacher', passphrase: '春风又绿江南岸2026' })
    expect(wrapper.get('[data-testid="user-error"]').text()).toBe('已有同名用户，请换一个名字，例如加上学科。')
    wrapper.unmount()
  })
})
