//! Sealing and opening a row's encrypted body: serde JSON inside a vault envelope whose
//! authenticated data binds the table, the record id, the field and, from revision 1 on, the
//! row's revision (how many times it was written; see `store/digest.rs`).

use serde::{Serialize, de::DeserializeOwned};
use xinyu_vault::{KeyClass, Keyring, RecordAad};

use crate::error::Kind;
use crate::{Error, Result};

/// The field name bound into every body envelope.
pub const BODY: &str = "body";

/// Where the body of row `id` of `table` at `revision` is bound. A revision below 0 (only an
/// edited file has one) binds nowhere a body was sealed for.
pub fn body_aad<'a>(table: &'a str, id: &'a str, revision: i64) -> RecordAad<'a> {
    RecordAad::new(table, id, BODY).at_revision(u64::try_from(revision).unwrap_or(u64::MAX))
}

/// Serialize `value` and seal it under the current key of `class`, bound to `table`/`id` at
/// `revision`.
pub fn seal<T: Serialize>(
    keyring: &Keyring,
    class: KeyClass,
    (table, id, revision): (&str, &str, i64),
    value: &T,
) -> Result<Vec<u8>> {
    let json = zeroize::Zeroizing::new(serde_json::to_vec(value).map_err(|e| Error::Internal {
        detail: format!("serialize {table}: {e}"),
    })?);
    Ok(keyring.seal(class, &body_aad(table, id, revision), &json)?)
}

/// Open a body sealed by [`seal`]; `kind` names the record in errors.
pub fn open<T: DeserializeOwned>(
    keyring: &Keyring,
    kind: Kind,
    (table, id, revision): (&str, &str, i64),
    envelope: &[u8],
) -> Result<T> {
    let undecryptable = |source| Error::Undecryptable {
        kind,
        id: id.to_owned(),
        source,
    };
    let plain = keyring
        .open(&body_aad(table, id, revision), envelope)
        .map_err(undecryptable)?;
    serde_json::from_slice(&plain).map_err(|e| Error::Internal {
        detail: format!("decode {table} {id}: {e}"),
    })
}

/// Read `(id, sealed body)` rows with `sql` (which selects exactly those two columns); the
/// caller opens them. `operation` names the read in a storage error.
pub fn sealed_rows(
    conn: &rusqlite::Connection,
    operation: &'static str,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut stmt = conn
        .prepare(sql)
        .map_err(|e| Error::storage(operation, e))?;
    stmt.query_map(params, |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(|e| Error::storage(operation, e))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| Error::storage(operation, e))
}

/// One sealed row as read for opening: its id, body and revision.
#[derive(Debug, Clone)]
pub struct SealedRow {
    /// The row's id.
    pub id: String,
    /// Its sealed body.
    pub body: Vec<u8>,
    /// How many times it was written (0: before revisions existed).
    pub revision: i64,
}

/// Read `(id, body, revision)` rows with `sql` (which selects exactly those three columns).
pub fn revised_rows(
    conn: &rusqlite::Connection,
    operation: &'static str,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<SealedRow>> {
    let mut stmt = conn
        .prepare(sql)
        .map_err(|e| Error::storage(operation, e))?;
    stmt.query_map(params, |r| {
        Ok(SealedRow {
            id: r.get(0)?,
            body: r.get(1)?,
            revision: r.get(2)?,
        })
    })
    .map_err(|e| Error::storage(operation, e))?
    .collect::<rusqlite::Result<_>>()
    .map_err(|e| Error::storage(operation, e))
}

/// A table whose rows carry an encrypted `body`: declared once with its data class, so sealing,
/// opening, the key version, verify and rekey all follow from the declaration.
#[derive(Debug)]
pub struct SealedTable {
    /// The SQL table.
    pub name: &'static str,
    /// The data class whose key seals its bodies.
    pub class: KeyClass,
    /// The data class whose key keys the table's digest (`store/digest.rs`): one every role that
    /// writes the table holds, and, where there is one, no role that only reads it — so a
    /// principal, who holds the case-summary key, cannot make a rolled-back summary add up.
    pub digest: KeyClass,
    /// What a row is, for messages.
    pub kind: Kind,
    /// The storage operation named when reading it fails.
    pub read: &'static str,
    /// The storage operation named when writing it fails.
    pub write: &'static str,
    /// Its rows are sealed under per-case keys ([`KeyClass::Case`]; see
    /// [`crate::store::case_keys`]), not under `class`, which then names the class that held
    /// them before per-case keys (rows not yet moved still open with it).
    pub per_case: bool,
}

