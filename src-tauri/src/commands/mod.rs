//! The commands the UI may call: one-line delegations into `xinyu-core`, one module per domain.
//! Each is declared in `build.rs` and granted by name in `capabilities/`. Commands that derive
//! keys (Argon2id, about a second) are `async` so they run off the UI thread.

pub mod casework;
pub mod kiosk;
pub mod mailbox;
pub mod notes;
pub mod roster;
pub mod screening;
pub mod vault;

/// What a command answers: its value, or the error the UI shows by its code.
pub type Res<T> = Result<T, xinyu_core::CommandError>;
