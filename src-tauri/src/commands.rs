//! The commands the UI may call: one-line delegations into `xinyu-core`.
//! Each is declared in `build.rs` and granted by name in `capabilities/`. Commands that derive
//! keys (Argon2id, about a second) are `async` so they run off the UI thread.

use std::time::Duration;

use chrono::NaiveDate;
use tauri::State;
use xinyu_core::casework::{
    CrisisInput, Dashboard, FeedbackInput, FileDetail, FileFilter, FileListItem, FileStatus,
    FileSummary, FollowUpInput, HomeVisitInput, LevelDef, OpenFileInput, ParentContactInput,
    PlanInput, ReferralInput, ReturnAssessmentInput, StudentPage, SupportPlan,
};
use xinyu_core::mailbox::{
    KioskInfo, KioskReceipt, KioskReply, LetterStatus, LetterSummary, LetterView, PaperLetterInput,
};
use xinyu_core::notes::{
    Addendum, SessionInput, SessionNote, SessionView, WorkLogEntry, WorkLogRecord, WorkStats,
};
use xinyu_core::roster::{ImportSummary, RosterPreview, Student, StudentInput};
use xinyu_core::roster::{RolloverSummary, StudentStatus};
use xinyu_core::screening::{
    Campaign, CampaignInput, CampaignSummary, ConsentNotice, Instrument, ReviewDecision,
    ReviewList, ReviewOutcome, ScreeningImportSummary,
};
use xinyu_core::vault::{
    AddUserInput, ChangePassphraseInput, LogEntry, RecoverInput, RosterImportInput, RosterUpload,
    SetupInput, SetupResult, UnlockInput, UserSummary, VaultStatus, VerifyReport,
};
use xinyu_core::{AppInfo, CommandError, KdfParams, NewVault, Vault};

use crate::state::AppState;

type Res<T> = Result<T, CommandError>;

/// The product name and the versions of this build, for the about page.
#[tauri::command]
pub fn app_info() -> Res<AppInfo> {
    Ok(xinyu_core::app_info())
}

/// Which screen to show: set-up, lock screen or workbench.
#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> Res<VaultStatus> {
    state.status()
}

/// Create the vault with its first counselor; returns the recovery code, shown once.
#[tauri::command]
pub async fn setup_vault(state: State<'_, AppState>, input: SetupInput) -> Res<SetupResult> {
    let kdf = kdf_for_setup();
    let (vault, code) = Vault::create(
        state.dir(),
        NewVault {
            school_name: &input.school_name,
            user_name: &input.user_name,
            passphrase: &input.passphrase,
            kdf,
        },
    )?;
    let user = vault
        .status()?
        .current_user
        .ok_or_else(|| CommandError::from(xinyu_core::Error::Locked))?;
    state.install(vault)?;
    Ok(SetupResult {
        recovery_code: code.to_string(),
        user,
    })
}

/// Argon2id parameters for a new vault: calibrated on this PC (about 0.75 s per unlock), or
/// the minimum (64 MiB, t=1) when `XINYU_KDF=minimum`, as the end-to-end tests set.
fn kdf_for_setup() -> KdfParams {
    if std::env::var("XINYU_KDF").is_ok_and(|v| v == "minimum") {
        KdfParams::for_tests()
    } else {
        KdfParams::calibrate(Duration::from_millis(750))
    }
}

/// Unlock as a user.
#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, input: UnlockInput) -> Res<UserSummary> {
    state.with_vault(|v| v.unlock(&input.user_name, &input.passphrase))
}

/// Lock: drop every key.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Res<()> {
    state.with_vault(|v| v.lock())
}

/// Someone is at the PC: the idle lock starts over. Returns whether the vault is unlocked.
#[tauri::command]
pub async fn keep_alive(state: State<'_, AppState>) -> Res<bool> {
    state.with_vault(|v| Ok(v.is_unlocked()))
}

/// Staff accounts.
#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> Res<Vec<UserSummary>> {
    state.with_vault(|v| v.users())
}

/// Add a staff account.
#[tauri::command]
pub async fn add_user(state: State<'_, AppState>, input: AddUserInput) -> Res<UserSummary> {
    state.with_vault(|v| {
        v.accounts()?
            .add_user(&input.name, input.role, &input.passphrase)
    })
}

/// Change the unlocked user's passphrase.
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    input: ChangePassphraseInput,
) -> Res<()> {
    state.with_vault(|v| {
        v.accounts()?
            .change_passphrase(&input.old_passphrase, &input.new_passphrase)
    })
}