impl SealedTable {
    /// Whether a row of this table may be sealed under `class`.
    pub fn opens_class(&self, class: KeyClass) -> bool {
        class == self.class || (self.per_case && class == KeyClass::Case)
    }

    /// Seal `value` as the body of row `id` at `revision` under the current key of this
    /// table's class.
    pub fn seal<T: Serialize>(
        &self,
        keyring: &Keyring,
        id: &str,
        revision: i64,
        value: &T,
    ) -> Result<Vec<u8>> {
        seal(keyring, self.class, (self.name, id, revision), value)
    }

    /// Open the body of row `id`, written at `revision`.
    pub fn open<T: DeserializeOwned>(
        &self,
        keyring: &Keyring,
        id: &str,
        revision: i64,
        envelope: &[u8],
    ) -> Result<T> {
        // Only with this table's class: an envelope naming another class (forged with a key
        // someone holds, to pass for a row of a class they do not) is refused unopened.
        let class = xinyu_vault::EnvelopeHeader::parse(envelope).map(|h| h.class);
        if class.is_ok_and(|c| !self.opens_class(c)) {
            return Err(Error::Undecryptable {
                kind: self.kind,
                id: id.to_owned(),
                source: xinyu_vault::Error::Tampered,
            });
        }
        open(keyring, self.kind, (self.name, id, revision), envelope)
    }
}

/// `students`: 学生.
pub const STUDENTS: SealedTable = SealedTable {
    name: "students",
    class: KeyClass::Roster,
    digest: KeyClass::Integrity,
    kind: Kind::Student,
    read: "read students",
    write: "write student",
    per_case: false,
};
/// `warning_files`: 预警档案.
pub const WARNING_FILES: SealedTable = SealedTable {
    name: "warning_files",
    class: KeyClass::Casework,
    digest: KeyClass::Clinical,
    kind: Kind::WarningFile,
    read: "read warning files",
    write: "write warning file",
    per_case: true,
};
/// `case_summaries`: 预警档案摘要.
pub const CASE_SUMMARIES: SealedTable = SealedTable {
    name: "case_summaries",
    class: KeyClass::CaseSummary,
    digest: KeyClass::Clinical,
    kind: Kind::CaseSummary,
    read: "read case summaries",
    write: "write case summary",
    per_case: false,
};
/// `case_events`: 跟踪记录.
pub const CASE_EVENTS: SealedTable = SealedTable {
    name: "case_events",
    class: KeyClass::Casework,
    digest: KeyClass::Clinical,
    kind: Kind::CaseEvent,
    read: "read case events",
    write: "write case event",
    per_case: true,
};
/// `support_plans`: 一生一策.
pub const SUPPORT_PLANS: SealedTable = SealedTable {
    name: "support_plans",
    class: KeyClass::Casework,
    digest: KeyClass::Clinical,
    kind: Kind::SupportPlan,
    read: "read support plans",
    write: "write support plan",
    per_case: true,
};
/// `sessions`: 辅导记录.
pub const SESSIONS: SealedTable = SealedTable {
    name: "sessions",
    class: KeyClass::Notes,
    digest: KeyClass::Clinical,
    kind: Kind::SessionNote,
    read: "read session notes",
    write: "write session note",
    per_case: true,
};
/// `session_summaries`: 辅导记录摘要.
pub const SESSION_SUMMARIES: SealedTable = SealedTable {
    name: "session_summaries",
    class: KeyClass::Activity,
    digest: KeyClass::Clinical,
    kind: Kind::SessionSummary,
    read: "read session summarys",
    write: "write session summary",
    per_case: false,
};
/// `session_addenda`: 补充记录.
pub const SESSION_ADDENDA: SealedTable = SealedTable {
    name: "session_addenda",
    class: KeyClass::Notes,
    digest: KeyClass::Clinical,
    kind: Kind::Addendum,
    read: "read addenda",
    write: "write addendum",
    per_case: true,
};
/// `work_log`: 工作记录.
pub const WORK_LOG: SealedTable = SealedTable {
    name: "work_log",
    class: KeyClass::Activity,
    digest: KeyClass::Clinical,
    kind: Kind::WorkLog,
    read: "read work log entries",
    write: "write work log entry",
    per_case: false,
};
/// `mailbox_keys`: 信箱密钥.
pub const MAILBOX_KEYS: SealedTable = SealedTable {
    name: "mailbox_keys",
    class: KeyClass::Mailbox,
    digest: KeyClass::Mailbox,
    kind: Kind::MailboxKey,
    read: "read mailbox keys",
    write: "write mailbox key",
    per_case: false,
};
/// `letter_states`: 来信处理记录.
pub const LETTER_STATES: SealedTable = SealedTable {
    name: "letter_states",
    class: KeyClass::Mailbox,
    digest: KeyClass::Mailbox,
    kind: Kind::LetterState,
    read: "read letter states",
    write: "write letter state",
    per_case: false,
};
/// `campaigns`: 测评活动.
pub const CAMPAIGNS: SealedTable = SealedTable {
    name: "campaigns",
    class: KeyClass::Casework,
    digest: KeyClass::Casework,
    kind: Kind::Campaign,
    read: "read campaigns",
    write: "write campaign",
    per_case: false,
};
/// `screening_results`: 测评结果.
pub const SCREENING_RESULTS: SealedTable = SealedTable {
    name: "screening_results",
    class: KeyClass::Casework,
    digest: KeyClass::Casework,
    kind: Kind::ScreeningResult,
    read: "read screening results",
    write: "write screening result",
    per_case: false,
};
/// `screening_reviews`: 测评复核.
pub const SCREENING_REVIEWS: SealedTable = SealedTable {
    name: "screening_reviews",
    class: KeyClass::Casework,
    digest: KeyClass::Casework,
    kind: Kind::ScreeningReview,
    read: "read screening reviews",
    write: "write screening review",
    per_case: false,
};

