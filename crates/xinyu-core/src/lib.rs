//! Xinyu's domain model, encrypted store and use cases: the one API that the desktop shell and
//! the CLI call.
//!
//! A [`Vault`] is one school's encrypted SQLite store in a folder. It opens locked; a user
//! unlocks it with their passphrase, which yields exactly the class keys of their role. The
//! use cases hang off faces of the unlocked context ([`vault::Unlocked`]), one per domain:
//! [`roster`], [`casework`], [`notes`], [`mailbox`], [`screening`], and the vault's own
//! [`vault::Accounts`] and [`vault::Audit`]. Every change and every view of a sensitive record
//! is written with its access-log entry in one transaction.
//!
//! The folders say where a feature lives: `store/` (the SQLite file, migrations, keys, sealed
//! tables, access log), `vault/` (life cycle, the unlocked context, accounts, rekey, verify),
//! and one folder per domain.
//!
//! ```
//! use xinyu_core::roster::StudentInput;
//! use xinyu_core::{NewVault, Vault};
//! use xinyu_vault::KdfParams;
//!
//! let dir = tempfile::tempdir()?;
//! let (mut vault, recovery_code) = Vault::create(dir.path(), NewVault {
//!     school_name: "示例实验中学",
//!     user_name: "李老师",
//!     passphrase: "春风化雨润物无声2026",
//!     kdf: KdfParams::for_tests(),
//! })?;
//! vault.roster()?.add_student(StudentInput::new("2024001", "阿卜杜拉·买买提", "七年级", "3班"))?;
//! vault.lock()?;
//! assert!(vault.roster().is_err());
//!
//! vault.unlock("李老师", "春风化雨润物无声2026")?;
//! assert_eq!(vault.roster()?.students()?[0].name, "阿卜杜拉·买买提");
//! # drop(recovery_code);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod casework;
pub mod mailbox;
pub mod notes;
pub mod roster;
pub mod screening;
#[doc(hidden)]
pub mod store;
pub mod vault;

mod app_info;
pub mod bindings;
mod clock;
mod demo;
pub mod error;
mod id;

pub use app_info::{AppInfo, app_info};
pub use clock::{Clock, ManualClock, SystemClock};
pub use demo::DemoSummary;
pub use error::{CommandError, Error, Result};
pub use vault::{NewVault, Role, Vault};
pub use xinyu_vault::{KdfParams, RecoveryCode};

// Names the core's own modules use by their short path.
pub(crate) use casework::*;
pub(crate) use mailbox::*;
pub(crate) use notes::*;
pub(crate) use roster::*;
pub(crate) use screening::*;
pub(crate) use store::{access_log, keys, meta, sealed as record, throttle};
pub(crate) use vault::*;