/// Reset a forgotten passphrase with the recovery code.
#[tauri::command]
pub async fn recover(state: State<'_, AppState>, input: RecoverInput) -> Res<()> {
    state.with_vault(|v| {
        v.recover(
            &input.user_name,
            &input.recovery_code,
            &input.new_passphrase,
        )
    })
}

/// The newest access-log entries.
#[tauri::command]
pub async fn access_log(state: State<'_, AppState>, limit: i64) -> Res<Vec<LogEntry>> {
    state.with_vault(|v| v.audit()?.access_log(limit))
}

/// The integrity check.
#[tauri::command]
pub async fn verify_vault(state: State<'_, AppState>) -> Res<VerifyReport> {
    state.with_vault(|v| v.audit()?.verify())
}

/// Set the idle lock in minutes (0: off).
#[tauri::command]
pub async fn set_idle_lock(state: State<'_, AppState>, minutes: u32) -> Res<()> {
    state.with_vault(|v| v.accounts()?.set_idle_lock_minutes(minutes))
}

/// Add a student.
#[tauri::command]
pub async fn add_student(state: State<'_, AppState>, input: StudentInput) -> Res<Student> {
    state.with_vault(|v| v.roster()?.add_student(input))
}

/// The student list (logged as one view).
#[tauri::command]
pub async fn list_students(state: State<'_, AppState>) -> Res<Vec<Student>> {
    state.with_vault(|v| v.roster()?.list_students())
}

/// Students matching what was typed (name, 学号, class, pinyin), best first.
#[tauri::command]
pub async fn search_students(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> Res<Vec<Student>> {
    state.with_vault(|v| v.roster()?.search_students(&query, limit.min(200)))
}

/// Read a roster file for the import preview; nothing is written.
#[tauri::command]
pub async fn preview_roster(state: State<'_, AppState>, input: RosterUpload) -> Res<RosterPreview> {
    state.with_vault(|v| v.roster()?.preview_roster(&input.bytes, &input.file_name))
}

/// Import a roster file with the confirmed mapping, all or nothing (or only check it).
#[tauri::command]
pub async fn import_roster(
    state: State<'_, AppState>,
    input: RosterImportInput,
) -> Res<ImportSummary> {
    state.with_vault(|v| v.roster()?.import_roster(&input))
}

/// The school's levels of attention.
#[tauri::command]
pub async fn get_levels(state: State<'_, AppState>) -> Res<Vec<LevelDef>> {
    state.with_vault(|v| v.casework()?.levels())
}

/// Replace the levels (counselor).
#[tauri::command]
pub async fn save_levels(state: State<'_, AppState>, levels: Vec<LevelDef>) -> Res<Vec<LevelDef>> {
    state.with_vault(|v| v.casework()?.set_levels(levels))
}

/// The school's categories of concern.
#[tauri::command]
pub async fn get_categories(state: State<'_, AppState>) -> Res<Vec<String>> {
    state.with_vault(|v| v.casework()?.categories())
}

/// Replace the categories (counselor).
#[tauri::command]
pub async fn save_categories(
    state: State<'_, AppState>,
    categories: Vec<String>,
) -> Res<Vec<String>> {
    state.with_vault(|v| v.casework()?.set_categories(categories))
}

/// Open a warning file.
#[tauri::command]
pub async fn open_warning_file(
    state: State<'_, AppState>,
    input: OpenFileInput,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.open_warning_file(input))
}

/// The warning-file list with its filters (logged as one view).
#[tauri::command]
pub async fn list_warning_files(
    state: State<'_, AppState>,
    filter: FileFilter,
) -> Res<Vec<FileListItem>> {
    state.with_vault(|v| v.casework()?.list_warning_files(&filter))
}

/// One file with its events (summary only for principals).
#[tauri::command]
pub async fn get_warning_file(state: State<'_, AppState>, file_id: String) -> Res<FileDetail> {
    state.with_vault(|v| v.casework()?.warning_file(&file_id))
}

/// Record a follow-up.
#[tauri::command]
pub async fn add_follow_up(
    state: State<'_, AppState>,
    file_id: String,
    input: FollowUpInput,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.add_follow_up(&file_id, input))
}

/// Change a file's level with its reason.
#[tauri::command]
pub async fn change_level(
    state: State<'_, AppState>,
    file_id: String,
    level: u8,
    reason: String,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.change_level(&file_id, level, &reason))
}

