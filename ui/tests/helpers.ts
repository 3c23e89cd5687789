// Test helpers: mount the real app (or one page) with Element Plus, i18n and a memory router,
// and a mock Backend whose answers each test chooses. By default the vault is set up and a
// counselor is unlocked, so a test of a page starts on that page.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import type { CommandError } from '@/api/bindings/CommandError'
import type { ErrorDetails } from '@/api/bindings/ErrorDetails'
import { setBackend, type AccountInfo, type Backend, type Dashboard, type LevelDef, type Role, type UserSummary, type VaultStatus } from '@/api'
import App from '@/app/App.vue'
import { i18n } from '@/app/i18n'
import { createAppRouter } from '@/app/router'
import { resetUnlocked } from '@/app/unlocked/unlocked'

export type MockBackend = { [K in keyof Backend]: ReturnType<typeof vi.fn<Backend[K]>> }

/** Staff of a small school, one per role. */
export const staff: Record<Role, UserSummary> = {
  counselor: { id: '7f3a9c1e-counselor', name: '王老师', role: 'counselor' },
  teacher: { id: '2b8d4e6f-teacher', name: '李老师', role: 'teacher' },
  principal: { id: '9c0e1a2b-principal', name: '张校长', role: 'principal' },
  admin: { id: '5d6e7f80-admin', name: '赵老师', role: 'admin' },
}

/** Each staff member's key fingerprint, as the backend shows it (five groups of four hex digits). */
export const fingerprints: Record<Role, string> = {
  counselor: '3F2A-91C0-77E4-0B1D-A95C',
  teacher: '8C1E-4B7A-D203-96F5-E0A8',
  principal: '51D9-0A6C-B3E7-2F48-7C1B',
  admin: 'A4E0-7F19-3C2D-B865-0D9E',
}

/** A staff member's account as `list_accounts` answers it: active, their own passphrase, vouched for. */
export function accountInfo(user: UserSummary, overrides: Partial<AccountInfo> = {}): AccountInfo {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    status: 'active',
    own_passphrase: true,
    created_by: user.role === 'counselor' ? null : staff.counselor.name,
    created_at: '2026-02-20T08:00:00Z',
    fingerprint: fingerprints[user.role],
    vouched: true,
    ...overrides,
  }
}

/** The backend's default levels of attention (一级 every day, 二级 every week, 三级 every month). */
export const defaultLevels: LevelDef[] = [
  { rank: 1, name: '一级', follow_up_days: 1, color: '#d93026' },
  { rank: 2, name: '二级', follow_up_days: 7, color: '#e8710a' },
  { rank: 3, name: '三级', follow_up_days: 30, color: '#d4a106' },
]

/** The backend's default categories of concern. */
export const defaultCategories: string[] = ['学业压力', '人际关系', '家庭变故', '情绪困扰', '网络沉迷', '校园欺凌', '自伤风险', '其他']

/** A dashboard with nothing due and no open files. */
export function emptyDashboard(today = '2026-03-02'): Dashboard {
  return {
    today,
    overdue: [],
    due_today: [],
    due_this_week: [],
    open_by_level: defaultLevels.map((level) => ({ level, count: 0 })),
    recent_crises: [],
  }
}

/** The status of a set-up vault, with `user` unlocked (or nobody: null). */
export function vaultStatus(user: UserSummary | null, overrides: Partial<VaultStatus> = {}): VaultStatus {
  return {
    initialized: true,
    school_name: '第一中学',
    users: Object.values(staff),
    current_user: user,
    idle_lock_minutes: 10,
    must_set_passphrase: false,
    awaiting_approval: false,
    unreadable_records: 0,
    ...overrides,
  }
}

/** The status before set-up. */
export const uninitialized: VaultStatus = {
  initialized: false,
  school_name: null,
  users: [],
  current_user: null,
  idle_lock_minutes: 0,
  must_set_passphrase: false,
  awaiting_approval: false,
  unreadable_records: 0,
}

