//! The integrity check (`xinyu verify`, the settings page): the database's own check, every
//! record the user's keys can open, and the access-log chain.

use serde::Serialize;
use ts_rs::TS;
use xinyu_vault::RecordAad;

use crate::access_log::{self, Action};
use crate::error::Deed;
use crate::record::{BODY, SEALED_TABLES};
use crate::store::access_log::{ChainReport, LogEntry};
use crate::vault::stamp;
use crate::{Error, Result};

/// A record that failed to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BrokenRecord {
    /// Its table.
    pub table: String,
    /// Its id.
    pub id: String,
}

/// What the integrity check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerifyReport {
    /// SQLite's `integrity_check` said `ok`.
    pub database_ok: bool,
    /// Records that decrypted and authenticated.
    pub records_ok: u64,
    /// Records that did not (altered, moved, or their key is lost).
    pub records_broken: Vec<BrokenRecord>,
    /// Records of classes this user's role holds no key for (not checked).
    pub records_not_checked: u64,
    /// Entries in the access log.
    pub log_entries: i64,
    /// The first access-log entry that does not follow from the one before, if any.
    pub log_first_broken: Option<i64>,
    /// Accounts whose role, status or key no counselor vouched for (edited in the file, or a
    /// new key waiting to be confirmed): their names. Empty when the viewer cannot tell (only
    /// counselors hold the integrity key; see `directory_checked`).
    pub accounts_not_vouched: Vec<String>,
    /// The recovery code's public key is not the one vouched for (it was swapped).
    pub recovery_key_altered: bool,
    /// Whether the key directory was checked (the viewer holds the integrity key).
    pub directory_checked: bool,
    /// The public key the kiosk seals letters to is not the mailbox key pair's own.
    pub mailbox_key_altered: bool,
    /// Safety settings (crisis words, levels) changed outside the app: their keys.
    pub settings_altered: Vec<String>,
    /// The access log's head as a counselor last anchored it is no longer in the chain (the
    /// log was cut or rewritten after an edit), or the anchor was altered.
    pub log_anchor_lost: bool,
}

impl VerifyReport {
    /// Everything holds.
    pub fn all_ok(&self) -> bool {
        self.database_ok
            && self.records_broken.is_empty()
            && self.log_first_broken.is_none()
            && self.accounts_not_vouched.is_empty()
            && !self.recovery_key_altered
            && !self.mailbox_key_altered
            && self.settings_altered.is_empty()
            && !self.log_anchor_lost
    }
}

crate::vault::face!(
    /// The access log and the integrity check.
    Audit
);

