// The Backend over Tauri IPC: each method is one `invoke` of the command of the same name.
// A Rust test (src-tauri/src/commands/tests.rs) checks that this object invokes exactly the
// `main` commands of src-tauri/commands.list, each from the method named after it.
// Every rejection is turned into an AppError, so the screens see one error shape.
import { invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core'
import type { AccountInfo } from './bindings/AccountInfo'
import type { AppInfo } from './bindings/AppInfo'
import type { Dashboard } from './bindings/Dashboard'
import type { FileDetail } from './bindings/FileDetail'
import type { FileListItem } from './bindings/FileListItem'
import type { FileSummary } from './bindings/FileSummary'
import type { ImportSummary } from './bindings/ImportSummary'
import type { LevelDef } from './bindings/LevelDef'
import type { LogEntry } from './bindings/LogEntry'
import type { RekeyProgress } from './bindings/RekeyProgress'
import type { RosterPreview } from './bindings/RosterPreview'
import type { SetupResult } from './bindings/SetupResult'
import type { Student } from './bindings/Student'
import type { StudentPage } from './bindings/StudentPage'
import type { SupportPlan } from './bindings/SupportPlan'
import type { UserSummary } from './bindings/UserSummary'
import type { VaultStatus } from './bindings/VaultStatus'
import type { VerifyReport } from './bindings/VerifyReport'
import type { RolloverSummary } from './bindings/RolloverSummary'
import type { SessionNote } from './bindings/SessionNote'
import type { Addendum } from './bindings/Addendum'
import type { SessionView } from './bindings/SessionView'
import type { WorkLogRecord } from './bindings/WorkLogRecord'
import type { WorkStats } from './bindings/WorkStats'
import type { LetterSummary } from './bindings/LetterSummary'
import type { LetterView } from './bindings/LetterView'
import type { Instrument } from './bindings/Instrument'
import type { Campaign } from './bindings/Campaign'
import type { ScreeningImportSummary } from './bindings/ScreeningImportSummary'
import type { ReviewList } from './bindings/ReviewList'
import type { ReviewDecision } from './bindings/ReviewDecision'
import type { CampaignSummary } from './bindings/CampaignSummary'
import type { Backend } from './backend'
import { AppError, toAppError } from './errors'

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  if (!isTauri()) {
    throw new AppError('no_backend', `command ${command} needs the desktop app`)
  }
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw toAppError(e)
  }
}

/** A command that answers `null`: wait for it, keep nothing. */
async function run(command: string, args?: InvokeArgs): Promise<void> {
  await call<null>(command, args)
}

