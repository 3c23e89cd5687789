//! Sealing and opening a row's encrypted body: serde JSON inside a vault envelope whose
//! authenticated data binds the table, the record id and the field.

use serde::{Serialize, de::DeserializeOwned};
use xinyu_vault::{KeyClass, Keyring, RecordAad};

use crate::{Error, Result};

/// The field name bound into every body envelope.
pub const BODY: &str = "body";

/// Serialize `value` and seal it under the current key of `class`, bound to `table`/`id`.
pub fn seal<T: Serialize>(
    keyring: &Keyring,
    class: KeyClass,
    table: &str,
    id: &str,
    value: &T,
) -> Result<Vec<u8>> {
    let json = zeroize::Zeroizing::new(serde_json::to_vec(value).map_err(|e| Error::Internal {
        detail: format!("serialize {table}: {e}"),
    })?);
    Ok(keyring.seal(class, &RecordAad::new(table, id, BODY), &json)?)
}

/// Open a body sealed by [`seal`]; `kind` names the record in errors (Chinese).
pub fn open<T: DeserializeOwned>(
    keyring: &Keyring,
    kind: &'static str,
    table: &str,
    id: &str,
    envelope: &[u8],
) -> Result<T> {
    let plain = keyring
        .open(&RecordAad::new(table, id, BODY), envelope)
        .map_err(|source| Error::Undecryptable {
            kind,
            id: id.to_owned(),
            source,
        })?;
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

/// Every table with an encrypted `body`, its data class and its kind (Chinese, for messages).
/// Verify and rekey walk this list; a new record table adds itself here.
pub const SEALED_TABLES: &[(&str, KeyClass, &str)] = &[
    ("students", KeyClass::Roster, "学生"),
    ("warning_files", KeyClass::Casework, "预警档案"),
    ("case_summaries", KeyClass::CaseSummary, "预警档案摘要"),
    ("case_events", KeyClass::Casework, "跟踪记录"),
    ("support_plans", KeyClass::Casework, "一生一策"),
    ("sessions", KeyClass::Notes, "辅导记录"),
    ("session_summaries", KeyClass::Activity, "辅导记录摘要"),
    ("session_addenda", KeyClass::Notes, "补充记录"),
    ("work_log", KeyClass::Activity, "工作记录"),
    ("mailbox_keys", KeyClass::Mailbox, "信箱密钥"),
    ("letter_states", KeyClass::Mailbox, "来信处理记录"),
    ("campaigns", KeyClass::Casework, "测评活动"),
    ("screening_results", KeyClass::Casework, "测评结果"),
    ("screening_reviews", KeyClass::Casework, "测评复核"),
];
