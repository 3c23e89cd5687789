//! Opening the vault's SQLite file: per-connection pragmas and the append-only migrations.
//! One writer; WAL; every durability setting chosen so a crash never loses a committed record.

use std::path::Path;
use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::{Error, Result};

/// The schema, one numbered SQL file per step. Append only.
const STEPS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_warning_files.sql"),
    include_str!("migrations/0003_support_plans.sql"),
    include_str!("migrations/0004_sessions.sql"),
    include_str!("migrations/0005_mailbox.sql"),
    include_str!("migrations/0006_screening.sql"),
    include_str!("migrations/0007_accounts.sql"),
    include_str!("migrations/0008_key_links_and_row_digests.sql"),
    include_str!("migrations/0009_case_keys.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// File name of the database inside a vault folder.
pub const DB_FILE: &str = "vault.db";

/// Open (creating if needed) the database at `path` and bring its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = connect(path)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Open (creating if needed) the database at `path` as it is, without migrating it.
pub fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|e| Error::storage("open", e))?;
    configure(&conn)?;
    Ok(conn)
}

/// Whether the schema is not this version of Xinyu's: older (or the file is new), so it is to
/// be migrated, or newer, so migrating it says so.
pub fn needs_migration(conn: &Connection) -> Result<bool> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| Error::storage("read schema version", e))?;
    Ok(usize::try_from(version).map_or(true, |v| v != STEPS.len()))
}

/// Bring the schema up to date.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn).map_err(|e| Error::Internal {
        detail: format!("schema migration failed: {e}"),
    })
}

fn configure(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA busy_timeout = 5000;
         PRAGMA trusted_schema = OFF;",
    )
    .map_err(|e| Error::storage("configure", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().expect("valid migrations");
    }

    #[test]
    fn a_migrated_file_needs_no_migration_and_a_new_one_does() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(DB_FILE);
        let mut conn = connect(&path).expect("connect");
        assert!(needs_migration(&conn).expect("version"));
        migrate(&mut conn).expect("migrate");
        assert!(!needs_migration(&conn).expect("version"));
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version");
        assert_eq!(version as usize, STEPS.len());
    }

    #[test]
    fn a_new_vault_file_is_in_wal_mode_with_foreign_keys_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join(DB_FILE)).expect("open");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!(fk, 1);
        // A view or trigger planted in the file cannot call functions with side effects.
        let trusted: i64 = conn
            .query_row("PRAGMA trusted_schema", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!(trusted, 0);
    }
}
