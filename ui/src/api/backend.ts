// The one interface through which the screens reach the Rust backend: one method per command.
// `tauri.ts` implements it with `invoke`; tests plug in a mock with `setBackend()`.
// Its methods are the `main` commands of src-tauri/commands.list in camelCase, as a Rust test
// (src-tauri/src/commands/tests.rs) checks.
import type { AccountInfo } from './bindings/AccountInfo'
import type { AddUserInput } from './bindings/AddUserInput'
import type { AppInfo } from './bindings/AppInfo'
import type { ChangePassphraseInput } from './bindings/ChangePassphraseInput'
import type { CrisisInput } from './bindings/CrisisInput'
import type { Dashboard } from './bindings/Dashboard'
import type { FeedbackInput } from './bindings/FeedbackInput'
import type { FileDetail } from './bindings/FileDetail'
import type { FileFilter } from './bindings/FileFilter'
import type { FileListItem } from './bindings/FileListItem'
import type { FileStatus } from './bindings/FileStatus'
import type { FileSummary } from './bindings/FileSummary'
import type { FollowUpInput } from './bindings/FollowUpInput'
import type { HomeVisitInput } from './bindings/HomeVisitInput'
import type { ImportSummary } from './bindings/ImportSummary'
import type { LevelDef } from './bindings/LevelDef'
import type { LogEntry } from './bindings/LogEntry'
import type { OpenFileInput } from './bindings/OpenFileInput'
import type { ParentContactInput } from './bindings/ParentContactInput'
import type { PlanInput } from './bindings/PlanInput'
import type { RecoverInput } from './bindings/RecoverInput'
import type { RekeyProgress } from './bindings/RekeyProgress'
import type { ReferralInput } from './bindings/ReferralInput'
import type { ReturnAssessmentInput } from './bindings/ReturnAssessmentInput'
import type { RosterImportInput } from './bindings/RosterImportInput'
import type { RosterPreview } from './bindings/RosterPreview'
import type { RosterUpload } from './bindings/RosterUpload'
import type { SetupInput } from './bindings/SetupInput'
import type { SetupResult } from './bindings/SetupResult'
import type { Student } from './bindings/Student'
import type { StudentInput } from './bindings/StudentInput'
import type { StudentPage } from './bindings/StudentPage'
import type { SupportPlan } from './bindings/SupportPlan'
import type { UnlockInput } from './bindings/UnlockInput'
import type { UserSummary } from './bindings/UserSummary'
import type { VaultStatus } from './bindings/VaultStatus'
import type { VerifyReport } from './bindings/VerifyReport'
import type { RolloverSummary } from './bindings/RolloverSummary'
import type { StudentStatus } from './bindings/StudentStatus'
import type { SessionInput } from './bindings/SessionInput'
import type { SessionNote } from './bindings/SessionNote'
import type { Addendum } from './bindings/Addendum'
import type { SessionView } from './bindings/SessionView'
import type { WorkLogEntry } from './bindings/WorkLogEntry'
import type { WorkLogRecord } from './bindings/WorkLogRecord'
import type { WorkStats } from './bindings/WorkStats'
import type { LetterSummary } from './bindings/LetterSummary'
import type { LetterView } from './bindings/LetterView'
import type { PaperLetterInput } from './bindings/PaperLetterInput'
import type { LetterStatus } from './bindings/LetterStatus'
import type { Instrument } from './bindings/Instrument'
import type { Campaign } from './bindings/Campaign'
import type { CampaignInput } from './bindings/CampaignInput'
import type { ConsentNotice } from './bindings/ConsentNotice'
import type { ScreeningImportSummary } from './bindings/ScreeningImportSummary'
import type { ReviewList } from './bindings/ReviewList'
import type { ReviewOutcome } from './bindings/ReviewOutcome'
import type { ReviewDecision } from './bindings/ReviewDecision'
import type { CampaignSummary } from './bindings/CampaignSummary'

export interface Backend {
  /** Command `app_info`: the product name and the versions of this build. */
  appInfo(): Promise<AppInfo>

