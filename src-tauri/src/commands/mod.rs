//! The commands the UI may call: one-line delegations into `xinyu-core`, one module per domain.
//! Each is named once, in `commands.list` (command, module, window): `build.rs` generates from
//! it the permissions, each window's capability and the invoke handler ([`handler`]), and the
//! tests in `tests.rs` check the TypeScript clients against it. Commands that derive keys
//! (Argon2id, about a second) are `async` so they run off the UI thread.

pub mod casework;
pub mod kiosk;
pub mod mailbox;
pub mod notes;
pub mod roster;
pub mod screening;
pub mod vault;

#[cfg(test)]
mod tests;

/// What a command answers: its value, or the error the UI shows by its code.
pub type Res<T> = Result<T, xinyu_core::CommandError>;

/// The invoke handler: every command of `commands.list`, registered by name (`build.rs` writes
/// the `generate_handler!` call, so a listed command cannot be left out).
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs"))
}
