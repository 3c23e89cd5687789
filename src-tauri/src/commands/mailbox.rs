//! The whisper mailbox, counselor's side: the inbox, letters and replies, the crisis lexicon,
//! and switching this PC into the kiosk.

use tauri::State;
use xinyu_core::mailbox::{LetterStatus, LetterSummary, LetterView, PaperLetterInput};

use super::Res;
use crate::state::AppState;

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

/// The fingerprint of the key the kiosk seals letters to, to compare with the kiosk's screen.
#[tauri::command]
pub async fn mailbox_key_fingerprint(state: State<'_, AppState>) -> Res<Option<String>> {
    state.with_vault(|v| v.mailbox()?.key_fingerprint())
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