  /** Command `vault_status`: set up or not, the school, the accounts, who is unlocked. */
  vaultStatus(): Promise<VaultStatus>
  /** Command `setup_vault`: create the vault and its first counselor (takes seconds: Argon2id calibration). */
  setupVault(input: SetupInput): Promise<SetupResult>
  /** Command `unlock`: derive the user's keys from the passphrase. */
  unlock(input: UnlockInput): Promise<UserSummary>
  /** Command `lock`: drop the keys. */
  lock(): Promise<void>
  /** Command `keep_alive`: someone is at the PC, so the backend's idle lock starts over. */
  keepAlive(): Promise<boolean>
  /** Command `recover`: reset a forgotten passphrase with the recovery code. */
  recover(input: RecoverInput): Promise<void>
  /** Command `set_idle_lock`: minutes of inactivity before the vault locks itself (0: never). */
  setIdleLock(minutes: number): Promise<void>

  /** Command `list_users`: the accounts to choose from on the lock screen (no unlock needed). */
  listUsers(): Promise<UserSummary[]>
  /** Command `add_user`: a new staff account; it stays pending until its user sets their own passphrase and a counselor approves it. */
  addUser(input: AddUserInput): Promise<UserSummary>
  /** Command `change_passphrase`: the unlocked user's own passphrase (a fresh key pair, so a new fingerprint). */
  changePassphrase(input: ChangePassphraseInput): Promise<void>
  /** Command `list_accounts`: every account with status, creator and key fingerprint; `vouched` only for a counselor. */
  listAccounts(): Promise<AccountInfo[]>
  /** Command `approve_user`: approve a pending account, or confirm a changed key, with the fingerprint compared with the user's own screen (counselor). */
  approveUser(userId: string, fingerprint: string): Promise<AccountInfo>
  /** Command `disable_user`: the account can no longer unlock and loses its keys (counselor or admin). */
  disableUser(userId: string): Promise<void>
  /** Command `enable_user`: a disabled account again: active with its keys, or pending a counselor's approval (counselor or admin). */
  enableUser(userId: string): Promise<AccountInfo>
  /** Command `remove_user`: delete the account with its key (counselor). */
  removeUser(userId: string): Promise<void>
  /**
   * Command `rekey`: rotate every key and re-seal every record, after an account was disabled or
   * removed (counselor). With `batches`, it stops after that many batches of records and says
   * how many remain, so the caller can show progress and call again; without, it runs to the end.
   */
  rekey(batches?: number): Promise<RekeyProgress>

  /** Command `access_log`: the newest `limit` entries, newest first. */
  accessLog(limit: number): Promise<LogEntry[]>
  /** Command `verify_vault`: database, records this role can open, and the access-log chain. */
  verifyVault(): Promise<VerifyReport>

  /** Command `list_students`: every student this role may see. */
  listStudents(): Promise<Student[]>
  /** Command `add_student`: a new student (counselor only). */
  addStudent(input: StudentInput): Promise<Student>
  /** Command `search_students`: students matching name, 学号, class or pinyin, best first, at most `limit`. */
  searchStudents(query: string, limit: number): Promise<Student[]>
  /** Command `preview_roster`: read a roster file (header, column guesses, rows); nothing is written. */
  previewRoster(input: RosterUpload): Promise<RosterPreview>
  /** Command `import_roster`: import (or with `dry_run` only check) a roster, all or nothing. */
  importRoster(input: RosterImportInput): Promise<ImportSummary>

  /** Command `get_levels`: the school's levels of attention, rank 1 (most urgent) first. */
  getLevels(): Promise<LevelDef[]>
  /** Command `save_levels`: replace the levels (counselor); answers them as stored. */
  saveLevels(levels: LevelDef[]): Promise<LevelDef[]>
  /** Command `get_categories`: the school's categories of concern. */
  getCategories(): Promise<string[]>
  /** Command `save_categories`: replace the categories (counselor); answers them as stored. */
  saveCategories(categories: string[]): Promise<string[]>

