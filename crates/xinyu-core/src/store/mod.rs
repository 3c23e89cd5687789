//! The store: the vault's SQLite file with its append-only migrations, the plain settings in
//! `vault_meta`, identities and key grants, the sealed tables (each declared once with its data
//! class), the access log's hash chain, the unlock throttle, and the lock file that lets a rekey or a
//! migration run only while no other window or process has the vault open.

pub mod access_log;
pub(crate) mod case_keys;
pub mod db;
pub(crate) mod digest;
pub(crate) mod keys;
pub(crate) mod meta;
pub(crate) mod sealed;
pub(crate) mod throttle;
pub(crate) mod vault_lock;

pub use db::DB_FILE;
pub use vault_lock::LOCK_FILE;