/**
 * A Backend where every command is a vi.fn(); `status` is what vault_status answers
 * (default: a counselor unlocked). Lists start empty; give each test's answers with mockResolvedValue.
 */
export function mockBackend(status: VaultStatus = vaultStatus(staff.counselor)): MockBackend {
  return {
    appInfo: vi.fn<Backend['appInfo']>(),
    vaultStatus: vi.fn<Backend['vaultStatus']>().mockResolvedValue(status),
    setupVault: vi.fn<Backend['setupVault']>(),
    unlock: vi.fn<Backend['unlock']>(),
    lock: vi.fn<Backend['lock']>().mockResolvedValue(undefined),
    keepAlive: vi.fn<Backend['keepAlive']>().mockResolvedValue(true),
    recover: vi.fn<Backend['recover']>().mockResolvedValue(undefined),
    setIdleLock: vi.fn<Backend['setIdleLock']>().mockResolvedValue(undefined),
    listUsers: vi.fn<Backend['listUsers']>().mockResolvedValue(status.users),
    addUser: vi.fn<Backend['addUser']>(),
    changePassphrase: vi.fn<Backend['changePassphrase']>().mockResolvedValue(undefined),
    listAccounts: vi.fn<Backend['listAccounts']>().mockResolvedValue(status.users.map((u) => accountInfo(u))),
    approveUser: vi.fn<Backend['approveUser']>(),
    disableUser: vi.fn<Backend['disableUser']>().mockResolvedValue(undefined),
    enableUser: vi.fn<Backend['enableUser']>(),
    removeUser: vi.fn<Backend['removeUser']>().mockResolvedValue(undefined),
    rekey: vi.fn<Backend['rekey']>().mockResolvedValue({ resealed: 0n, remaining: 0n, done: true }),
    accessLog: vi.fn<Backend['accessLog']>().mockResolvedValue([]),
    verifyVault: vi.fn<Backend['verifyVault']>(),
    listStudents: vi.fn<Backend['listStudents']>().mockResolvedValue([]),
    addStudent: vi.fn<Backend['addStudent']>(),
    searchStudents: vi.fn<Backend['searchStudents']>().mockResolvedValue([]),
    previewRoster: vi.fn<Backend['previewRoster']>(),
    importRoster: vi.fn<Backend['importRoster']>(),
    getLevels: vi.fn<Backend['getLevels']>().mockResolvedValue(defaultLevels),
    saveLevels: vi.fn<Backend['saveLevels']>(),
    getCategories: vi.fn<Backend['getCategories']>().mockResolvedValue(defaultCategories),
    saveCategories: vi.fn<Backend['saveCategories']>(),
    openWarningFile: vi.fn<Backend['openWarningFile']>(),
    listWarningFiles: vi.fn<Backend['listWarningFiles']>().mockResolvedValue([]),
    getWarningFile: vi.fn<Backend['getWarningFile']>(),
    addFollowUp: vi.fn<Backend['addFollowUp']>(),
    changeLevel: vi.fn<Backend['changeLevel']>(),
    setFileStatus: vi.fn<Backend['setFileStatus']>(),
    recordReferral: vi.fn<Backend['recordReferral']>(),
    recordReferralFeedback: vi.fn<Backend['recordReferralFeedback']>(),
    recordReturnAssessment: vi.fn<Backend['recordReturnAssessment']>(),
    recordParentContact: vi.fn<Backend['recordParentContact']>(),
    recordHomeVisit: vi.fn<Backend['recordHomeVisit']>(),
    recordCrisis: vi.fn<Backend['recordCrisis']>(),
    shareFile: vi.fn<Backend['shareFile']>(),
    getDashboard: vi.fn<Backend['getDashboard']>().mockResolvedValue(emptyDashboard()),
    getStudentPage: vi.fn<Backend['getStudentPage']>(),
    saveSupportPlan: vi.fn<Backend['saveSupportPlan']>(),
    rollOverSchoolYear: vi.fn<Backend['rollOverSchoolYear']>(),
    setStudentStatus: vi.fn<Backend['setStudentStatus']>(),
    createSession: vi.fn<Backend['createSession']>(),
    updateSession: vi.fn<Backend['updateSession']>(),
    signSession: vi.fn<Backend['signSession']>(),
    shareSession: vi.fn<Backend['shareSession']>(),
    addAddendum: vi.fn<Backend['addAddendum']>(),
    getSession: vi.fn<Backend['getSession']>(),
    listSessions: vi.fn<Backend['listSessions']>().mockResolvedValue([]),
    addWorkLog: vi.fn<Backend['addWorkLog']>(),
    listWorkLog: vi.fn<Backend['listWorkLog']>().mockResolvedValue([]),
    getWorkStats: vi.fn<Backend['getWorkStats']>(),
    mailboxInbox: vi.fn<Backend['mailboxInbox']>().mockResolvedValue([]),
    readLetter: vi.fn<Backend['readLetter']>(),
    replyLetter: vi.fn<Backend['replyLetter']>().mockResolvedValue(undefined),
    addPaperLetter: vi.fn<Backend['addPaperLetter']>(),
    updateLetter: vi.fn<Backend['updateLetter']>().mockResolvedValue(undefined),
    linkLetter: vi.fn<Backend['linkLetter']>().mockResolvedValue(undefined),
    mailboxKeyFingerprint: vi.fn<Backend['mailboxKeyFingerprint']>().mockResolvedValue('3F2A-91C0-77E4-0B1D-A95C'),
    getCrisisTerms: vi.fn<Backend['getCrisisTerms']>().mockResolvedValue([]),
    saveCrisisTerms: vi.fn<Backend['saveCrisisTerms']>(),
    enterKiosk: vi.fn<Backend['enterKiosk']>().mockResolvedValue(undefined),
    listInstruments: vi.fn<Backend['listInstruments']>().mockResolvedValue([]),
    addInstrument: vi.fn<Backend['addInstrument']>(),
    listCampaigns: vi.fn<Backend['listCampaigns']>().mockResolvedValue([]),
    createCampaign: vi.fn<Backend['createCampaign']>(),
    setConsent: vi.fn<Backend['setConsent']>(),
    setReviewThreshold: vi.fn<Backend['setReviewThreshold']>(),
    importScreening: vi.fn<Backend['importScreening']>(),
    getReviewList: vi.fn<Backend['getReviewList']>(),
    decideReview: vi.fn<Backend['decideReview']>(),
    openFileFromScreening: vi.fn<Backend['openFileFromScreening']>(),
    getCampaignSummary: vi.fn<Backend['getCampaignSummary']>(),
  }
}

/**
 * The whole app, opened at `path` against `backend` (default: a counselor unlocked),
 * attached to the document so keys and focus behave.
 */
export async function mountApp(path: string, backend: MockBackend = mockBackend()) {
  setBackend(backend)
  resetUnlocked()
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const wrapper = mount(App, {
    global: { plugins: [ElementPlus, i18n, router] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router, backend }
}

/** Press a key as a person would: keydown on whatever has focus, bubbling to the window. */
export function press(key: string): void {
  const target = document.activeElement ?? document.body
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
}

/**
 * Do `act` (typing into a box that searches after a pause, say) and let `ms` pass on a fake
 * clock instead of sleeping; then let the answers arrive. Only setTimeout is faked, and only
 * meanwhile: flushPromises and Element Plus keep their real timers.
 */
export async function letTimePass(ms: number, act: () => unknown): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  try {
    await act()
    await vi.advanceTimersByTimeAsync(ms)
  } finally {
    vi.useRealTimers()
  }
  await flushPromises()
}

/** What a command rejects with: a code and the typed details the UI words (the message is the CLI's text, never shown for a known code). */
export function rejection(code: string, details: ErrorDetails = {}, message = `(CLI text for ${code})`): CommandError {
  return { code, message, details }
}