impl Audit<'_> {
    /// Check the database, every record the user's keys open, and the access-log chain.
    pub fn verify(&mut self) -> Result<VerifyReport> {
        let actor = self.user().id.clone();
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| Error::storage("integrity check", e))?;
        let keyring = &self.me().keyring;
        let mut report = VerifyReport {
            database_ok: integrity == "ok",
            records_ok: 0,
            records_broken: Vec::new(),
            records_not_checked: 0,
            log_entries: 0,
            log_first_broken: None,
            accounts_not_vouched: Vec::new(),
            recovery_key_altered: false,
            directory_checked: keyring.contains(xinyu_vault::KeyClass::Integrity),
            mailbox_key_altered: false,
            settings_altered: Vec::new(),
            log_anchor_lost: false,
        };
        if report.directory_checked {
            for e in crate::vault::directory::entries(self.conn)? {
                let active = e.status() == Some(crate::vault::AccountStatus::Active);
                if active && !e.vouched(keyring) || e.status().is_none() {
                    report.accounts_not_vouched.push(e.name);
                }
            }
            for key in crate::vault::directory::SAFETY_SETTINGS {
                let vouched = crate::vault::directory::setting_vouched(self.conn, keyring, key)?;
                if vouched == Some(false) {
                    report.settings_altered.push(key.to_owned());
                }
            }
            report
                .settings_altered
                .extend(crate::vault::directory::altered_instruments(
                    self.conn, keyring,
                )?);
            report.recovery_key_altered =
                !crate::vault::directory::recovery_vouched(self.conn, keyring)?;
        }
        for &&crate::store::sealed::SealedTable {
            name: table,
            class,
            per_case,
            ..
        } in SEALED_TABLES
        {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT id, body FROM {table}"))
                .map_err(|e| Error::storage("read records", e))?;
            let mut rows = stmt
                .query([])
                .map_err(|e| Error::storage("read records", e))?;
            while let Some(row) = rows.next().map_err(|e| Error::storage("read records", e))? {
                let id: String = row.get(0).map_err(|e| Error::storage("read records", e))?;
                let body: Vec<u8> = row.get(1).map_err(|e| Error::storage("read records", e))?;
                let header = xinyu_vault::EnvelopeHeader::parse(&body);
                // A counselor (the casework key) holds every case key; anyone else checks the
                // rows of the cases they hold.
                let checks = match (&header, per_case) {
                    (Ok(h), true) if h.class == xinyu_vault::KeyClass::Case => {
                        keyring.contains(xinyu_vault::KeyClass::Casework)
                            || keyring.get(h.class, h.version).is_some()
                    }
                    _ => keyring.contains(class),
                };
                if !checks {
                    report.records_not_checked += 1;
                    continue;
                }
                let opened = match header {
                    Ok(h)
                        if h.class == class
                            || (per_case && h.class == xinyu_vault::KeyClass::Case) =>
                    {
                        keyring
                            .open(&RecordAad::new(table, &id, BODY), &body)
                            .is_ok()
                    }
                    _ => false,
                };
                match opened {
                    true => report.records_ok += 1,
                    false => report.records_broken.push(BrokenRecord {
                        table: (*table).to_owned(),
                        id,
                    }),
                }
            }
        }
        // Letters are sealed to the mailbox's key pair, not a class key: open each.
        if self.holds(xinyu_vault::KeyClass::Mailbox) {
            report.mailbox_key_altered =
                crate::mailbox::Mailbox(self.reborrow()).public_key_matches()? == Some(false);
            let letters = crate::mailbox::Mailbox(self.reborrow())
                .open_letters()?
                .len();
            report.records_ok += letters as u64;
            let unreadable = self.me().unreadable.borrow();
            report.records_broken.extend(
                unreadable
                    .iter()
                    .filter(|(table, _)| table == "letters")
                    .map(|(table, id)| BrokenRecord {
                        table: table.clone(),
                        id: id.clone(),
                    }),
            );
        }
        let tampered_before: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM access_log WHERE action = ?1",
                [Action::LogTampered.as_str()],
                |r| r.get(0),
            )
            .map_err(|e| Error::storage("read access log", e))?;
        let anchor = crate::vault::directory::log_anchor_holds(self.conn, &self.me().keyring)?;
        report.log_anchor_lost = tampered_before > 0 || anchor == Some(false);
        let chain = access_log::verify(self.conn)?;
        report.log_entries = chain.entries;
        report.log_first_broken = chain.first_broken;
        let now = stamp(self.now());
        access_log::append(self.conn, &now, Some(&actor), Action::Verify, None)?;
        Ok(report)
    }
}

impl Audit<'_> {
    /// The newest `limit` access-log entries (roles that hold the audit key: counselor,
    /// principal, admin). Reading the log is itself not logged, to keep it readable.
    pub fn access_log(&mut self, limit: i64) -> Result<Vec<LogEntry>> {
        self.require(
            &[
                crate::Role::Counselor,
                crate::Role::Principal,
                crate::Role::Admin,
            ],
            Deed::ViewAccessLog,
        )?;
        access_log::recent(self.conn, limit.clamp(1, 10_000))
    }

    /// Check the access-log chain alone (roles that may read the log).
    pub fn verify_access_log(&mut self) -> Result<ChainReport> {
        self.require(
            &[
                crate::Role::Counselor,
                crate::Role::Principal,
                crate::Role::Admin,
            ],
            Deed::CheckAccessLog,
        )?;
        access_log::verify(self.conn)
    }
}
