// 用户管理 lists the accounts with role, status, creator and key fingerprint; adds a user, who
// stays 待批准; a counselor approves an account (or confirms its new key) after comparing the
// fingerprint; 停用 asks first, then rotates every key.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type AccountInfo, type RekeyProgress } from '@/api'
import { accountInfo, fingerprints, mockBackend, mountApp, rejection, staff, vaultStatus } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

/** 陈老师, added by 王老师, who has not unlocked yet. */
const newTeacher: AccountInfo = {
  id: '0a1b2c3d-new',
  name: '陈老师',
  role: 'teacher',
  status: 'pending',
  own_passphrase: false,
  created_by: '王老师',
  created_at: '2026-03-01T08:00:00Z',
  fingerprint: '77C2-05AB-19E3-D4F6-8B20',
  vouched: false,
}

/** The same account once 陈老师 has set their own passphrase (a new key, a new fingerprint). */
const readyTeacher: AccountInfo = { ...newTeacher, own_passphrase: true, fingerprint: 'B61F-2C90-E4A7-3D58-0F1C' }

function rows(w: VueWrapper) {
  return w.get('[data-testid="users-table"]').findAll('tbody tr')
}

function rowOf(w: VueWrapper, name: string) {
  const row = rows(w).find((r) => r.get('[data-testid="user-row-name"]').text() === name)
  if (!row) throw new Error(`no row for ${name}`)
  return row
}

