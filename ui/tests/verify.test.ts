// 数据完整性: 开始检查 runs verify_vault and lists what it found in words, with what to do.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { mockBackend, mountApp, staff, vaultStatus } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

describe('verify page', () => {
  it('a clean vault: database ✓, records that decrypt, the log intact', async () => {
    const backend = mockBackend()
    backend.verifyVault.mockResolvedValue({
      database_ok: true,
      records_ok: 42n,
      records_broken: [],
      records_not_checked: 0n,
      log_entries: 57n,
      log_first_broken: null,
      accounts_not_vouched: [],
      recovery_key_altered: false,
      directory_checked: true,
      mailbox_key_altered: false,
      settings_altered: [],
      log_anchor_lost: false,
      keys_untrusted: [],
      key_record_altered: false,
      tables_altered: [],
      rows_rolled_back: [],
      rows_deleted: [],
    })
    const { wrapper } = await mountApp('/settings/verify', backend)

    expect(wrapper.find('[data-testid="verify-result"]').exists()).toBe(false)
    await wrapper.get('[data-testid="verify-run"]').trigger('click')
    await flushPromises()

    const result = wrapper.get('[data-testid="verify-result"]')
    expect(result.text()).toContain('检查完成，未发现问题。')
    expect(result.get('[data-testid="verify-database"]').text()).toBe('✓ 数据库文件完好')
    expect(result.get('[data-testid="verify-records-ok"]').text()).toBe('✓ 42 条记录可正常解密')
    expect(result.get('[data-testid="verify-log"]').text()).toBe('✓ 访问日志完整（共 57 条）')
    expect(result.find('[data-testid="verify-records-broken"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('lists broken records with advice, records this role cannot check, and a broken log', async () => {
    const backend = mockBackend(vaultStatus(staff.admin))
    backend.verifyVault.mockResolvedValue({
      database_ok: false,
      records_ok: 0n,
      records_broken: [{ table: 'users', id: 'a1b2c3d4e5f6' }],
      records_not_checked: 40n,
      log_entries: 57n,
      log_first_broken: 31n,
      accounts_not_vouched: [],
      recovery_key_altered: false,
      directory_checked: false,
      mailbox_key_altered: false,
      settings_altered: [],
      log_anchor_lost: false,
      keys_untrusted: [],
      key_record_altered: false,
      tables_altered: [],
      rows_rolled_back: [],
      rows_deleted: [],
    })
    const { wrapper } = await mountApp('/settings/verify', backend)

    await wrapper.get('[data-testid="verify-run"]').trigger('click')
    await flushPromises()

    const result = wrapper.get('[data-testid="verify-result"]')
    expect(result.text()).toContain('检查完成，发现问题，请查看下面的详情。')
    expect(result.get('[data-testid="verify-database"]').text()).toContain('✗ 数据库文件已损坏')
    const broken = result.get('[data-testid="verify-records-broken"]')
    expect(broken.text()).toContain('✗ 1 条记录无法解密')
    expect(broken.text()).toContain('该记录已被篡改或损坏，请从备份恢复或联系信息管理员')
    expect(broken.findAll('tbody td').map((td) => td.text())).toEqual(['用户', 'a1b2c3d4e5f6'])
    expect(result.get('[data-testid="verify-not-checked"]').text()).toBe('40 条记录本角色无权检查')
    expect(result.get('[data-testid="verify-log"]').text()).toBe('✗ 访问日志第 31 条记录起被改动')
    wrapper.unmount()
  })

  it('a counselor sees the accounts vouched for and the recovery key intact', async () => {
    const backend = mockBackend()
    backend.verifyVault.mockResolvedValue({
      database_ok: true,
      records_ok: 42n,
      records_broken: [],
      records_not_checked: 0n,
      log_entries: 57n,
      log_first_broken: null,
      accounts_not_vouched: [],
      recovery_key_altered: false,
      directory_checked: true,
      mailbox_key_altered: false,
      settings_altered: [],
      log_anchor_lost: false,
      keys_untrusted: [],
      key_record_altered: false,
      tables_altered: [],
      rows_rolled_back: [],
      rows_deleted: [],
    })
    const { wrapper } = await mountApp('/settings/verify', backend)

    await wrapper.get('[data-testid="verify-run"]').trigger('click')
    await flushPromises()

    const result = wrapper.get('[data-testid="verify-result"]')
    expect(result.get('[data-testid="verify-accounts"]').text()).toBe('✓ 所有账户的角色、状态和密钥都经专职心理教师确认')
    expect(result.get('[data-testid="verify-recovery"]').text()).toBe('✓ 恢复码的密钥未被替换')
    wrapper.unmount()
  })

  it('names the accounts no counselor vouched for and a swapped recovery key, as problems with what to do', async () => {
    const backend = mockBackend()
    backend.verifyVault.mockResolvedValue({
      database_ok: true,
      records_ok: 42n,
      records_broken: [],
      records_not_checked: 0n,
      log_entries: 57n,
      log_first_broken: null,
      accounts_not_vouched: ['李老师', '赵老师'],
      recovery_key_altered: true,
      directory_checked: true,
      mailbox_key_altered: false,
      settings_altered: [],
      log_anchor_lost: false,
      keys_untrusted: [],
      key_record_altered: false,
      tables_altered: [],
      rows_rolled_back: [],
      rows_deleted: [],
    })
    const { wrapper } = await mountApp('/settings/verify', backend)

    await wrapper.get('[data-testid="verify-run"]').trigger('click')
    await flushPromises()

    const result = wrapper.get('[data-testid="verify-result"]')
    expect(result.text()).toContain('检查完成，发现问题，请查看下面的详情。')
    const accounts = result.get('[data-testid="verify-accounts"]')
    expect(accounts.classes()).toContain('verify__problem')
    expect(accounts.text()).toContain('✗ 2 个账户未经专职心理教师确认：李老师、赵老师')
    expect(accounts.text()).toContain('请到「设置 › 用户管理」逐一核对')
    const recovery = result.get('[data-testid="verify-recovery"]')
    expect(recovery.classes()).toContain('verify__problem')
    expect(recovery.text()).toContain('✗ 恢复码的密钥被替换过')
    expect(recovery.text()).toContain('请立即联系信息管理员')
    wrapper.unmount()
  })

  it('tells an IT administrator the accounts were not checked (only counselors can)', async () => {
    const backend = mockBackend(vaultStatus(staff.admin))
    backend.verifyVault.mockResolvedValue({
      database_ok: true,
      records_ok: 3n,
      records_broken: [],
      records_not_checked: 40n,
      log_entries: 57n,
      log_first_broken: null,
      accounts_not_vouched: [],
      recovery_key_altered: false,
      directory_checked: false,
      mailbox_key_altered: false,
      settings_altered: [],
      log_anchor_lost: false,
      keys_untrusted: [],
      key_record_altered: false,
      tables_altered: [],
      rows_rolled_back: [],
      rows_deleted: [],
    })
    const { wrapper } = await mountApp('/settings/verify', backend)

    await wrapper.get('[data-testid="verify-run"]').trigger('click')
    await flushPromises()

    const result = wrapper.get('[data-testid="verify-result"]')
    expect(result.text()).toContain('检查完成，未发现问题。')
    expect(result.get('[data-testid="verify-accounts"]').text()).toBe('账户的角色和密钥只有专职心理教师能核验，本角色未检查。')
    expect(result.find('[data-testid="verify-recovery"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('names a swapped mailbox key, settings changed outside the app and a cut access log', async () => {
    const backend = mockBackend()
    backend.verifyVault.mockResolvedValue({
      database_ok: true,
      records_ok: 42n,
      records_broken: [],
      records_not_checked: 0n,
      log_entries: 57n,
      log_first_broken: null,
      accounts_not_vouched: [],
      recovery_key_altered: false,
      directory_checked: true,
      mailbox_key_altered: true,
      settings_altered: ['mailbox_crisis_terms'],
      log_anchor_lost: true,
      keys_untrusted: [],
      key_record_altered: false,
      tables_altered: [],
      rows_rolled_back: [],
      rows_deleted: [],
    })
    const { wrapper } = await mountApp('/settings/verify', backend)

    await wrapper.get('[data-testid="verify-run"]').trigger('click')
    await flushPromises()

    const result = wrapper.get('[data-testid="verify-result"]')
    expect(result.get('[data-testid="verify-mailbox-key"]').text()).toContain('悄悄话信箱的公钥被替换过')
    expect(result.get('[data-testid="verify-settings"]').text()).toContain('安全设置在程序外被改动过')
    expect(result.get('[data-testid="verify-log-anchor"]').text()).toContain('访问日志被截断或改写过')
    wrapper.unmount()
  })

  it('names planted keys, tables changed outside the app and the rows rolled back or deleted', async () => {
    const backend = mockBackend()
    backend.verifyVault.mockResolvedValue({
      database_ok: true,
      records_ok: 42n,
      records_broken: [],
      records_not_checked: 0n,
      log_entries: 57n,
      log_first_broken: null,
      accounts_not_vouched: [],
      recovery_key_altered: false,
      directory_checked: true,
      mailbox_key_altered: false,
      settings_altered: [],
      log_anchor_lost: false,
      keys_untrusted: [{ account: '周老师', class: 'activity', version: 2 }],
      key_record_altered: true,
      tables_altered: ['case_summaries'],
      rows_rolled_back: [{ table: 'case_summaries', id: 'f1a2' }],
      rows_deleted: [{ table: 'sessions', id: 'n9b8' }],
    })
    const { wrapper } = await mountApp('/settings/verify', backend)

    await wrapper.get('[data-testid="verify-run"]').trigger('click')
    await flushPromises()

    const result = wrapper.get('[data-testid="verify-result"]')
    expect(result.text()).toContain('检查完成，发现问题，请查看下面的详情。')
    expect(result.get('[data-testid="verify-keys-untrusted"]').text()).toContain('周老师 · 工作统计 v2')
    expect(result.get('[data-testid="verify-key-record"]').text()).toContain('信任的密钥记录')
    expect(result.get('[data-testid="verify-tables-altered"]').text()).toContain('档案摘要')
    expect(result.get('[data-testid="verify-rows-rolled-back"]').text()).toContain('档案摘要 f1a2')
    expect(result.get('[data-testid="verify-rows-deleted"]').text()).toContain('辅导记录 n9b8')
    wrapper.unmount()
  })
})
