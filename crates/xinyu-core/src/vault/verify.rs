//! The integrity check (`xinyu verify`, the settings page): the database's own check, every
//! record the user's keys can open, the access-log chain, key versions no link vouches for,
//! and each table's digest (rows rolled back or deleted).

use serde::Serialize;
use ts_rs::TS;
use xinyu_vault::KeyClass;

use crate::access_log::{self, Action};
use crate::error::Deed;
use crate::record::{SEALED_TABLES, body_aad};
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

/// A granted key version that is not used: no link leads to it from a version its holder (or
/// the viewer) trusts — planted in the file with a key someone chose — or its grant was
/// replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UntrustedKey {
    /// The account it is granted to (its name); `None` for the recovery code.
    pub account: Option<String>,
    /// The key's class (`notes`, `casework`…).
    pub class: String,
    /// The key's version.
    pub version: u32,
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
    /// Granted key versions left unused because no link vouches for them.
    pub keys_untrusted: Vec<UntrustedKey>,
    /// The viewer's own record of the key versions it trusts was altered in the file (it fell
    /// back to trusting its lowest grant).
    pub key_record_altered: bool,
    /// Tables whose rows no longer add up to the digest last logged for them: a row rolled back
    /// to an older copy, deleted or added outside the app (or the digest itself edited). Only
    /// tables whose digest key the viewer holds are summed; named rows are reported for all.
    pub tables_altered: Vec<String>,
    /// Rows whose revision is below the last one logged for them: rolled back to an older copy.
    pub rows_rolled_back: Vec<BrokenRecord>,
    /// Rows logged as written and gone, with no deletion logged.
    pub rows_deleted: Vec<BrokenRecord>,
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
            && self.keys_untrusted.is_empty()
            && !self.key_record_altered
            && self.tables_altered.is_empty()
            && self.rows_rolled_back.is_empty()
            && self.rows_deleted.is_empty()
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
            keys_untrusted: self.untrusted_keys()?,
            key_record_altered: self.me().key_record_altered,
            tables_altered: Vec::new(),
            rows_rolled_back: Vec::new(),
            rows_deleted: Vec::new(),
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
                .prepare(&format!("SELECT id, body, revision FROM {table}"))
                .map_err(|e| Error::storage("read records", e))?;
            let mut rows = stmt
                .query([])
                .map_err(|e| Error::storage("read records", e))?;
            while let Some(row) = rows.next().map_err(|e| Error::storage("read records", e))? {
                let id: String = row.get(0).map_err(|e| Error::storage("read records", e))?;
                let body: Vec<u8> = row.get(1).map_err(|e| Error::storage("read records", e))?;
                let revision: i64 = row.get(2).map_err(|e| Error::storage("read records", e))?;
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
                        keyring.open(&body_aad(table, &id, revision), &body).is_ok()
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
        let digests = crate::store::digest::check(self.conn, keyring)?;
        report.tables_altered = digests.tables;
        let place = |(table, id)| BrokenRecord { table, id };
        report.rows_rolled_back = digests.rolled_back.into_iter().map(place).collect();
        report.rows_deleted = digests.deleted.into_iter().map(place).collect();
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
    /// Key versions that are granted but not used: those the viewer's own unlock refused, and
    /// any holder's grant of a version no link vouches for (none stored, or, for a class the
    /// viewer holds, one that does not follow from the viewer's lowest version).
    fn untrusted_keys(&self) -> Result<Vec<UntrustedKey>> {
        let me = &self.me().user;
        let mut found: Vec<UntrustedKey> = self
            .me()
            .untrusted_keys
            .iter()
            .map(|u| UntrustedKey {
                account: Some(me.name.clone()),
                class: u.class.as_str().to_owned(),
                version: u.version.0,
            })
            .collect();
        let keyring = &self.me().keyring;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT g.class, g.version, g.identity_id, u.name
                 FROM key_grants g LEFT JOIN users u ON u.identity_id = g.identity_id
                 ORDER BY u.name, g.class, g.version",
            )
            .map_err(|e| Error::storage("read key grants", e))?;
        let grants = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, u8>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .map_err(|e| Error::storage("read key grants", e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| Error::storage("read key grants", e))?;
        let mut vouched = std::collections::BTreeMap::new();
        for class in KeyClass::ALL {
            vouched.insert(
                class,
                crate::keys::vouched_versions(self.conn, keyring, class)?,
            );
        }
        for (code, version, identity, name) in grants {
            let Some(class) = KeyClass::from_code(code) else {
                continue;
            };
            let v = xinyu_vault::KeyVersion(version);
            let legacy = version <= crate::keys::chain_base(self.conn, class)?.max(1);
            let linked = legacy || crate::keys::link(self.conn, class, v)?.is_some();
            let follows = match vouched.get(&class).and_then(Option::as_ref) {
                Some((lowest, versions)) if v > *lowest => versions.contains(&v),
                _ => true,
            };
            if linked && follows {
                continue;
            }
            if identity != crate::meta::RECOVERY_IDENTITY && name.is_none() {
                // A grant to an identity no account has: nothing unlocks with it.
                continue;
            }
            let key = UntrustedKey {
                account: name,
                class: class.as_str().to_owned(),
                version,
            };
            if !found.contains(&key) {
                found.push(key);
            }
        }
        Ok(found)
    }

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