/// Change a file's status (close, reopen, …) with its reason.
#[tauri::command]
pub async fn set_file_status(
    state: State<'_, AppState>,
    file_id: String,
    status: FileStatus,
    reason: String,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.set_file_status(&file_id, status, &reason))
}

/// Record a referral and the guardians' notification.
#[tauri::command]
pub async fn record_referral(
    state: State<'_, AppState>,
    file_id: String,
    input: ReferralInput,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.record_referral(&file_id, input))
}

/// Record the institution's feedback.
#[tauri::command]
pub async fn record_referral_feedback(
    state: State<'_, AppState>,
    file_id: String,
    input: FeedbackInput,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.record_referral_feedback(&file_id, input))
}

/// Record a return-to-school assessment.
#[tauri::command]
pub async fn record_return_assessment(
    state: State<'_, AppState>,
    file_id: String,
    input: ReturnAssessmentInput,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.record_return_assessment(&file_id, input))
}

/// Record a contact with the family.
#[tauri::command]
pub async fn record_parent_contact(
    state: State<'_, AppState>,
    file_id: String,
    input: ParentContactInput,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.record_parent_contact(&file_id, input))
}

/// Record a home visit.
#[tauri::command]
pub async fn record_home_visit(
    state: State<'_, AppState>,
    file_id: String,
    input: HomeVisitInput,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.record_home_visit(&file_id, input))
}

/// Record a crisis event for a student.
#[tauri::command]
pub async fn record_crisis(
    state: State<'_, AppState>,
    student_id: String,
    input: CrisisInput,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.record_crisis(&student_id, input))
}

/// Assign a file and share it with colleagues.
#[tauri::command]
pub async fn share_file(
    state: State<'_, AppState>,
    file_id: String,
    owner_id: String,
    shared_with: Vec<String>,
) -> Res<FileSummary> {
    state.with_vault(|v| v.casework()?.share_file(&file_id, &owner_id, shared_with))
}

/// The dashboard (工作台).
#[tauri::command]
pub async fn get_dashboard(state: State<'_, AppState>) -> Res<Dashboard> {
    state.with_vault(|v| v.casework()?.dashboard())
}

/// A student's page: profile, files, 一生一策, chronology.
#[tauri::command]
pub async fn get_student_page(state: State<'_, AppState>, student_id: String) -> Res<StudentPage> {
    state.with_vault(|v| v.casework()?.student_page(&student_id))
}

/// Write or rewrite a student's 一生一策.
#[tauri::command]
pub async fn save_support_plan(
    state: State<'_, AppState>,
    student_id: String,
    input: PlanInput,
) -> Res<SupportPlan> {
    state.with_vault(|v| v.casework()?.save_support_plan(&student_id, input))
}

/// Write a new one-to-one note (a draft).
#[tauri::command]
pub async fn create_session(state: State<'_, AppState>, input: SessionInput) -> Res<SessionNote> {
    state.with_vault(|v| v.notes()?.create_session(input))
}

/// Edit a draft (its author, within 48 hours).
#[tauri::command]
pub async fn update_session(
    state: State<'_, AppState>,
    id: String,
    input: SessionInput,
) -> Res<SessionNote> {
    state.with_vault(|v| v.notes()?.update_session(&id, input))
}

/// Sign a note: it locks.
#[tauri::command]
pub async fn sign_session(state: State<'_, AppState>, id: String) -> Res<SessionNote> {
    state.with_vault(|v| v.notes()?.sign_session(&id))
}

/// Add a dated addendum to a locked note.
#[tauri::command]
pub async fn add_addendum(state: State<'_, AppState>, id: String, text: String) -> Res<Addendum> {
    state.with_vault(|v| v.notes()?.add_addendum(&id, &text))
}

/// One note with its addenda (logged as a view).
#[tauri::command]
pub async fn get_session(state: State<'_, AppState>, id: String) -> Res<SessionView> {
    state.with_vault(|v| v.notes()?.session_note(&id))
}

/// Notes the user may read, newest first; of one student when given.
#[tauri::command]
pub async fn list_sessions(
    state: State<'_, AppState>,
    student_id: Option<String>,
) -> Res<Vec<SessionView>> {
    state.with_vault(|v| v.notes()?.list_sessions(student_id.as_deref()))
}

/// Log a group session, hotline referral, training or activity.
#[tauri::command]
pub async fn add_work_log(state: State<'_, AppState>, entry: WorkLogEntry) -> Res<WorkLogRecord> {
    state.with_vault(|v| v.notes()?.add_work_log(entry))
}

