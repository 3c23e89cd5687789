//! One-to-one session notes (drafts, signing, addenda, sharing), the work log and the figures of
//! a period.

use chrono::NaiveDate;
use tauri::State;
use xinyu_core::notes::{
    Addendum, SessionInput, SessionNote, SessionView, WorkLogEntry, WorkLogRecord, WorkStats,
};

use super::Res;
use crate::state::AppState;

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

/// Share a note with colleagues (its author or a counselor).
#[tauri::command]
pub async fn share_session(
    state: State<'_, AppState>,
    id: String,
    with: Vec<String>,
) -> Res<SessionNote> {
    state.with_vault(|v| v.notes()?.share_session(&id, with))
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
