//! The whisper mailbox (悄悄话信箱): letters from the kiosk (sealed to the mailbox's public key,
//! found again by a pickup code) and paper letters typed in by the counselor; replies only the
//! code opens; triage by a crisis lexicon.
//!
//! The kiosk side ([`Kiosk::submit`], [`Kiosk::replies`]) works on a locked vault
//! with the public key alone: it can seal letters and open replies with a code, nothing else.
//! It stores no name, device, address or time: a letter row has its day only, and no
//! access-log entry (which would carry a time) is written for it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use xinyu_vault::ThreadLocator;

use crate::clock::Clock;
use crate::{Error, Result};

mod inbox;
mod kiosk;
mod lexicon;
mod triage;

pub use triage::{
    CrisisCategory, CrisisHit, crisis_hits, crisis_terms_in, default_crisis_terms,
    normalize_for_matching,
};

crate::vault::face!(
    /// The whisper mailbox as the counselor works it: the inbox, letters, replies, handling,
    /// paper letters and the crisis lexicon.
    Mailbox
);

/// The whisper mailbox as the kiosk uses it, on a locked vault: it seals letters to the
/// mailbox's public key and opens replies with a pickup code, nothing else.
pub struct Kiosk<'v> {
    pub(crate) conn: &'v mut rusqlite::Connection,
    pub(crate) clock: &'v dyn Clock,
}

impl std::fmt::Debug for Kiosk<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kiosk").finish_non_exhaustive()
    }
}

pub(crate) const KEY_ID: &str = "main";
pub(crate) const PUBLIC_KEY: &str = "mailbox_public_key";
pub(crate) const TERMS: &str = "mailbox_crisis_terms";
pub(crate) const FAILURES: &str = "mailbox_failed_lookups";
/// Minutes without a wrong pickup code after which the kiosk's count of them starts again.
pub const QUIET_MINUTES: i64 = 30;
/// The longest letter the kiosk takes, in characters.
pub const MAX_LETTER_CHARS: usize = 5_000;

/// What a letter is inside its sealed box.
#[derive(Serialize, Deserialize)]
pub(crate) struct LetterBody {
    text: String,
    /// For paper letters: the nickname or code the student wrote.
    #[serde(default)]
    signed_as: String,
}

/// Where a letter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LetterStatus {
    /// 未读.
    Unread,
    /// 已读.
    Read,
    /// 已回复.
    Replied,
    /// 已归档.
    Archived,
}

/// Kiosk or paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LetterSource {
    /// Written on the kiosk.
    Kiosk,
    /// Taken from the box and typed in.
    Paper,
}

/// The counselor's handling of a letter (sealed with the mailbox key).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct LetterState {
    status: LetterStatus,
    #[serde(default)]
    category: String,
    /// Marked urgent by hand (the lexicon marks it too).
    #[serde(default)]
    urgent: bool,
    #[serde(default)]
    linked_file: Option<String>,
    /// For paper letters: the reply as posted (e.g. on the board under the student's code).
    #[serde(default)]
    posted_reply: Option<PostedReply>,
}

/// A reply to a paper letter, posted where the student will find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostedReply {
    /// The reply.
    pub text: String,
    /// Where it was posted (e.g. 心理角公告栏).
    pub posted_where: String,
    /// The day.
    #[ts(type = "string")]
    pub posted_on: NaiveDate,
}

/// A paper letter as the counselor types it in.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PaperLetterInput {
    /// The letter's text.
    pub text: String,
    /// The day it was taken from the box.
    #[ts(type = "string")]
    pub received_on: NaiveDate,
    /// The nickname or code the student wrote, if any.
    #[serde(default)]
    pub signed_as: String,
    /// Category (学业, 人际, 家庭, 情绪, …).
    #[serde(default)]
    pub category: String,
    /// Marked urgent by the counselor.
    #[serde(default)]
    pub urgent: bool,
}

/// A letter in the inbox list (no text: opening it is logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LetterSummary {
    /// Its id.
    pub id: String,
    /// The day it arrived.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Kiosk or paper.
    pub source: LetterSource,
    /// Urgent: marked by hand or matched by the crisis lexicon.
    pub urgent: bool,
    /// Status.
    pub status: LetterStatus,
    /// Category.
    pub category: String,
    /// Signed nickname or code (paper letters).
    pub signed_as: String,
    /// Letters in the same thread (kiosk letters written again with the same code).
    pub thread_letters: usize,
    /// The warning file the counselor linked it to.
    pub linked_file: Option<String>,
}

/// One message in a letter's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ThreadMessage {
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// From the student (`true`) or the counselor's reply.
    pub from_student: bool,
    /// The text.
    pub text: String,
}

/// A letter opened by the counselor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LetterView {
    /// The inbox row.
    pub summary: LetterSummary,
    /// The letter's text.
    pub text: String,
    /// Why it is urgent, one line a hit (`自伤自杀 · 命中：跳…楼`); empty when nothing matched.
    pub matched_terms: Vec<String>,
    /// The whole thread, oldest first (kiosk letters: letters and replies by code).
    pub thread: Vec<ThreadMessage>,
    /// For paper letters: the reply as posted.
    pub posted_reply: Option<PostedReply>,
}

/// What the kiosk shows after sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KioskReceipt {
    /// The new pickup code, shown once (none when writing again with a code).
    pub code: Option<String>,
    /// The letter matched the crisis lexicon (any hit): show the hotlines at once.
    pub urgent: bool,
}

/// A reply as the kiosk shows it to the code's holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KioskReply {
    /// The day it was written.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The reply.
    pub text: String,
}

/// What the kiosk may know: the school and whether the mailbox is ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KioskInfo {
    /// The school's name.
    pub school_name: Option<String>,
    /// A counselor has unlocked once, so the mailbox key exists.
    pub ready: bool,
    /// The fingerprint of the key letters are sealed to, shown on the kiosk so a counselor can
    /// compare it with the one in 设置 › 悄悄话信箱 (a swapped key would read every letter).
    pub fingerprint: Option<String>,
}

/// A letter opened by the counselor's key pair, with its handling.
pub(crate) struct Opened {
    summary: LetterSummary,
    body: LetterBody,
    thread: Option<ThreadLocator>,
    state: LetterState,
}

/// A `letters` row as stored.
pub(crate) struct LetterRow {
    id: String,
    source: String,
    thread: Option<String>,
    day: String,
    sealed: Vec<u8>,
}

pub(crate) fn code_compact(text: &str) -> String {
    normalize_for_matching(text).to_uppercase()
}

pub(crate) fn parse_day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| Error::Internal {
        detail: format!("stored day unreadable: {e}"),
    })
}
