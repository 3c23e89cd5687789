//! One process at a time for the dangerous operations: a lock file beside the database
//! (`vault.lock`). Every open [`Vault`](crate::Vault) holds it *shared* for as long as it
//! lives; a rekey, and a migration of an existing vault, take it *exclusively* and are refused
//! with [`Error::VaultInUse`] while another window or process holds the vault open.
//!
//! The lock is the operating system's, on the open file (`flock` on Linux and macOS,
//! `LockFileEx` on Windows): two opens conflict even within one process, and a process that
//! ends, however it ends, lets go. The file itself stays empty.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::{Error, Result};

/// File name of the lock file inside a vault folder.
pub const LOCK_FILE: &str = "vault.lock";

/// The vault folder's lock file, held shared.
#[derive(Debug)]
pub(crate) struct VaultLock {
    file: File,
}

fn refused(e: TryLockError) -> Error {
    match e {
        TryLockError::WouldBlock => Error::VaultInUse,
        TryLockError::Error(e) => Error::storage("lock the vault", e),
    }
}

impl VaultLock {
    /// Open (creating it if needed) the lock file in `dir` and hold it shared.
    /// [`Error::VaultInUse`] while another process holds it alone (a rekey is running).
    pub(crate) fn shared(dir: &Path) -> Result<VaultLock> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join(LOCK_FILE))
            .map_err(|e| Error::storage("open the vault's lock file", e))?;
        file.try_lock_shared().map_err(refused)?;
        Ok(VaultLock { file })
    }

    /// Hold the lock alone until the returned guard drops, then shared again.
    /// [`Error::VaultInUse`], still holding it shared, while anyone else has the vault open.
    pub(crate) fn exclusive(&self) -> Result<Exclusive<'_>> {
        // A shared lock is not upgraded in place (the platforms differ): it is let go, the
        // exclusive one tried, and on refusal the shared one taken back.
        self.file
            .unlock()
            .map_err(|e| Error::storage("lock the vault", e))?;
        match self.file.try_lock() {
            Ok(()) => Ok(Exclusive { lock: self }),
            Err(e) => {
                self.share_again()?;
                Err(refused(e))
            }
        }
    }

    /// Back to shared. Between letting go and taking it again another process may take the
    /// lock alone (its own rekey); this waits for it to finish rather than run beside it.
    fn share_again(&self) -> Result<()> {
        self.file
            .unlock()
            .and_then(|()| self.file.lock_shared())
            .map_err(|e| Error::storage("lock the vault", e))
    }
}

/// The vault's lock held alone; shared again when dropped.
#[derive(Debug)]
pub(crate) struct Exclusive<'a> {
    lock: &'a VaultLock,
}

impl Drop for Exclusive<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.lock.share_again() {
            tracing::error!(error = %e, "the vault's lock could not be taken back shared");
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// The locks are per open file, not per process: two opens in one test behave as two
    /// processes would (what the integration tests rely on).
    #[test]
    fn two_opens_in_one_process_exclude_each_other() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = VaultLock::shared(dir.path()).expect("a");
        let b = VaultLock::shared(dir.path()).expect("b: shared beside shared");
        assert!(matches!(a.exclusive(), Err(Error::VaultInUse)));
        // Refused, `a` still holds it shared: `b` cannot go alone either.
        assert!(matches!(b.exclusive(), Err(Error::VaultInUse)));
        drop(b);
        {
            let _alone = a.exclusive().expect("alone once b is gone");
            assert!(matches!(
                VaultLock::shared(dir.path()),
                Err(Error::VaultInUse)
            ));
        }
        // Shared again: others may open, and nobody may go alone.
        let c = VaultLock::shared(dir.path()).expect("c after the exclusive hold");
        assert!(matches!(c.exclusive(), Err(Error::VaultInUse)));
        drop(a);
        let _alone = c.exclusive().expect("c alone");
    }
}
