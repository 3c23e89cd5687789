//! Screening: instruments, campaigns and consent, importing a platform's export, the review
//! list and its decisions, a campaign's summary.

use tauri::State;
use xinyu_core::casework::FileSummary;
use xinyu_core::screening::{
    Campaign, CampaignInput, CampaignSummary, ConsentNotice, Instrument, InstrumentUpload,
    ReviewDecision, ReviewList, ReviewOutcome, ScreeningImportSummary, ScreeningUpload,
};
use xinyu_core::vault::RosterUpload;

use super::Res;
use crate::state::AppState;

/// Every instrument this vault knows.
#[tauri::command]
pub async fn list_instruments(state: State<'_, AppState>) -> Res<Vec<Instrument>> {
    state.with_vault(|v| v.instruments())
}

/// Add a school's own instrument definition (TOML), checked on load (read before the vault is
/// taken).
#[tauri::command]
pub async fn add_instrument(state: State<'_, AppState>, definition: String) -> Res<Instrument> {
    state.read_then(
        || InstrumentUpload::read(&definition),
        |v, read| v.screening()?.add_parsed_instrument(read),
    )
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
    // The definitions first (a quick read), then the file read against the instrument's
    // outside the vault's lock, then the import.
    let instruments = state.with_vault(|v| v.instruments())?;
    state.read_then(
        || ScreeningUpload::read(&instruments, &instrument, &upload.bytes, &upload.file_name),
        |v, read| {
            v.screening()?
                .import_parsed_screening(&campaign_id, read, dry_run)
        },
    )
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
