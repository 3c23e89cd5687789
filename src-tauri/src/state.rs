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

    /// Read what a file holds (`read`) before taking the vault, then run `f` on the open vault
    /// with it: a large or hostile file is parsed while other commands — the idle lock, the
    /// lock button — still get through. A panic while reading is an internal error; no key is
    /// in memory there, so the vault stays as it was.
    pub fn read_then<R, T>(
        &self,
        read: impl FnOnce() -> R,
        f: impl FnOnce(&mut Vault, R) -> xinyu_core::Result<T>,
    ) -> Result<T, CommandError> {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).map_err(|_| {
            tracing::error!("reading a file panicked");
            internal("reading a file panicked")
        })?;
        self.with_vault(|vault| f(vault, read))
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

    /// The file is read while another command holds the vault: reading waits for nobody, and
    /// a file too large to be a roster is refused in words after which the vault still locks
    /// and unlocks.
    #[test]
    fn a_file_is_read_before_the_vault_is_taken_and_a_hostile_one_is_refused() {
        let (_dir, state) = unlocked_state();
        let huge = vec![b'a'; (xinyu_core::roster::MAX_FILE_MB + 1) * 1024 * 1024];
        let (read_tx, read_rx) = std::sync::mpsc::channel();
        let err = std::thread::scope(|s| {
            let held = state.guard();
            let import = s.spawn(|| {
                state.read_then(
                    || {
                        read_tx.send(()).expect("send");
                        xinyu_core::roster::parse_roster(&huge, "花名册.csv")
                    },
                    |v, read| v.roster()?.import_parsed_roster(read, &[], false),
                )
            });
            // Read while the vault is held elsewhere.
            read_rx
                .recv_timeout(std::time::Duration::from_secs(30))
                .expect("the file was read without waiting for the vault");
            drop(held);
            import.join().expect("import thread")
        })
        .expect_err("too large");
        assert_eq!(err.code, "invalid");
        assert!(err.message.starts_with("花名册文件："), "{}", err.message);

        let panicked = state
            .read_then(
                || panic!("a reader met a file it did not expect"),
                |_, (): ()| Ok(()),
            )
            .expect_err("internal");
        assert_eq!(panicked.code, "internal");
        assert!(
            state.status().unwrap().current_user.is_some(),
            "still unlocked"
        );
        state.with_vault(|v| v.lock()).unwrap();
        state
            .with_vault(|v| v.unlock("李老师", "春风化雨润物无声2026"))
            .expect("unlocks again");
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