export const tauriBackend: Backend = {
  appInfo: () => call<AppInfo>('app_info'),

  vaultStatus: () => call<VaultStatus>('vault_status'),
  setupVault: (input) => call<SetupResult>('setup_vault', { input }),
  unlock: (input) => call<UserSummary>('unlock', { input }),
  lock: () => run('lock'),
  keepAlive: () => call<boolean>('keep_alive'),
  recover: (input) => run('recover', { input }),
  setIdleLock: (minutes) => run('set_idle_lock', { minutes }),

  listUsers: () => call<UserSummary[]>('list_users'),
  addUser: (input) => call<UserSummary>('add_user', { input }),
  changePassphrase: (input) => run('change_passphrase', { input }),
  listAccounts: () => call<AccountInfo[]>('list_accounts'),
  approveUser: (userId, fingerprint) => call<AccountInfo>('approve_user', { userId, fingerprint }),
  disableUser: (userId) => run('disable_user', { userId }),
  enableUser: (userId) => call<AccountInfo>('enable_user', { userId }),
  removeUser: (userId) => run('remove_user', { userId }),
  rekey: (batches) => call<RekeyProgress>('rekey', { batches: batches ?? null }),

  accessLog: (limit) => call<LogEntry[]>('access_log', { limit }),
  verifyVault: () => call<VerifyReport>('verify_vault'),

  listStudents: () => call<Student[]>('list_students'),
  addStudent: (input) => call<Student>('add_student', { input }),
  searchStudents: (query, limit) => call<Student[]>('search_students', { query, limit }),
  previewRoster: (input) => call<RosterPreview>('preview_roster', { input }),
  importRoster: (input) => call<ImportSummary>('import_roster', { input }),

  getLevels: () => call<LevelDef[]>('get_levels'),
  saveLevels: (levels) => call<LevelDef[]>('save_levels', { levels }),
  getCategories: () => call<string[]>('get_categories'),
  saveCategories: (categories) => call<string[]>('save_categories', { categories }),

  openWarningFile: (input) => call<FileSummary>('open_warning_file', { input }),
  listWarningFiles: (filter) => call<FileListItem[]>('list_warning_files', { filter }),
  getWarningFile: (fileId) => call<FileDetail>('get_warning_file', { fileId }),
  addFollowUp: (fileId, input) => call<FileSummary>('add_follow_up', { fileId, input }),
  changeLevel: (fileId, level, reason) => call<FileSummary>('change_level', { fileId, level, reason }),
  setFileStatus: (fileId, status, reason) => call<FileSummary>('set_file_status', { fileId, status, reason }),
  recordReferral: (fileId, input) => call<FileSummary>('record_referral', { fileId, input }),
  recordReferralFeedback: (fileId, input) => call<FileSummary>('record_referral_feedback', { fileId, input }),
  recordReturnAssessment: (fileId, input) => call<FileSummary>('record_return_assessment', { fileId, input }),
  recordParentContact: (fileId, input) => call<FileSummary>('record_parent_contact', { fileId, input }),
  recordHomeVisit: (fileId, input) => call<FileSummary>('record_home_visit', { fileId, input }),
  recordCrisis: (studentId, input) => call<FileSummary>('record_crisis', { studentId, input }),
  shareFile: (fileId, ownerId, sharedWith) => call<FileSummary>('share_file', { fileId, ownerId, sharedWith }),

  getDashboard: () => call<Dashboard>('get_dashboard'),
  getStudentPage: (studentId) => call<StudentPage>('get_student_page', { studentId }),
  saveSupportPlan: (studentId, input) => call<SupportPlan>('save_support_plan', { studentId, input }),

  rollOverSchoolYear: (dryRun) => call<RolloverSummary>('roll_over_school_year', { dryRun }),
  setStudentStatus: (id, status) => call<Student>('set_student_status', { id, status }),
  createSession: (input) => call<SessionNote>('create_session', { input }),
  updateSession: (id, input) => call<SessionNote>('update_session', { id, input }),
  signSession: (id) => call<SessionNote>('sign_session', { id }),
  shareSession: (id, withUsers) => call<SessionNote>('share_session', { id, with: withUsers }),
  addAddendum: (id, text) => call<Addendum>('add_addendum', { id, text }),
  getSession: (id) => call<SessionView>('get_session', { id }),
  listSessions: (studentId) => call<SessionView[]>('list_sessions', { studentId }),
  addWorkLog: (entry) => call<WorkLogRecord>('add_work_log', { entry }),
  listWorkLog: (from, to) => call<WorkLogRecord[]>('list_work_log', { from, to }),
  getWorkStats: (from, to) => call<WorkStats>('get_work_stats', { from, to }),
  mailboxInbox: () => call<LetterSummary[]>('mailbox_inbox'),
  readLetter: (id) => call<LetterView>('read_letter', { id }),
  replyLetter: (id, text, postedWhere) => run('reply_letter', { id, text, postedWhere }),
  addPaperLetter: (input) => call<LetterSummary>('add_paper_letter', { input }),
  updateLetter: (id, status, category, urgent) => run('update_letter', { id, status, category, urgent }),
  linkLetter: (id, fileId) => run('link_letter', { id, fileId }),
  mailboxKeyFingerprint: () => call<string | null>('mailbox_key_fingerprint'),
  getCrisisTerms: () => call<string[]>('get_crisis_terms'),
  saveCrisisTerms: (terms) => call<string[]>('save_crisis_terms', { terms }),
  enterKiosk: () => run('enter_kiosk'),

  listInstruments: () => call<Instrument[]>('list_instruments'),
  addInstrument: (definition) => call<Instrument>('add_instrument', { definition }),
  listCampaigns: () => call<Campaign[]>('list_campaigns'),
  createCampaign: (input) => call<Campaign>('create_campaign', { input }),
  setConsent: (campaignId, notice, optOuts) => call<Campaign>('set_consent', { campaignId, notice, optOuts }),
  setReviewThreshold: (campaignId, instrument, threshold) => call<Campaign>('set_review_threshold', { campaignId, instrument, threshold }),
  importScreening: (campaignId, instrument, upload, dryRun) => call<ScreeningImportSummary>('import_screening', { campaignId, instrument, upload, dryRun }),
  getReviewList: (campaignId) => call<ReviewList>('get_review_list', { campaignId }),
  decideReview: (resultId, outcome, note) => call<ReviewDecision>('decide_review', { resultId, outcome, note }),
  openFileFromScreening: (resultId, level, categories, reason) => call<FileSummary>('open_file_from_screening', { resultId, level, categories, reason }),
  getCampaignSummary: (campaignId) => call<CampaignSummary>('get_campaign_summary', { campaignId }),
}
