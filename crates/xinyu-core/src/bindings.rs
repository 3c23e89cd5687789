//! TypeScript types for the UI, generated from the Rust types that cross the IPC boundary.
//! `make bindings` writes them into `ui/src/api/bindings/`; a test fails when they are stale.

use std::path::Path;

use ts_rs::{Config, TS};

/// Every type the UI sees, as `(file name, TypeScript source)`.
pub fn typescript_bindings() -> Result<Vec<(String, String)>, ts_rs::ExportError> {
    let cfg = Config::new();
    let mut out = Vec::new();
    macro_rules! add {
        ($($t:ty),* $(,)?) => {$(
            out.push((format!("{}.ts", <$t as TS>::name(&cfg)), <$t as TS>::export_to_string(&cfg)?));
        )*};
    }
    add!(
        crate::AppInfo,
        crate::CommandError,
        crate::error::ErrorDetails,
        crate::error::Field,
        crate::error::Problem,
        crate::error::Deed,
        crate::error::Kind,
        crate::error::Existing,
        xinyu_import::RosterError,
        xinyu_import::InstrumentProblem,
        xinyu_import::CellProblem,
        crate::Role,
        crate::UserSummary,
        crate::vault::AccountInfo,
        crate::vault::AccountStatus,
        crate::VaultStatus,
        crate::SetupInput,
        crate::SetupResult,
        crate::UnlockInput,
        crate::AddUserInput,
        crate::ChangePassphraseInput,
        crate::RecoverInput,
        crate::LogEntry,
        crate::ChainReport,
        crate::VerifyReport,
        crate::BrokenRecord,
        crate::UntrustedKey,
        crate::RekeyProgress,
        crate::Student,
        crate::StudentInput,
        crate::Gender,
        crate::Guardian,
        crate::StudentStatus,
        crate::ImportSummary,
        crate::CellError,
        crate::RosterPreview,
        crate::RosterFormat,
        crate::ColumnGuess,
        crate::RosterRow,
        crate::RosterField,
        crate::StudentRecord,
        crate::SearchHit,
        crate::MatchKind,
        crate::RosterUpload,
        crate::ColumnMapping,
        crate::RosterImportInput,
        crate::RolloverSummary,
        crate::LevelDef,
        crate::FileSource,
        crate::FileStatus,
        crate::FollowUpMode,
        crate::OpenFileInput,
        crate::FollowUpInput,
        crate::FileSummary,
        crate::FileNarrative,
        crate::CaseEvent,
        crate::DueList,
        crate::ParentResponse,
        crate::ParentNotification,
        crate::ReferralInput,
        crate::FeedbackInput,
        crate::ReturnDecision,
        crate::ReturnAssessmentInput,
        crate::ContactMode,
        crate::ParentContactInput,
        crate::HomeVisitInput,
        crate::CrisisParty,
        crate::CrisisNotification,
        crate::CrisisInput,
        crate::PlanMeasure,
        crate::PlanInput,
        crate::SupportPlan,
        crate::FileListItem,
        crate::LevelCount,
        crate::Dashboard,
        crate::FileFilter,
        crate::EventRecord,
        crate::FileDetail,
        crate::StudentPage,
        crate::DemoSummary,
        crate::RiskAnswer,
        crate::SessionInput,
        crate::NoteStatus,
        crate::SessionNote,
        crate::Addendum,
        crate::SessionView,
        crate::CallerType,
        crate::ConcernLevel,
        crate::WorkLogEntry,
        crate::WorkLogRecord,
        crate::LevelFigure,
        crate::WorkStats,
        crate::LetterStatus,
        crate::LetterSource,
        crate::PostedReply,
        crate::PaperLetterInput,
        crate::LetterSummary,
        crate::ThreadMessage,
        crate::LetterView,
        crate::KioskReceipt,
        crate::KioskReply,
        crate::KioskInfo,
        crate::ResponseOption,
        crate::Item,
        crate::Subscale,
        crate::Band,
        crate::CriticalRule,
        crate::Validity,
        crate::Instrument,
        crate::CriticalHit,
        crate::Score,
        crate::ConsentNotice,
        crate::CampaignInput,
        crate::Campaign,
        crate::ResultSource,
        crate::ScreeningResult,
        crate::ReviewOutcome,
        crate::ReviewDecision,
        crate::ReviewEntry,
        crate::ReviewList,
        crate::UnmatchedRow,
        crate::ScreeningImportSummary,
        crate::StudentScreening,
        crate::GradeBands,
        crate::CampaignSummary,
    );
    let vocabulary = crate::error::ErrorVocabulary::get()
        .typescript()
        .map_err(|e| ts_rs::ExportError::Io(std::io::Error::other(e)))?;
    out.push(("errorVocabulary.ts".to_owned(), vocabulary));
    Ok(out)
}

/// Compare generated bindings with the files in `dir`; returns the names that differ or are missing.
pub fn stale_bindings(dir: &Path) -> Result<Vec<String>, ts_rs::ExportError> {
    let mut stale = Vec::new();
    for (name, source) in typescript_bindings()? {
        let on_disk = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        if on_disk != source {
            stale.push(name);
        }
    }
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards against UI types drifting from the Rust ones. Set `XINYU_WRITE_BINDINGS=1`
    /// (`make bindings`) to rewrite them.
    #[test]
    fn ui_bindings_are_generated_from_the_current_rust_types() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/bindings");
        if std::env::var_os("XINYU_WRITE_BINDINGS").is_some() {
            std::fs::create_dir_all(&dir).expect("create bindings dir");
            for (name, source) in typescript_bindings().expect("generate") {
                std::fs::write(dir.join(name), source).expect("write binding");
            }
        }
        let stale = stale_bindings(&dir).expect("generate");
        assert!(
            stale.is_empty(),
            "stale TypeScript bindings {stale:?}: run `make bindings` and commit ui/src/api/bindings/"
        );
    }
}
