//! The shell's state: the vault folder and the open vault, behind one lock (one writer).
//! Commands borrow it for the length of one use case.

use std::path::PathBuf;
use std::sync::Mutex;

use xinyu_core::vault::VaultStatus;
use xinyu_core::{CommandError, Error, Vault};

/// The vault this window works on.
pub struct AppState {
    dir: PathBuf,
    vault: Mutex<Option<Vault>>,
}

impl AppState {
    /// State for the vault in `dir` (opened lazily: it may not exist yet).
    pub fn new(dir: PathBuf) -> Self {
        AppState {
            dir,
            vault: Mutex::new(None),
        }
    }

    /// The vault folder.
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Run `f` on the open vault, opening it first if needed.
    pub fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> xinyu_core::Result<T>,
    ) -> Result<T, CommandError> {
        let mut guard = self.guard();
        if guard.is_none() {
            *guard = Some(Vault::open(&self.dir)?);
        }
        let vault = guard.as_mut().ok_or_else(|| internal("vault missing"))?;
        // A panic inside a use case (a file no reader expected) must not leave the keys in
        // memory behind a lock every later command fails on: the vault is locked instead.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(vault))) {
            Ok(result) => Ok(result?),
            Err(_) => {
                tracing::error!("a command panicked: the vault is locked");
                let _ = vault.lock();
                Err(internal("command panicked"))
            }
        }
    }

    /// The vault's lock. If an earlier holder panicked, the vault is locked (its keys dropped)
    /// and the lock made usable again, rather than failing every later command — `lock`
    /// included — while the keys stay in memory.
    fn guard(&self) -> std::sync::MutexGuard<'_, Option<Vault>> {
        self.vault.lock().unwrap_or_else(|poisoned| {
            tracing::error!("vault lock poisoned: locking the vault");
            let mut guard = poisoned.into_inner();
            if let Some(vault) = guard.as_mut() {
                let _ = vault.lock();
            }
            self.vault.clear_poison();
            guard
        })
    }

    /// The status for choosing a screen; a missing vault is "not initialized", not an error.
    pub fn status(&self) -> Result<VaultStatus, CommandError> {
        match self.with_vault(|v| v.status()) {
            Err(e) if e.code == "not_initialized" => Ok(VaultStatus {
                initialized: false,
                school_name: None,
                users: Vec::new(),
                current_user: None,
                idle_lock_minutes: xinyu_core::vault::DEFAULT_IDLE_LOCK_MINUTES,
                must_set_passphrase: false,
                awaiting_approval: false,
                unreadable_records: 0,
            }),
            other => other,
        }
    }

    /// Put a freshly created vault in place.
    pub fn install(&self, vault: Vault) -> Result<(), CommandError> {
        let mut guard = self.guard();
        *guard = Some(vault);
        Ok(())
    }
}

fn internal(detail: &str) -> CommandError {
    Error::Internal {
        detail: detail.to_owned(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use xinyu_core::{KdfParams, NewVault};

    fn unlocked_state() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _) = Vault::create(
            dir.path(),
            NewVault {
                school_name: "示例实验中学",
                user_name: "李老师",
                passphrase: "春风化雨润物无声2026",
                kdf: KdfParams::for_tests(),
            },
        )
        .unwrap();
        let state = AppState::new(dir.path().to_path_buf());
        state.install(vault).unwrap();
        (dir, state)
    }

    #[test]
    fn a_panicking_command_locks_the_vault_and_the_next_command_still_runs() {
        let (_dir, state) = unlocked_state();
        assert!(state.status().unwrap().current_user.is_some());
        let err = state
            .with_vault(|_| -> xinyu_core::Result<()> {
                panic!("a reader met a file it did not expect")
            })
            .unwrap_err();
        assert_eq!(err.code, "internal");
        let status = state.status().expect("the next command runs");
        assert!(status.current_user.is_none(), "the keys were dropped");
    }

    #[test]
    fn a_lock_poisoned_elsewhere_locks_the_vault_instead_of_failing_every_command() {
        let (_dir, state) = unlocked_state();
        std::thread::scope(|s| {
            let _ = s
                .spawn(|| {
                    let _guard = state.vault.lock().unwrap();
                    panic!("poison the lock");
                })
                .join();
        });
        assert!(state.vault.is_poisoned());
        let status = state.status().expect("still answers");
        assert!(status.current_user.is_none());
        assert!(!state.vault.is_poisoned());
    }
}
