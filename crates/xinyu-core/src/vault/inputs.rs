//! What the UI sends: the inputs of the vault's use cases, as plain serde types so their
//! TypeScript twins are generated (never written twice).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Role, UserSummary};

/// The set-up wizard's answers.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SetupInput {
    /// The school's name.
    pub school_name: String,
    /// The first counselor's name.
    pub user_name: String,
    /// The first counselor's passphrase (at least ten characters).
    pub passphrase: String,
}

/// What set-up returns: the recovery code, shown once, and the unlocked counselor.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SetupResult {
    /// The recovery code, grouped `XXXXX-XXXXX-…`, to print for the principal's safe.
    pub recovery_code: String,
    /// The first counselor, now unlocked.
    pub user: UserSummary,
}

/// The lock screen's answers.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UnlockInput {
    /// The chosen account's name.
    pub user_name: String,
    /// Its passphrase.
    pub passphrase: String,
}

/// A new staff account.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AddUserInput {
    /// The name shown on the lock screen.
    pub name: String,
    /// The role.
    pub role: Role,
    /// The first passphrase, which the user should change.
    pub passphrase: String,
}

/// A passphrase change by the unlocked user.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChangePassphraseInput {
    /// The current passphrase.
    pub old_passphrase: String,
    /// The new passphrase.
    pub new_passphrase: String,
}

/// Resetting a forgotten passphrase with the recovery code.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecoverInput {
    /// Whose passphrase to reset.
    pub user_name: String,
    /// The recovery code as typed (case, spaces and dashes do not matter).
    pub recovery_code: String,
    /// The new passphrase.
    pub new_passphrase: String,
}

/// A roster file picked in the UI: its name (for the format) and its bytes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RosterUpload {
    /// The file's name, e.g. `七年级花名册.xlsx`.
    pub file_name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Which source column fills which student field, as the counselor confirmed it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    /// The source column (0-based, as in [`crate::ColumnGuess::index`]).
    pub index: usize,
    /// The field it fills.
    pub field: crate::RosterField,
}

/// Import a roster file with a confirmed column mapping.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RosterImportInput {
    /// The file's name.
    pub file_name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The mapping the counselor confirmed (the suggested one when left as it was).
    pub mapping: Vec<ColumnMapping>,
    /// Only check and preview; write nothing.
    pub dry_run: bool,
}