  /** Command `open_warning_file`: open a warning file for a student (counselor). */
  openWarningFile(input: OpenFileInput): Promise<FileSummary>
  /** Command `list_warning_files`: the files this role may see, narrowed by `filter`. */
  listWarningFiles(filter: FileFilter): Promise<FileListItem[]>
  /** Command `get_warning_file`: one file; no narrative and no events for a principal. */
  getWarningFile(fileId: string): Promise<FileDetail>
  /** Command `add_follow_up`: a follow-up (跟踪记录) on a file. */
  addFollowUp(fileId: string, input: FollowUpInput): Promise<FileSummary>
  /** Command `change_level`: a new level of attention, with the reason (counselor). */
  changeLevel(fileId: string, level: number, reason: string): Promise<FileSummary>
  /** Command `set_file_status`: a new status, with the reason; `closed` is 解除 (counselor). */
  setFileStatus(fileId: string, status: FileStatus, reason: string): Promise<FileSummary>
  /** Command `record_referral`: a referral (转介) and the guardians' notification. */
  recordReferral(fileId: string, input: ReferralInput): Promise<FileSummary>
  /** Command `record_referral_feedback`: the institution's feedback, as given. */
  recordReferralFeedback(fileId: string, input: FeedbackInput): Promise<FileSummary>
  /** Command `record_return_assessment`: a return-to-school assessment (复学评估, counselor). */
  recordReturnAssessment(fileId: string, input: ReturnAssessmentInput): Promise<FileSummary>
  /** Command `record_parent_contact`: a conversation with the family (家校沟通). */
  recordParentContact(fileId: string, input: ParentContactInput): Promise<FileSummary>
  /** Command `record_home_visit`: a home visit (家访). */
  recordHomeVisit(fileId: string, input: HomeVisitInput): Promise<FileSummary>
  /** Command `record_crisis`: a crisis event (危机事件) for a student (counselor); opens a file if none is open. */
  recordCrisis(studentId: string, input: CrisisInput): Promise<FileSummary>
  /** Command `share_file`: assign a file to an owner and share it with colleagues (counselor). */
  shareFile(fileId: string, ownerId: string, sharedWith: string[]): Promise<FileSummary>

  /** Command `get_dashboard`: due and overdue follow-ups, open files per level, recent crises. */
  getDashboard(): Promise<Dashboard>
  /** Command `get_student_page`: profile, files, 一生一策 and the chronology, newest first. */
  getStudentPage(studentId: string): Promise<StudentPage>
  /** Command `save_support_plan`: write or rewrite the student's 一生一策. */
  saveSupportPlan(studentId: string, input: PlanInput): Promise<SupportPlan>

