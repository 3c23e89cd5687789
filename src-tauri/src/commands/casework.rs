//! Casework: the school's levels and categories, warning files and everything recorded on them
//! (follow-ups, referrals, family contacts, home visits, crises, sharing), the dashboard, the
//! student page and 一生一策.

use tauri::State;
use xinyu_core::casework::{
    CrisisInput, Dashboard, FeedbackInput, FileDetail, FileFilter, FileListItem, FileStatus,
    FileSummary, FollowUpInput, HomeVisitInput, LevelDef, OpenFileInput, ParentContactInput,
    PlanInput, ReferralInput, ReturnAssessmentInput, StudentPage, SupportPlan,
};

use super::Res;
use crate::state::AppState;

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