/** The newest Element Plus message box (rendered into the body). */
function messageBox(): { text: string; confirm: HTMLButtonElement; cancel: HTMLButtonElement } | null {
  const box = [...document.querySelectorAll('.el-message-box')].pop()
  if (!box) return null
  const buttons = [...box.querySelectorAll<HTMLButtonElement>('.el-message-box__btns button')]
  return { text: box.textContent ?? '', cancel: buttons[0]!, confirm: buttons[buttons.length - 1]! }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

describe('users page', () => {
  it('lists each account with role, status, creator and fingerprint in Chinese', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([
      accountInfo(staff.counselor),
      accountInfo(staff.teacher, { vouched: false }),
      accountInfo(staff.principal, { status: 'disabled' }),
      newTeacher,
      readyTeacher,
    ])
    const { wrapper } = await mountApp('/settings/users', backend)

    expect(backend.listAccounts).toHaveBeenCalled()
    expect(rows(wrapper).map((r) => r.findAll('td').slice(0, 5).map((td) => td.text()))).toEqual([
      ['王老师（您）', '专职心理教师', '已启用', '—', fingerprints.counselor],
      ['李老师', '兼职心理教师', '已启用新密钥待确认', '王老师', fingerprints.teacher],
      ['张校长', '校长', '已停用', '王老师', fingerprints.principal],
      ['陈老师', '兼职心理教师', '待批准等待本人设置口令', '王老师', newTeacher.fingerprint],
      ['陈老师', '兼职心理教师', '待批准', '王老师', readyTeacher.fingerprint],
    ])
    // The fingerprint is shown in its groups, in a monospace face.
    expect(rowOf(wrapper, '王老师').get('[data-testid="user-fingerprint"]').findAll('.fingerprint__group').map((g) => g.text())).toEqual(
      fingerprints.counselor.split('-'),
    )
    wrapper.unmount()
  })

  it('a counselor approves only once the user set their own passphrase; 确认新密钥 for a changed key', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([
      accountInfo(staff.counselor),
      accountInfo(staff.teacher, { vouched: false }),
      accountInfo(staff.principal),
      newTeacher,
    ])
    const { wrapper } = await mountApp('/settings/users', backend)

    const waiting = rowOf(wrapper, '陈老师').get('[data-testid="user-approve"]')
    expect(waiting.text()).toBe('批准')
    expect(waiting.attributes('disabled')).toBeDefined()
    const changed = rowOf(wrapper, '李老师').get('[data-testid="user-approve"]')
    expect(changed.text()).toBe('确认新密钥')
    expect(changed.attributes('disabled')).toBeUndefined()
    expect(rowOf(wrapper, '张校长').find('[data-testid="user-approve"]').exists()).toBe(false)
    // Nobody disables or deletes themselves.
    expect(rowOf(wrapper, '王老师').find('[data-testid="user-disable"]').exists()).toBe(false)
    expect(rowOf(wrapper, '王老师').find('[data-testid="user-remove"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('批准 shows who it is and what approving does, and sends the fingerprint the counselor typed', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), readyTeacher])
    backend.approveUser.mockResolvedValue({ ...readyTeacher, status: 'active', vouched: true })
    const { wrapper } = await mountApp('/settings/users', backend)

    await rowOf(wrapper, '陈老师').get('[data-testid="user-approve"]').trigger('click')
    await flushPromises()
    const dialog = wrapper.get('[data-testid="approve-dialog"]')
    expect(dialog.text()).toContain('批准账户')
    expect(dialog.get('[data-testid="approve-who"]').text()).toBe(
      `姓名陈老师角色兼职心理教师创建人王老师本账户的密钥指纹${readyTeacher.fingerprint}`,
    )
    expect(dialog.get('[data-testid="approve-what"]').text()).toBe(
      '批准后，该账户将获得「兼职心理教师」角色的数据密钥，可以查看该角色能看到的学生和记录。请只批准您当面确认过的本人账户。',
    )
    const submit = wrapper.get('[data-testid="approve-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="approve-fingerprint"]').setValue('b61f 2c90 e4a7 3d58 0f1c')
    expect(submit.attributes('disabled')).toBeUndefined()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), { ...readyTeacher, status: 'active', vouched: true }])
    await submit.trigger('click')
    await flushPromises()

    expect(backend.approveUser).toHaveBeenCalledWith(readyTeacher.id, 'b61f 2c90 e4a7 3d58 0f1c')
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe(
      '已批准陈老师：该账户已获得「兼职心理教师」的数据密钥。请本人锁定后用自己的口令重新解锁。',
    )
    expect(rowOf(wrapper, '陈老师').get('[data-testid="user-status"]').text()).toBe('已启用')
    expect(rowOf(wrapper, '陈老师').find('[data-testid="user-approve"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('ticking “compared digit by digit” sends the fingerprint shown', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), accountInfo(staff.teacher, { vouched: false })])
    backend.approveUser.mockResolvedValue(accountInfo(staff.teacher))
    const { wrapper } = await mountApp('/settings/users', backend)

    await rowOf(wrapper, '李老师').get('[data-testid="user-approve"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="approve-dialog"]').text()).toContain('李老师的密钥变了，通常是本人修改了口令。')
    await wrapper.get('[data-testid="approve-compared"] input').setValue(true)
    await wrapper.get('[data-testid="approve-submit"]').trigger('click')
    await flushPromises()

    expect(backend.approveUser).toHaveBeenCalledWith(staff.teacher.id, fingerprints.teacher)
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe('已确认李老师的新密钥。')
    wrapper.unmount()
  })

  it('a fingerprint that is not the account’s is refused, said in Chinese in the dialog', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), readyTeacher])
    backend.approveUser.mockRejectedValue(
      rejection('invalid', { field: 'fingerprint', problem: { code: 'fingerprint_mismatch' } }),
    )
    const { wrapper } = await mountApp('/settings/users', backend)

    await rowOf(wrapper, '陈老师').get('[data-testid="user-approve"]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid="approve-fingerprint"]').setValue('B61F-2C90-E4A7-3D58-0F1D')
    await wrapper.get('[data-testid="approve-submit"]').trigger('click')
    await flushPromises()

    expect(backend.approveUser).toHaveBeenCalledWith(readyTeacher.id, 'B61F-2C90-E4A7-3D58-0F1D')
    expect(wrapper.get('[data-testid="approve-error"]').text()).toBe(
      '密钥指纹：与该账户的指纹不一致。请与本人当面再核对一遍；若仍不一致，请不要批准，并联系信息管理员',
    )
    expect(wrapper.find('[data-testid="users-message"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('停用 asks first, disables, then rotates every key with a busy state and says so', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), accountInfo(staff.teacher)])
    let finish: (p: RekeyProgress) => void = () => undefined
    backend.rekey.mockReturnValue(new Promise((resolve) => (finish = resolve)))
    const { wrapper } = await mountApp('/settings/users', backend)

    await rowOf(wrapper, '李老师').get('[data-testid="user-disable"]').trigger('click')
    await settle()
    const box = messageBox()
    expect(box?.text).toContain('停用「李老师」后，该账户不能再解锁，并失去已有的数据密钥。停用后会立即更换全部密钥')
    expect(backend.disableUser).not.toHaveBeenCalled()

    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), accountInfo(staff.teacher, { status: 'disabled' })])
    box!.confirm.click()
    await settle()
    expect(backend.disableUser).toHaveBeenCalledWith(staff.teacher.id)
    expect(backend.rekey).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-testid="users-rekeying"]').text()).toBe('正在更换密钥并重新加密全部记录，请不要关闭程序…')
    expect(wrapper.get('[data-testid="users-rekey"]').classes()).toContain('is-loading')
    expect(wrapper.get('section.users').attributes('aria-busy')).toBe('true')

    finish({ resealed: 128n, remaining: 0n, done: true })
    await settle()
    expect(wrapper.find('[data-testid="users-rekeying"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe('已停用李老师。已更换全部密钥，重新加密了 128 条记录。')
    expect(rowOf(wrapper, '李老师').get('[data-testid="user-status"]').text()).toBe('已停用')
    wrapper.unmount()
  })

  it('停用 cancelled does nothing; refused (the last counselor) is said in Chinese', async () => {
    const backend = mockBackend()
    const other = { id: 'c0c0c0c0-counselor2', name: '周老师', role: 'counselor' as const }
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), accountInfo(other, { status: 'pending' })])
    backend.disableUser.mockRejectedValue(rejection('invalid', { field: 'account', problem: { code: 'last_counselor' } }))
    const { wrapper } = await mountApp('/settings/users', backend)

    await rowOf(wrapper, '周老师').get('[data-testid="user-disable"]').trigger('click')
    await settle()
    messageBox()!.cancel.click()
    await settle()
    expect(backend.disableUser).not.toHaveBeenCalled()

    await rowOf(wrapper, '周老师').get('[data-testid="user-disable"]').trigger('click')
    await settle()
    messageBox()!.confirm.click()
    await settle()
    expect(backend.rekey).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe(
      '账户：这是最后一位已启用的专职心理教师，不能停用或删除，否则无人能批准账户和管理数据',
    )
    wrapper.unmount()
  })

  it('an IT administrator sees no approval and no key rotation; after 停用 a counselor is asked to rotate keys', async () => {
    const backend = mockBackend(vaultStatus(staff.admin))
    backend.listAccounts.mockResolvedValue([
      accountInfo(staff.counselor, { vouched: null }),
      accountInfo(staff.admin, { vouched: null }),
      { ...readyTeacher, vouched: null },
    ])
    const { wrapper } = await mountApp('/settings/users', backend)

    expect(wrapper.find('[data-testid="user-approve"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="users-rekey"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="user-remove"]').exists()).toBe(false)
    expect(rowOf(wrapper, '陈老师').get('[data-testid="user-status"]').text()).toBe('待批准')

    await rowOf(wrapper, '陈老师').get('[data-testid="user-disable"]').trigger('click')
    await settle()
    expect(messageBox()!.text).toContain('停用后，请专职心理教师登录并在本页点击「更换密钥」。')
    messageBox()!.confirm.click()
    await settle()
    expect(backend.disableUser).toHaveBeenCalledWith(readyTeacher.id)
    expect(backend.rekey).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe('已停用陈老师。请专职心理教师登录后在本页点击「更换密钥」。')
    wrapper.unmount()
  })

  it('删除 a pending account needs no key rotation', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), newTeacher])
    const { wrapper } = await mountApp('/settings/users', backend)

    await rowOf(wrapper, '陈老师').get('[data-testid="user-remove"]').trigger('click')
    await settle()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor)])
    messageBox()!.confirm.click()
    await settle()
    expect(backend.removeUser).toHaveBeenCalledWith(newTeacher.id)
    expect(backend.rekey).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe('已删除陈老师。')
    expect(rows(wrapper)).toHaveLength(1)
    wrapper.unmount()
  })

  it('添加用户 needs a name and a first passphrase of 10 characters typed twice, and says the account waits for approval', async () => {
    const backend = mockBackend()
    const added = { id: newTeacher.id, name: '陈老师', role: 'principal' as const }
    backend.addUser.mockResolvedValue(added)
    const { wrapper } = await mountApp('/settings/users', backend)

    await wrapper.get('[data-testid="users-add"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="users-add-note"]').text()).toBe(
      '新账户先是「待批准」，不能查看任何数据。请把初始口令当面告诉本人；本人首次解锁时须设置自己的口令，屏幕上会显示其密钥指纹；再由专职心理教师在本页核对指纹并批准，账户才获得其角色的数据密钥。',
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

    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), { ...newTeacher, role: 'principal' }])
    await submit.trigger('click')
    await flushPromises()
    expect(backend.addUser).toHaveBeenCalledWith({ name: '陈老师', role: 'principal', passphrase: '春风又绿江南岸2026' })
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe('已添加用户：陈老师（待批准）')
    expect(rowOf(wrapper, '陈老师').get('[data-testid="user-status"]').text()).toBe('待批准')
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

  it('更换密钥 shows how many records are re-encrypted and how many remain as it goes', async () => {
    const backend = mockBackend()
    let next: (p: RekeyProgress) => void = () => undefined
    backend.rekey.mockImplementation(() => new Promise((resolve) => (next = resolve)))
    const { wrapper } = await mountApp('/settings/users', backend)

    await wrapper.get('[data-testid="users-rekey"]').trigger('click')
    await settle()
    messageBox()!.confirm.click()
    await settle()
    expect(backend.rekey).toHaveBeenCalledWith(5)
    expect(wrapper.get('[data-testid="users-rekeying"]').text()).toBe('正在更换密钥并重新加密全部记录，请不要关闭程序…')

    next({ resealed: 1000n, remaining: 500n, done: false })
    await settle()
    expect(wrapper.get('[data-testid="users-rekeying"]').text()).toBe(
      '正在更换密钥：已重新加密 1000 条记录，还剩 500 条。请不要关闭程序…',
    )
    expect(wrapper.get('[data-testid="users-add"]').attributes('disabled')).toBeDefined()
    expect(backend.rekey).toHaveBeenCalledTimes(2)

    next({ resealed: 500n, remaining: 0n, done: true })
    await settle()
    expect(wrapper.find('[data-testid="users-rekeying"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe('已更换全部密钥，重新加密了 1500 条记录。')
    wrapper.unmount()
  })

  it('更换密钥 while another window or the command line has the vault open says to close them first', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), accountInfo(staff.teacher)])
    backend.rekey.mockRejectedValue(rejection('vault_in_use'))
    const { wrapper } = await mountApp('/settings/users', backend)

    await rowOf(wrapper, '李老师').get('[data-testid="user-disable"]').trigger('click')
    await settle()
    messageBox()!.confirm.click()
    await settle()
    expect(backend.disableUser).toHaveBeenCalledWith(staff.teacher.id)
    expect(wrapper.find('[data-testid="users-rekeying"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe(
      '已停用李老师。密钥没有更换：保险箱正被另一个窗口或程序使用。请先关闭其他心语窗口和命令行，再在本页点击「更换密钥」。',
    )
    wrapper.unmount()
  })

  it('启用 a disabled account: back with its keys, or waiting for approval when an admin enables it', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([
      accountInfo(staff.counselor),
      accountInfo(staff.teacher, { status: 'disabled' }),
    ])
    backend.enableUser.mockResolvedValue(accountInfo(staff.teacher))
    const { wrapper } = await mountApp('/settings/users', backend)

    expect(rowOf(wrapper, '王老师').find('[data-testid="user-enable"]').exists()).toBe(false)
    const teacherRow = rowOf(wrapper, '李老师')
    expect(teacherRow.find('[data-testid="user-disable"]').exists()).toBe(false)
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), accountInfo(staff.teacher)])
    await teacherRow.get('[data-testid="user-enable"]').trigger('click')
    await settle()
    expect(backend.enableUser).toHaveBeenCalledWith(staff.teacher.id)
    expect(backend.rekey).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe('已启用李老师，并已交给它角色所需的数据密钥。')
    expect(rowOf(wrapper, '李老师').get('[data-testid="user-status"]').text()).toBe('已启用')
    expect(rowOf(wrapper, '李老师').find('[data-testid="user-enable"]').exists()).toBe(false)
    wrapper.unmount()
    document.body.innerHTML = ''

    const asAdmin = mockBackend(vaultStatus(staff.admin))
    asAdmin.listAccounts.mockResolvedValue([
      accountInfo(staff.admin, { vouched: null }),
      accountInfo(staff.teacher, { status: 'disabled', vouched: null }),
    ])
    asAdmin.enableUser.mockResolvedValue(accountInfo(staff.teacher, { status: 'pending', vouched: null }))
    const admin = await mountApp('/settings/users', asAdmin)
    await rowOf(admin.wrapper, '李老师').get('[data-testid="user-enable"]').trigger('click')
    await settle()
    expect(admin.wrapper.get('[data-testid="users-message"]').text()).toBe(
      '已启用李老师，账户为「待批准」：请专职心理教师与本人核对密钥指纹后再次批准。',
    )
    admin.wrapper.unmount()
  })

  it('启用 refused is said in words', async () => {
    const backend = mockBackend()
    backend.listAccounts.mockResolvedValue([accountInfo(staff.counselor), accountInfo(staff.teacher, { status: 'disabled' })])
    backend.enableUser.mockRejectedValue(rejection('invalid', { field: 'account', problem: { code: 'nothing_to_enable' } }))
    const { wrapper } = await mountApp('/settings/users', backend)
    await rowOf(wrapper, '李老师').get('[data-testid="user-enable"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="users-message"]').text()).toBe('账户：这个账户没有停用，无需启用')
    wrapper.unmount()
  })
})
