// 访问日志: each entry as a teacher reads it — local time, who, the action and record in Chinese —
// and 检查日志链, which says whether the chain is whole or from which entry it was altered.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type LogEntry, type VerifyReport } from '@/api'
import { mockBackend, mountApp, staff, vaultStatus } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

/** 2026-03-01 08:00 on this computer's clock, as the backend writes it (RFC 3339 UTC). */
const AT = new Date(2026, 2, 1, 8, 0).toISOString()

function entry(seq: number, action: string, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    seq: BigInt(seq),
    at: AT,
    actor: staff.counselor.id,
    actor_name: staff.counselor.name,
    action,
    record_kind: null,
    record_id: null,
    ...extra,
  }
}

const report: VerifyReport = {
  database_ok: true,
  records_ok: 3n,
  records_broken: [],
  records_not_checked: 0n,
  log_entries: 12n,
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
}

const ACTIONS: [string, string][] = [
  ['vault_created', '创建数据保险箱'],
  ['unlock', '解锁'],
  ['unlock_failed', '解锁失败（口令错误）'],
  ['lock', '锁定'],
  ['view', '查看'],
  ['create', '新建'],
  ['update', '修改'],
  ['export', '导出'],
  ['print', '打印'],
  ['user_added', '添加用户'],
  ['passphrase_changed', '修改口令'],
  ['recovered', '用恢复码重设口令'],
  ['rekey', '更换密钥'],
  ['verify', '完整性检查'],
  ['user_approved', '批准账户'],
  ['key_granted', '授予密钥'],
  ['user_disabled', '停用账户'],
  ['user_removed', '删除账户'],
]

describe('access log page', () => {
  it('names every action in Chinese', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    backend.accessLog.mockResolvedValue(ACTIONS.map(([code], i) => entry(ACTIONS.length - i, code)))
    const { wrapper } = await mountApp('/settings/access-log', backend)

    expect(backend.accessLog).toHaveBeenCalledWith(500)
    expect(wrapper.findAll('[data-testid="access-log-action"]').map((a) => a.text())).toEqual(
      ACTIONS.map(([, chinese]) => chinese),
    )
    wrapper.unmount()
  })

  it('shows local time, the user (or —), and the record kind with a short id', async () => {
    const backend = mockBackend(vaultStatus(staff.admin))
    backend.accessLog.mockResolvedValue([
      entry(4, 'create', { record_kind: 'student', record_id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' }),
      entry(3, 'view', { record_kind: 'student_list', record_id: '' }),
      entry(2, 'user_added', { record_kind: 'user', record_id: 'a1b2c3d4e5f60718' }),
      entry(2, 'key_granted', { record_kind: 'casework', record_id: 'a1b2c3d4e5f60718' }),
      entry(1, 'unlock_failed', { actor: null, actor_name: null }),
      entry(0, 'brand_new_action', { record_kind: 'letter', record_id: 'ffeeddccbbaa' }),
    ])
    const { wrapper } = await mountApp('/settings/access-log', backend)

    const table = wrapper.get('[data-testid="access-log-table"]')
    expect(table.findAll('th').map((th) => th.text())).toEqual(['时间', '用户', '操作', '记录'])
    expect(table.findAll('tbody tr').map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['2026年3月1日 08:00', '王老师', '新建', '学生 0f1e2d3c'],
      ['2026年3月1日 08:00', '王老师', '查看', '学生名单'],
      ['2026年3月1日 08:00', '王老师', '添加用户', '用户 a1b2c3d4'],
      ['2026年3月1日 08:00', '王老师', '授予密钥', '预警档案密钥 → 用户 a1b2c3d4'],
      ['2026年3月1日 08:00', '—', '解锁失败（口令错误）', '—'],
      ['2026年3月1日 08:00', '王老师', 'brand_new_action', 'letter ffeeddcc'],
    ])
    wrapper.unmount()
  })

  it('检查日志链 says the log is intact, with its count', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    backend.verifyVault.mockResolvedValue(report)
    const { wrapper } = await mountApp('/settings/access-log', backend)

    await wrapper.get('[data-testid="access-log-verify"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="access-log-result"]').text()).toBe('访问日志完整（共 12 条）')
    wrapper.unmount()
  })

  it('检查日志链 says from which entry the log was altered (numbers as JSON sends them)', async () => {
    const backend = mockBackend(vaultStatus(staff.principal))
    // Over IPC the 64-bit fields arrive as plain JSON numbers, whatever the generated type says.
    backend.verifyVault.mockResolvedValue({ ...report, log_entries: 12, log_first_broken: 5 } as unknown as VerifyReport)
    const { wrapper } = await mountApp('/settings/access-log', backend)

    await wrapper.get('[data-testid="access-log-verify"]').trigger('click')
    await flushPromises()
    const result = wrapper.get('[data-testid="access-log-result"]')
    expect(result.text()).toContain('第 5 条记录起日志被改动')
    expect(result.attributes('role')).toBe('alert')
    wrapper.unmount()
  })

  it('with no entries, says so', async () => {
    const { wrapper } = await mountApp('/settings/access-log')
    expect(wrapper.get('[data-testid="access-log-table"]').text()).toContain('还没有日志记录。')
    wrapper.unmount()
  })
})
