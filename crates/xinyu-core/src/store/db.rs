//! Opening the vault's SQLite file: per-connection pragmas and the append-only migrations.
//! One writer; WAL; every durability setting chosen so a crash never loses a committed record.

use std::path::Path;
use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::{Error, Result};

/// The schema, one numbered SQL file per step. Append only.
static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_init.sql")),
        M::up(include_str!("migrations/0002_warning_files.sql")),
        M::up(include_str!("migrations/0003_support_plans.sql")),
        M::up(include_str!("migrations/0004_sessions.sql")),
        M::up(include_str!("migrations/0005_mailbox.sql")),
        M::up(include_str!("migrations/0006_screening.sql")),
        M::up(include_str!("migrations/0007_accounts.sql")),
        M::up(include_str!(
            "migrations/0008_key_links_and_row_digests.sql"
        )),
        M::up(include_str!("migrations/0009_case_keys.sql")),
    ])
});

/// File name of the database inside a vault folder.
pub const DB_FILE: &str = "vault.db";

/// Open (creating if needed) the database at `path` and bring its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path).map_err(|e| Error::storage("open", e))?;
    configure(&conn)?;
    MIGRATIONS
        .to_latest(&mut conn)
        .map_err(|e| Error::Internal {
            detail: format!("schema migration failed: {e}"),
        })?;
    Ok(conn)
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