  /** Command `roll_over_school_year`: everyone in school moves up a grade, the top grade graduates; `dryRun` only previews (counselor). */
  rollOverSchoolYear(dryRun: boolean): Promise<RolloverSummary>
  /** Command `set_student_status`: 在读/休学/转出/毕业 (counselor). */
  setStudentStatus(id: string, status: StudentStatus): Promise<Student>
  /** Command `create_session`: a new one-to-one note, as a draft. */
  createSession(input: SessionInput): Promise<SessionNote>
  /** Command `update_session`: edit a draft (its author, within 48 hours). */
  updateSession(id: string, input: SessionInput): Promise<SessionNote>
  /** Command `sign_session`: sign a note; from now on only addenda. */
  signSession(id: string): Promise<SessionNote>
  /** Command `share_session`: share a note with colleagues (its author or a counselor); replaces the list. */
  shareSession(id: string, withUsers: string[]): Promise<SessionNote>
  /** Command `add_addendum`: a dated addendum to a locked note (its author). */
  addAddendum(id: string, text: string): Promise<Addendum>
  /** Command `get_session`: one note with its addenda (logged as a view). */
  getSession(id: string): Promise<SessionView>
  /** Command `list_sessions`: the notes this user may read, newest first; of one student when given. */
  listSessions(studentId: string | null): Promise<SessionView[]>
  /** Command `add_work_log`: a group session, hotline referral, training or activity. */
  addWorkLog(entry: WorkLogEntry): Promise<WorkLogRecord>
  /** Command `list_work_log`: the work log between two days (`YYYY-MM-DD`, both included), newest first. */
  listWorkLog(from: string, to: string): Promise<WorkLogRecord[]>
  /** Command `get_work_stats`: the figures of a period (年度工作统计). */
  getWorkStats(from: string, to: string): Promise<WorkStats>
  /** Command `mailbox_inbox`: letters, urgent first, then unread, then newest (counselor). */
  mailboxInbox(): Promise<LetterSummary[]>
  /** Command `read_letter`: open a letter (logged); an unread letter becomes read. */
  readLetter(id: string): Promise<LetterView>
  /** Command `reply_letter`: a kiosk letter's reply is sealed for its pickup code; a paper letter's needs `postedWhere`. */
  replyLetter(id: string, text: string, postedWhere: string): Promise<void>
  /** Command `add_paper_letter`: type in a paper letter from the box. */
  addPaperLetter(input: PaperLetterInput): Promise<LetterSummary>
  /** Command `update_letter`: status (e.g. archive), category and urgency by hand. */
  updateLetter(id: string, status: LetterStatus, category: string, urgent: boolean): Promise<void>
  /** Command `link_letter`: link a letter to a warning file by the counselor's judgment (`null` unlinks). */
  linkLetter(id: string, fileId: string | null): Promise<void>
  /** Command `mailbox_key_fingerprint`: the fingerprint of the key the kiosk seals letters to. */
  mailboxKeyFingerprint(): Promise<string | null>
  /** Command `get_crisis_terms`: the crisis lexicon that marks letters urgent. */
  getCrisisTerms(): Promise<string[]>
  /** Command `save_crisis_terms`: replace the crisis lexicon (counselor). */
  saveCrisisTerms(terms: string[]): Promise<string[]>
  /** Command `enter_kiosk`: lock, hide the workbench and open the kiosk window until a counselor unlocks. */
  enterKiosk(): Promise<void>

  /** Command `list_instruments`: the shipped instruments and the school's own. */
  listInstruments(): Promise<Instrument[]>
  /** Command `add_instrument`: add a school's own definition (TOML text), checked on load. */
  addInstrument(definition: string): Promise<Instrument>
  /** Command `list_campaigns`: every campaign, newest first (counselor). */
  listCampaigns(): Promise<Campaign[]>
  /** Command `create_campaign`: a new campaign. */
  createCampaign(input: CampaignInput): Promise<Campaign>
  /** Command `set_consent`: the guardians' notice and the opted-out students (ids). */
  setConsent(campaignId: string, notice: ConsentNotice | null, optOuts: string[]): Promise<Campaign>
  /** Command `set_review_threshold`: the campaign's threshold for one instrument. */
  setReviewThreshold(campaignId: string, instrument: string, threshold: number): Promise<Campaign>
  /** Command `import_screening`: a platform's export for one instrument, all or nothing (`dryRun` only checks). */
  importScreening(campaignId: string, instrument: string, upload: RosterUpload, dryRun: boolean): Promise<ScreeningImportSummary>
  /** Command `get_review_list`: the campaign's 筛查关注名单, critical items first. */
  getReviewList(campaignId: string): Promise<ReviewList>
  /** Command `decide_review`: no concern or interview scheduled (a file goes through `openFileFromScreening`). */
  decideReview(resultId: string, outcome: ReviewOutcome, note: string): Promise<ReviewDecision>
  /** Command `open_file_from_screening`: open a warning file (source 心理测评) and record the decision. */
  openFileFromScreening(resultId: string, level: number, categories: string[], reason: string): Promise<FileSummary>
  /** Command `get_campaign_summary`: coverage and band counts by grade (counts only). */
  getCampaignSummary(campaignId: string): Promise<CampaignSummary>
}
