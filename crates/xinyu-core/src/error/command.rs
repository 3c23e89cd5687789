//! The shape in which an error crosses to the UI: a stable code, the typed details the UI
//! words from its locale files, and the CLI's text (for logs, never parsed).

use serde::Serialize;
use strum::IntoEnumIterator;
use ts_rs::TS;
use xinyu_import::{CellProblemCode, InstrumentProblemCode, RosterErrorCode};

use super::{Deed, Error, ExistingCode, Field, Kind, ProblemCode};
use crate::Role;

/// An error as it crosses to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// Stable code such as `wrong_passphrase`; the UI maps it to localized text.
    pub code: String,
    /// The CLI's Chinese (then English) text, for logs; the UI words the code and details itself.
    pub message: String,
    /// What the UI needs to word the error: which field, what is wrong, which deed, which kind.
    pub details: Box<ErrorDetails>,
}

/// The typed parameters of an error; each is present only for the codes that have it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ErrorDetails {
    /// `invalid`: the field concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<Field>,
    /// `invalid`: what is wrong with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<super::Problem>,
    /// `forbidden`: the acting role.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub role: Option<Role>,
    /// `forbidden`: what it may not do.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deed: Option<Deed>,
    /// `not_found`, `tampered`: the kind of record.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kind: Option<Kind>,
    /// `duplicate`: what already exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub existing: Option<super::Existing>,
    /// `too_many_attempts`: seconds to wait.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub seconds: Option<u64>,
    /// `weak_passphrase`: the fewest characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub min: Option<usize>,
    /// `tampered`: the record's id (never its content).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<String>,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        let mut details = ErrorDetails::default();
        match &e {
            Error::Invalid { field, problem } => {
                details.field = Some(*field);
                details.problem = Some(problem.clone());
            }
            Error::Forbidden { role, deed } => {
                details.role = Some(*role);
                details.deed = Some(*deed);
            }
            Error::NotFound { kind } => details.kind = Some(*kind),
            Error::Duplicate { what } => details.existing = Some(what.clone()),
            Error::TooManyAttempts { wait_seconds } => details.seconds = Some(*wait_seconds),
            Error::WeakPassphrase { min } => details.min = Some(*min),
            Error::Undecryptable { kind, id, .. } => {
                details.kind = Some(*kind);
                details.id = Some(id.clone());
            }
            _ => {}
        }
        CommandError {
            code: e.code().to_owned(),
            message: e.to_string(),
            details: Box::new(details),
        }
    }
}

/// Every code the UI must be able to word, in both languages: written by `make bindings` to
/// `ui/src/api/bindings/errorVocabulary.ts`, where a UI test checks each has zh-CN and English
/// text and that the English has no Chinese.
#[derive(Debug, Serialize)]
pub struct ErrorVocabulary {
    /// [`Error`] codes.
    pub codes: Vec<&'static str>,
    /// [`Field`] codes.
    pub fields: Vec<&'static str>,
    /// [`Deed`] codes.
    pub deeds: Vec<&'static str>,
    /// [`Kind`] codes.
    pub kinds: Vec<&'static str>,
    /// [`Problem`](super::Problem) codes.
    pub problems: Vec<&'static str>,
    /// [`Existing`](super::Existing) codes.
    pub existing: Vec<&'static str>,
    /// `RosterError` codes (a file that cannot be read).
    pub files: Vec<&'static str>,
    /// `InstrumentProblem` codes.
    pub instrument: Vec<&'static str>,
    /// `CellProblem` codes (one cell of an imported file).
    pub cells: Vec<&'static str>,
}

impl ErrorVocabulary {
    /// The whole vocabulary.
    pub fn get() -> Self {
        fn all<T: IntoEnumIterator + Into<&'static str>>() -> Vec<&'static str> {
            T::iter().map(Into::into).collect()
        }
        ErrorVocabulary {
            codes: Error::CODES.to_vec(),
            fields: Field::ALL.iter().map(|f| f.code()).collect(),
            deeds: Deed::ALL.iter().map(|d| d.code()).collect(),
            kinds: Kind::ALL.iter().map(|k| k.code()).collect(),
            problems: all::<ProblemCode>(),
            existing: all::<ExistingCode>(),
            files: all::<RosterErrorCode>(),
            instrument: all::<InstrumentProblemCode>(),
            cells: all::<CellProblemCode>(),
        }
    }

    /// As a TypeScript module (`export const errorVocabulary = {…} as const`).
    pub fn typescript(&self) -> Result<String, serde_json::Error> {
        Ok(format!(
            "// Generated from the Rust error vocabulary by `make bindings`. Do not edit.\n\
             // Every code the UI must word in zh-CN and English (see errors.test.ts).\n\n\
             export const errorVocabulary = {} as const\n",
            serde_json::to_string_pretty(self)?
        ))
    }
}