/// `case_drop_keys`: the casework drop key pair (its secret; see [`crate::store::case_keys`]).
pub const CASE_DROP_KEYS: SealedTable = SealedTable {
    name: "case_drop_keys",
    class: KeyClass::Casework,
    digest: KeyClass::Casework,
    kind: Kind::MailboxKey,
    read: "read case drop key",
    write: "write case drop key",
    per_case: false,
};

/// Every sealed table. Verify and rekey walk this list; a new record table adds itself here.
pub const SEALED_TABLES: &[&SealedTable] = &[
    &STUDENTS,
    &WARNING_FILES,
    &CASE_SUMMARIES,
    &CASE_EVENTS,
    &SUPPORT_PLANS,
    &SESSIONS,
    &SESSION_SUMMARIES,
    &SESSION_ADDENDA,
    &WORK_LOG,
    &MAILBOX_KEYS,
    &LETTER_STATES,
    &CAMPAIGNS,
    &SCREENING_RESULTS,
    &SCREENING_REVIEWS,
    &CASE_DROP_KEYS,
];

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use xinyu_vault::{DataKey, KeyVersion};

    /// Someone holding the casework key (a teacher) forges a `students` row under it, bound
    /// to the right table, id and field: it would open with the class its header names.
    #[test]
    fn a_row_sealed_under_another_class_is_refused_unopened() {
        let mut keyring = Keyring::new();
        keyring.insert(KeyClass::Roster, KeyVersion::FIRST, DataKey::generate());
        keyring.insert(KeyClass::Casework, KeyVersion::FIRST, DataKey::generate());
        let forged = seal(&keyring, KeyClass::Casework, ("students", "s1", 1), &"伪造").unwrap();
        let err = STUDENTS
            .open::<String>(&keyring, "s1", 1, &forged)
            .unwrap_err();
        assert_eq!(err.code(), "tampered");
        let genuine = STUDENTS.seal(&keyring, "s1", 1, &"真实").unwrap();
        assert_eq!(
            STUDENTS
                .open::<String>(&keyring, "s1", 1, &genuine)
                .unwrap(),
            "真实"
        );
        // Beside another revision it does not open: the revision column cannot be edited alone.
        assert_eq!(
            STUDENTS
                .open::<String>(&keyring, "s1", 2, &genuine)
                .unwrap_err()
                .code(),
            "tampered"
        );
    }
}
