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
        let mut guard = self
            .vault
            .lock()
            .map_err(|_| internal("vault lock poisoned"))?;
        if guard.is_none() {
            *guard = Some(Vault::open(&self.dir)?);
        }
        let vault = guard.as_mut().ok_or_else(|| internal("vault missing"))?;
        Ok(f(vault)?)
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
        let mut guard = self
            .vault
            .lock()
            .map_err(|_| internal("vault lock poisoned"))?;
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