/// The work log of a period, newest first.
#[tauri::command]
pub async fn list_work_log(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> Res<Vec<WorkLogRecord>> {
    state.with_vault(|v| v.notes()?.work_log(from, to))
}

/// The figures of a period (年度工作统计).
#[tauri::command]
pub async fn get_work_stats(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> Res<WorkStats> {
    state.with_vault(|v| v.notes()?.work_stats(from, to))
}

/// The inbox: urgent first, then unread, then newest.
#[tauri::command]
pub async fn mailbox_inbox(state: State<'_, AppState>) -> Res<Vec<LetterSummary>> {
    state.with_vault(|v| v.mailbox()?.inbox())
}

/// Open a letter (logged); unread becomes read.
#[tauri::command]
pub async fn read_letter(state: State<'_, AppState>, id: String) -> Res<LetterView> {
    state.with_vault(|v| v.mailbox()?.read_letter(&id))
}

/// Reply to a letter (kiosk: sealed for its code; paper: where it was posted).
#[tauri::command]
pub async fn reply_letter(
    state: State<'_, AppState>,
    id: String,
    text: String,
    posted_where: String,
) -> Res<()> {
    state.with_vault(|v| v.mailbox()?.reply_letter(&id, &text, &posted_where))
}

/// Type in a paper letter from the box.
#[tauri::command]
pub async fn add_paper_letter(
    state: State<'_, AppState>,
    input: PaperLetterInput,
) -> Res<LetterSummary> {
    state.with_vault(|v| v.mailbox()?.add_paper_letter(input))
}

/// Set a letter's status, category and urgency.
#[tauri::command]
pub async fn update_letter(
    state: State<'_, AppState>,
    id: String,
    status: LetterStatus,
    category: String,
    urgent: bool,
) -> Res<()> {
    state.with_vault(|v| v.mailbox()?.update_letter(&id, status, &category, urgent))
}

/// Link a letter to a warning file (or unlink: null).
#[tauri::command]
pub async fn link_letter(
    state: State<'_, AppState>,
    id: String,
    file_id: Option<String>,
) -> Res<()> {
    state.with_vault(|v| v.mailbox()?.link_letter(&id, file_id.as_deref()))
}

/// The crisis lexicon.
#[tauri::command]
pub async fn get_crisis_terms(state: State<'_, AppState>) -> Res<Vec<String>> {
    state.with_vault(|v| v.mailbox()?.crisis_terms())
}

/// Replace the crisis lexicon.
#[tauri::command]
pub async fn save_crisis_terms(state: State<'_, AppState>, terms: Vec<String>) -> Res<Vec<String>> {
    state.with_vault(|v| v.mailbox()?.set_crisis_terms(terms))
}

/// Switch this PC into the kiosk: lock the vault, hide the workbench, open the kiosk window.
#[tauri::command]
pub async fn enter_kiosk(app: tauri::AppHandle, state: State<'_, AppState>) -> Res<()> {
    state.with_vault(|v| v.lock())?;
    crate::kiosk::open(&app).map_err(crate::kiosk::window_error)
}

/// New school year: everyone in school moves up a grade, the top grade graduates (or only preview).
#[tauri::command]
pub async fn roll_over_school_year(
    state: State<'_, AppState>,
    dry_run: bool,
) -> Res<RolloverSummary> {
    state.with_vault(|v| v.roster()?.roll_over_school_year(dry_run))
}

/// Change a student's status (在读/休学/转出/毕业).
#[tauri::command]
pub async fn set_student_status(
    state: State<'_, AppState>,
    id: String,
    status: StudentStatus,
) -> Res<Student> {
    state.with_vault(|v| v.roster()?.set_student_status(&id, status))
}

/// Every instrument this vault knows.
#[tauri::command]
pub async fn list_instruments(state: State<'_, AppState>) -> Res<Vec<Instrument>> {
    state.with_vault(|v| v.screening()?.instruments())
}

/// Add a school's own instrument definition (TOML), checked on load.
#[tauri::command]
pub async fn add_instrument(state: State<'_, AppState>, definition: String) -> Res<Instrument> {
    state.with_vault(|v| v.screening()?.add_instrument(&definition))
}

/// Every campaign, newest first.
#[tauri::command]
pub async fn list_campaigns(state: State<'_, AppState>) -> Res<Vec<Campaign>> {
    state.with_vault(|v| v.screening()?.campaigns())
}

/// Create a campaign.
#[tauri::command]
pub async fn create_campaign(state: State<'_, AppState>, input: CampaignInput) -> Res<Campaign> {
    state.with_vault(|v| v.screening()?.create_campaign(input))
}

/// Record a campaign's guardians' notice and opt-outs.
#[tauri::command]
pub async fn set_consent(
    state: State<'_, AppState>,
    campaign_id: String,
    notice: Option<ConsentNotice>,
    opt_outs: Vec<String>,
) -> Res<Campaign> {
    state.with_vault(|v| v.screening()?.set_consent(&campaign_id, notice, opt_outs))
}

/// A campaign's review threshold for one instrument.
#[tauri::command]
pub async fn set_review_threshold(
    state: State<'_, AppState>,
    campaign_id: String,
    instrument: String,
    threshold: u32,
) -> Res<Campaign> {
    state.with_vault(|v| {
        v.screening()?
            .set_review_threshold(&campaign_id, &instrument, threshold)
    })
}

/// Import a platform's export (or with dry_run only check it), all or nothing.
#[tauri::command]
pub async fn import_screening(
    state: State<'_, AppState>,
    campaign_id: String,
    instrument: String,
    upload: RosterUpload,
    dry_run: bool,
) -> Res<ScreeningImportSummary> {
    state.with_vault(|v| {
        v.screening()?.import_screening(
            &campaign_id,
            &instrument,
            &upload.bytes,
            &upload.file_name,
            dry_run,
        )
    })
}

/// A campaign's review list (筛查关注名单).
#[tauri::command]
pub async fn get_review_list(state: State<'_, AppState>, campaign_id: String) -> Res<ReviewList> {
    state.with_vault(|v| v.screening()?.review_list(&campaign_id))
}

/// Record a decision on a review-list entry.
#[tauri::command]
pub async fn decide_review(
    state: State<'_, AppState>,
    result_id: String,
    outcome: ReviewOutcome,
    note: String,
) -> Res<ReviewDecision> {
    state.with_vault(|v| v.screening()?.decide_review(&result_id, outcome, &note))
}

/// Open a warning file (source 心理测评) from a review-list entry.
#[tauri::command]
pub async fn open_file_from_screening(
    state: State<'_, AppState>,
    result_id: String,
    level: u8,
    categories: Vec<String>,
    reason: String,
) -> Res<FileSummary> {
    state.with_vault(|v| {
        v.screening()?
            .open_file_from_screening(&result_id, level, categories, &reason)
    })
}

/// A campaign's coverage and band counts by grade.
#[tauri::command]
pub async fn get_campaign_summary(
    state: State<'_, AppState>,
    campaign_id: String,
) -> Res<CampaignSummary> {
    state.with_vault(|v| v.screening()?.campaign_summary(&campaign_id))
}

/// Share a note with colleagues (its author or a counselor).
#[tauri::command]
pub async fn share_session(
    state: State<'_, AppState>,
    id: String,
    with: Vec<String>,
) -> Res<SessionNote> {
    state.with_vault(|v| v.notes()?.share_session(&id, with))
}

// The kiosk window's commands (capabilities/kiosk.json): these and nothing else.

/// What the kiosk shows: the school and whether the mailbox is ready.
#[tauri::command]
pub async fn kiosk_info(state: State<'_, AppState>) -> Res<KioskInfo> {
    state.with_vault(|v| v.kiosk().info())
}

/// Send a letter (new thread, or the thread of `code`).
#[tauri::command]
pub async fn kiosk_submit(
    state: State<'_, AppState>,
    text: String,
    code: Option<String>,
) -> Res<KioskReceipt> {
    state.with_vault(|v| v.kiosk().submit(&text, code.as_deref()))
}

/// The replies to a pickup code (empty for a wrong code).
#[tauri::command]
pub async fn kiosk_replies(state: State<'_, AppState>, code: String) -> Res<Vec<KioskReply>> {
    state.with_vault(|v| v.kiosk().replies(&code))
}

/// Leave the kiosk: a counselor unlocks with their passphrase; the workbench comes back.
#[tauri::command]
pub async fn leave_kiosk(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: UnlockInput,
) -> Res<()> {
    state.with_vault(|v| {
        let user = v.unlock(&input.user_name, &input.passphrase)?;
        if user.role != xinyu_core::Role::Counselor {
            v.lock()?;
            return Err(xinyu_core::Error::Forbidden {
                role: user.role.label(),
                action: "退出信箱模式",
            });
        }
        Ok(())
    })?;
    crate::kiosk::close(&app).map_err(crate::kiosk::window_error)
}
