//! The whisper mailbox (悄悄话信箱): letters from the kiosk (sealed to the mailbox's public key,
//! found again by a pickup code) and paper letters typed in by the counselor; replies only the
//! code opens; triage by a crisis lexicon.
//!
//! The kiosk side ([`Vault::kiosk_submit`], [`Vault::kiosk_replies`]) works on a locked vault
//! with the public key alone: it can seal letters and open replies with a code, nothing else.
//! It stores no name, device, address or time: a letter row has its day only, and no
//! access-log entry (which would carry a time) is written for it.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;
use xinyu_vault::{
    EnvelopeHeader, KeyClass, MailboxKeypair, MailboxPublicKey, PickupCode, RecordAad,
    ThreadLocator,
};

use crate::access_log::{self, Action};
use crate::vault::{commit, required, stamp};
use crate::{Error, Result, Vault, meta, record};

const KEYS: &str = "mailbox_keys";
const KEY_ID: &str = "main";
const STATES: &str = "letter_states";
const PUBLIC_KEY: &str = "mailbox_public_key";
const TERMS: &str = "mailbox_crisis_terms";
const FAILURES: &str = "mailbox_failed_lookups";
/// The longest letter the kiosk takes, in characters.
pub const MAX_LETTER_CHARS: usize = 5_000;

/// The default crisis lexicon (a school edits it). Matched on normalized text: full-width
/// folded, traditional forms simplified, spaces and punctuation removed, letters lower-cased.
pub fn default_crisis_terms() -> Vec<String> {
    [
        "自杀",
        "不想活",
        "活着没意思",
        "活着没有意思",
        "想死",
        "去死",
        "割腕",
        "跳楼",
        "遗书",
        "安眠药",
        "轻生",
        "结束生命",
        "结束自己",
        "死了算了",
        "不如死了",
        "伤害自己",
        "自残",
        "紫砂",
        "zisha",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// Traditional forms of the lexicon's characters, folded to simplified ones.
const TRADITIONAL: &[(char, char)] = &[
    ('殺', '杀'),
    ('樓', '楼'),
    ('書', '书'),
    ('遺', '遗'),
    ('藥', '药'),
    ('輕', '轻'),
    ('結', '结'),
    ('沒', '没'),
    ('傷', '伤'),
    ('殘', '残'),
    ('麼', '么'),
];

/// Text as the lexicon is matched against it.
pub fn normalize_for_matching(text: &str) -> String {
    text.nfkc()
        .map(|c| {
            TRADITIONAL
                .iter()
                .find(|(t, _)| *t == c)
                .map_or(c, |(_, s)| *s)
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The crisis terms found in `text` (as configured).
pub fn crisis_terms_in(text: &str, terms: &[String]) -> Vec<String> {
    let haystack = normalize_for_matching(text);
    terms
        .iter()
        .filter(|t| {
            let needle = normalize_for_matching(t);
            !needle.is_empty() && haystack.contains(&needle)
        })
        .cloned()
        .collect()
}

/// What a letter is inside its sealed box.
#[derive(Serialize, Deserialize)]
struct LetterBody {
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
struct LetterState {
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
    /// The crisis terms it matched.
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
    /// The letter matched the crisis lexicon: show the hotlines at once.
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
}

/// A letter opened by the counselor's key pair, with its handling.
struct Opened {
    summary: LetterSummary,
    body: LetterBody,
    thread: Option<ThreadLocator>,
    state: LetterState,
}

/// A `letters` row as stored.
struct LetterRow {
    id: String,
    source: String,
    thread: Option<String>,
    day: String,
    sealed: Vec<u8>,
}

fn code_compact(text: &str) -> String {
    normalize_for_matching(text).to_uppercase()
}

fn parse_day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| Error::Internal {
        detail: format!("stored day unreadable: {e}"),
    })
}

impl Vault {
    /// Make the mailbox key pair if the vault has none yet (a counselor, while unlocked).
    pub(crate) fn ensure_mailbox(&mut self) -> Result<()> {
        if meta::get(&self.conn, PUBLIC_KEY)?.is_some() {
            return Ok(());
        }
        let Some(session) = self.session.as_ref() else {
            return Ok(());
        };
        let Some((version, key)) = session.keyring.current(KeyClass::Mailbox) else {
            return Ok(());
        };
        let pair = MailboxKeypair::generate();
        let sealed = pair.to_envelope(key, version, &RecordAad::new(KEYS, KEY_ID, record::BODY))?;
        let public: String = pair
            .public_key()
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO mailbox_keys (id, key_version, body) VALUES (?1, ?2, ?3)",
            params![KEY_ID, version.0, sealed],
        )
        .map_err(|e| Error::storage("create mailbox key", e))?;
        meta::set(&tx, PUBLIC_KEY, &public)?;
        commit(tx)
    }

    fn public_key(&self) -> Result<MailboxPublicKey> {
        let hex = meta::get(&self.conn, PUBLIC_KEY)?.ok_or(Error::Invalid {
            field: "悄悄话信箱",
            reason: "信箱尚未启用：请专职心理教师先在本机登录一次 \
                     (the mailbox is not ready: a counselor must unlock once first)"
                .into(),
        })?;
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = hex
                .get(2 * i..2 * i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or(Error::Internal {
                    detail: "stored mailbox public key unreadable".into(),
                })?;
        }
        Ok(MailboxPublicKey::from_bytes(bytes))
    }

    fn keypair(&mut self) -> Result<MailboxKeypair> {
        self.require_class(KeyClass::Mailbox, "查看悄悄话信箱")?;
        self.ensure_mailbox()?;
        let sealed: Vec<u8> = self
            .conn
            .query_row(
                "SELECT body FROM mailbox_keys WHERE id = ?1",
                [KEY_ID],
                |r| r.get(0),
            )
            .map_err(|e| Error::storage("read mailbox key", e))?;
        let header = EnvelopeHeader::parse(&sealed)?;
        let keyring = &self.session.as_ref().ok_or(Error::Locked)?.keyring;
        let key = keyring
            .get(KeyClass::Mailbox, header.version)
            .ok_or(Error::KeysPending)?;
        Ok(MailboxKeypair::from_envelope(
            key,
            &RecordAad::new(KEYS, KEY_ID, record::BODY),
            &sealed,
        )?)
    }

    /// The crisis lexicon.
    pub fn crisis_terms(&self) -> Result<Vec<String>> {
        match meta::get(&self.conn, TERMS)? {
            Some(json) => serde_json::from_str(&json).map_err(|e| Error::Internal {
                detail: format!("stored crisis terms unreadable: {e}"),
            }),
            None => Ok(default_crisis_terms()),
        }
    }

    /// Replace the crisis lexicon (counselor): trimmed, blanks dropped, at least one term.
    pub fn set_crisis_terms(&mut self, terms: Vec<String>) -> Result<Vec<String>> {
        self.require(&[crate::Role::Counselor], "修改危机关键词")?;
        let mut clean: Vec<String> = Vec::new();
        for t in terms {
            let t = t.trim().to_owned();
            if !t.is_empty() && !clean.contains(&t) {
                clean.push(t);
            }
        }
        if clean.is_empty() {
            return Err(Error::Invalid {
                field: "危机关键词",
                reason: "至少保留一个关键词 (keep at least one term)".into(),
            });
        }
        let json = serde_json::to_string(&clean).map_err(|e| Error::Internal {
            detail: format!("serialize crisis terms: {e}"),
        })?;
        meta::set(&self.conn, TERMS, &json)?;
        Ok(clean)
    }

    /// What the kiosk screen needs: the school's name and whether the mailbox is ready.
    pub fn kiosk_info(&self) -> Result<KioskInfo> {
        Ok(KioskInfo {
            school_name: meta::get(&self.conn, meta::SCHOOL_NAME)?,
            ready: meta::get(&self.conn, PUBLIC_KEY)?.is_some(),
        })
    }

    /// Send a letter from the kiosk (no unlock). Without `code`, a new thread and a new pickup
    /// code (returned once); with the code of an earlier letter, the letter joins that thread.
    /// A letter that contains its own thread's code is refused: the code must stay secret.
    pub fn kiosk_submit(&mut self, text: &str, code: Option<&str>) -> Result<KioskReceipt> {
        let text = required("信的内容", text)?.to_owned();
        if text.chars().count() > MAX_LETTER_CHARS {
            return Err(Error::Invalid {
                field: "信的内容",
                reason: format!(
                    "最多 {MAX_LETTER_CHARS} 个字，可以分几封写 \
                     (at most {MAX_LETTER_CHARS} characters: write more than one letter)"
                ),
            });
        }
        let public = self.public_key()?;
        let params = self.kdf_params()?;
        let (pickup, new_code) = match code {
            Some(c) => {
                let pickup = PickupCode::parse(c).map_err(|_| Error::Invalid {
                    field: "取信码",
                    reason: "取信码应是 12 个字母或数字，请核对后再输入 \
                             (a pickup code has 12 letters or digits)"
                        .into(),
                })?;
                if code_compact(&text).contains(&code_compact(&pickup.to_string())) {
                    return Err(Error::Invalid {
                        field: "信的内容",
                        reason: "信里写了你的取信码。为了保护你，取信码只有你自己知道就好，\
                                 请把它从信里删掉再发送 \
                                 (your letter contains your pickup code: keep it secret and remove it)"
                            .into(),
                    });
                }
                (pickup, None)
            }
            None => {
                let pickup = PickupCode::generate();
                let shown = pickup.to_string();
                (pickup, Some(shown))
            }
        };
        let thread = pickup.locator(&params)?;
        let reply_key = pickup.reply_key(&params)?;
        let terms = self.crisis_terms()?;
        let urgent = !crisis_terms_in(&text, &terms).is_empty();
        let body = zeroize::Zeroizing::new(
            serde_json::to_vec(&LetterBody {
                text,
                signed_as: String::new(),
            })
            .map_err(|e| Error::Internal {
                detail: format!("serialize letter: {e}"),
            })?,
        );
        let sealed = xinyu_vault::seal_letter(&public, &thread, &reply_key, &body)?;
        self.conn
            .execute(
                "INSERT INTO letters (id, source, thread, received_on, sealed)
                 VALUES (?1, 'kiosk', ?2, ?3, ?4)",
                params![
                    crate::id::new_id(),
                    thread.to_hex(),
                    self.today().to_string(),
                    sealed
                ],
            )
            .map_err(|e| Error::storage("write letter", e))?;
        Ok(KioskReceipt {
            code: new_code,
            urgent,
        })
    }

    /// The replies to a pickup code's letters, oldest first (no unlock). A wrong code and a
    /// code with no reply yet give the same empty answer; after three codes that find no
    /// letter, each further try waits longer (5 s doubling to 5 minutes).
    pub fn kiosk_replies(&mut self, code: &str) -> Result<Vec<KioskReply>> {
        let now = self.now();
        self.check_lookup_delay(now)?;
        let Ok(pickup) = PickupCode::parse(code) else {
            self.record_failed_lookup(now)?;
            return Ok(Vec::new());
        };
        let params = self.kdf_params()?;
        let thread = pickup.locator(&params)?;
        let known: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM letters WHERE thread = ?1",
                [thread.to_hex()],
                |r| r.get(0),
            )
            .map_err(|e| Error::storage("find letters", e))?;
        if known == 0 {
            self.record_failed_lookup(now)?;
            return Ok(Vec::new());
        }
        meta::set(&self.conn, FAILURES, "")?;
        let reply_key = pickup.reply_key(&params)?;
        let mut replies = Vec::new();
        for (day, sealed) in self.reply_rows(&thread)? {
            let text = xinyu_vault::open_reply(&reply_key, &thread, &sealed)?;
            replies.push(KioskReply {
                date: parse_day(&day)?,
                text: String::from_utf8_lossy(&text).into_owned(),
            });
        }
        Ok(replies)
    }

    fn reply_rows(&self, thread: &ThreadLocator) -> Result<Vec<(String, Vec<u8>)>> {
        let mut replies = record::sealed_rows(
            &self.conn,
            "read replies",
            "SELECT written_on, sealed FROM replies WHERE thread = ?1",
            [thread.to_hex()],
        )?;
        replies.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(replies)
    }

    fn check_lookup_delay(&self, now: DateTime<Utc>) -> Result<()> {
        let Some((failures, last)) = self.failed_lookups()? else {
            return Ok(());
        };
        let delay = crate::throttle::delay_after(failures) as i64;
        let waited = (now - last).num_seconds();
        if waited < delay {
            return Err(Error::TooManyAttempts {
                wait_seconds: (delay - waited.max(0)) as u64,
            });
        }
        Ok(())
    }

    fn failed_lookups(&self) -> Result<Option<(u32, DateTime<Utc>)>> {
        Ok(meta::get(&self.conn, FAILURES)?.and_then(|v| {
            let (n, at) = v.split_once(' ')?;
            let at = DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc);
            Some((n.parse().ok()?, at))
        }))
    }

    fn record_failed_lookup(&self, now: DateTime<Utc>) -> Result<()> {
        let failures = self.failed_lookups()?.map_or(0, |(n, _)| n) + 1;
        meta::set(&self.conn, FAILURES, &format!("{failures} {}", stamp(now)))
    }

    /// Type in a paper letter from the box (counselor).
    pub fn add_paper_letter(&mut self, input: PaperLetterInput) -> Result<LetterSummary> {
        let me = self
            .require_class(KeyClass::Mailbox, "录入来信")?
            .user
            .id
            .clone();
        let text = required("信的内容", &input.text)?.to_owned();
        self.ensure_mailbox()?;
        let public = self.public_key()?;
        let body = zeroize::Zeroizing::new(
            serde_json::to_vec(&LetterBody {
                text,
                signed_as: input.signed_as.trim().to_owned(),
            })
            .map_err(|e| Error::Internal {
                detail: format!("serialize letter: {e}"),
            })?,
        );
        let sealed = xinyu_vault::seal_to(&public, &body)?;
        let id = crate::id::new_id();
        let state = LetterState {
            status: LetterStatus::Read,
            category: input.category.trim().to_owned(),
            urgent: input.urgent,
            linked_file: None,
            posted_reply: None,
        };
        let keyring = &self.session.as_ref().ok_or(Error::Locked)?.keyring;
        let sealed_state = record::seal(keyring, KeyClass::Mailbox, STATES, &id, &state)?;
        let version = meta::key_version(&self.conn, KeyClass::Mailbox)?.0;
        let now = stamp(self.now());
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO letters (id, source, thread, received_on, sealed)
             VALUES (?1, 'paper', NULL, ?2, ?3)",
            params![id, input.received_on.to_string(), sealed],
        )
        .map_err(|e| Error::storage("write letter", e))?;
        tx.execute(
            "INSERT INTO letter_states (id, key_version, body) VALUES (?1, ?2, ?3)",
            params![id, version, sealed_state],
        )
        .map_err(|e| Error::storage("write letter", e))?;
        access_log::append(&tx, &now, Some(&me), Action::Create, Some(("letter", &id)))?;
        commit(tx)?;
        self.letter_summaries()?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(Error::NotFound { kind: "来信" })
    }

    /// Every letter, opened, with its handling and text (internal; callers log views).
    fn open_letters(&mut self) -> Result<Vec<Opened>> {
        let pair = self.keypair()?;
        let terms = self.crisis_terms()?;
        let mut stmt = self
            .conn
            .prepare("SELECT id, source, thread, received_on, sealed FROM letters")
            .map_err(|e| Error::storage("read letters", e))?;
        let rows: Vec<LetterRow> = stmt
            .query_map([], |r| {
                Ok(LetterRow {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    thread: r.get(2)?,
                    day: r.get(3)?,
                    sealed: r.get(4)?,
                })
            })
            .map_err(|e| Error::storage("read letters", e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| Error::storage("read letters", e))?;
        drop(stmt);
        let states: HashMap<String, Vec<u8>> = record::sealed_rows(
            &self.conn,
            "read letter states",
            "SELECT id, body FROM letter_states",
            [],
        )?
        .into_iter()
        .collect();
        let mut per_thread: HashMap<String, usize> = HashMap::new();
        for row in &rows {
            if let Some(t) = &row.thread {
                *per_thread.entry(t.clone()).or_default() += 1;
            }
        }
        let keyring = &self.session.as_ref().ok_or(Error::Locked)?.keyring;
        let mut out = Vec::with_capacity(rows.len());
        for LetterRow {
            id,
            source,
            thread,
            day,
            sealed,
        } in rows
        {
            let unreadable = |source| Error::Undecryptable {
                kind: "来信",
                id: id.clone(),
                source,
            };
            let (body, locator) = if source == "kiosk" {
                let opened = pair.open_letter(&sealed).map_err(unreadable)?;
                if thread.as_deref() != Some(opened.thread.to_hex().as_str()) {
                    return Err(unreadable(xinyu_vault::Error::Tampered));
                }
                let body: LetterBody =
                    serde_json::from_slice(&opened.body).map_err(|e| Error::Internal {
                        detail: format!("decode letter {id}: {e}"),
                    })?;
                (body, Some(opened.thread))
            } else {
                let plain = pair.open_sealed(&sealed).map_err(unreadable)?;
                let body: LetterBody =
                    serde_json::from_slice(&plain).map_err(|e| Error::Internal {
                        detail: format!("decode letter {id}: {e}"),
                    })?;
                (body, None)
            };
            let state: LetterState = match states.get(&id) {
                Some(s) => record::open(keyring, "来信处理记录", STATES, &id, s)?,
                None => LetterState {
                    status: LetterStatus::Unread,
                    category: String::new(),
                    urgent: false,
                    linked_file: None,
                    posted_reply: None,
                },
            };
            let summary = LetterSummary {
                urgent: state.urgent || !crisis_terms_in(&body.text, &terms).is_empty(),
                date: parse_day(&day)?,
                source: if source == "kiosk" {
                    LetterSource::Kiosk
                } else {
                    LetterSource::Paper
                },
                status: state.status,
                category: state.category.clone(),
                signed_as: body.signed_as.clone(),
                thread_letters: thread
                    .as_ref()
                    .and_then(|t| per_thread.get(t).copied())
                    .unwrap_or(1),
                linked_file: state.linked_file.clone(),
                id,
            };
            out.push(Opened {
                summary,
                body,
                thread: locator,
                state,
            });
        }
        Ok(out)
    }

    fn letter_summaries(&mut self) -> Result<Vec<LetterSummary>> {
        let mut list: Vec<LetterSummary> = self
            .open_letters()?
            .into_iter()
            .map(|o| o.summary)
            .collect();
        // Urgent first, then unread, then newest.
        list.sort_by(|a, b| {
            b.urgent
                .cmp(&a.urgent)
                .then((a.status != LetterStatus::Unread).cmp(&(b.status != LetterStatus::Unread)))
                .then(b.date.cmp(&a.date))
                .then(a.id.cmp(&b.id))
        });
        Ok(list)
    }

    /// The inbox: urgent first, then unread, then newest (counselor; logged as one view).
    pub fn mailbox_inbox(&mut self) -> Result<Vec<LetterSummary>> {
        let list = self.letter_summaries()?;
        let me = self.session()?.user.id.clone();
        access_log::append(
            &self.conn,
            &stamp(self.now()),
            Some(&me),
            Action::View,
            Some(("mailbox", "")),
        )?;
        Ok(list)
    }

    /// Open a letter (logged as a view); an unread letter becomes read.
    pub fn read_letter(&mut self, id: &str) -> Result<LetterView> {
        let pair = self.keypair()?;
        let terms = self.crisis_terms()?;
        let letters = self.open_letters()?;
        let this = letters
            .iter()
            .find(|o| o.summary.id == id)
            .ok_or(Error::NotFound { kind: "来信" })?;
        let (summary, text, locator, mut state) = (
            this.summary.clone(),
            this.body.text.clone(),
            this.thread,
            this.state.clone(),
        );
        let mut thread = Vec::new();
        if let Some(locator) = &locator {
            for o in &letters {
                if o.thread.as_ref() == Some(locator) {
                    thread.push(ThreadMessage {
                        date: o.summary.date,
                        from_student: true,
                        text: o.body.text.clone(),
                    });
                }
            }
            let opened = pair
                .open_letter(
                    &self
                        .conn
                        .query_row("SELECT sealed FROM letters WHERE id = ?1", [id], |r| {
                            r.get::<_, Vec<u8>>(0)
                        })
                        .map_err(|e| Error::storage("read letter", e))?,
                )
                .map_err(|source| Error::Undecryptable {
                    kind: "来信",
                    id: id.to_owned(),
                    source,
                })?;
            for (day, sealed) in self.reply_rows(locator)? {
                let text = xinyu_vault::open_reply(&opened.reply_key, locator, &sealed)?;
                thread.push(ThreadMessage {
                    date: parse_day(&day)?,
                    from_student: false,
                    text: String::from_utf8_lossy(&text).into_owned(),
                });
            }
            thread.sort_by_key(|m| m.date);
        }
        let me = self.session()?.user.id.clone();
        if state.status == LetterStatus::Unread {
            state.status = LetterStatus::Read;
            self.write_state(id, &state, &me, Action::View)?;
        } else {
            access_log::append(
                &self.conn,
                &stamp(self.now()),
                Some(&me),
                Action::View,
                Some(("letter", id)),
            )?;
        }
        let mut summary = summary;
        summary.status = state.status;
        Ok(LetterView {
            matched_terms: crisis_terms_in(&text, &terms),
            text,
            summary,
            thread,
            posted_reply: state.posted_reply,
        })
    }

    fn write_state(
        &mut self,
        id: &str,
        state: &LetterState,
        actor: &str,
        action: Action,
    ) -> Result<()> {
        let keyring = &self.session.as_ref().ok_or(Error::Locked)?.keyring;
        let sealed = record::seal(keyring, KeyClass::Mailbox, STATES, id, state)?;
        let version = meta::key_version(&self.conn, KeyClass::Mailbox)?.0;
        let now = stamp(self.now());
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO letter_states (id, key_version, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET key_version = ?2, body = ?3",
            params![id, version, sealed],
        )
        .map_err(|e| Error::storage("write letter state", e))?;
        access_log::append(&tx, &now, Some(actor), action, Some(("letter", id)))?;
        commit(tx)
    }

    fn letter_state(
        &mut self,
        id: &str,
    ) -> Result<(LetterSummary, Option<ThreadLocator>, LetterState)> {
        self.open_letters()?
            .into_iter()
            .find(|o| o.summary.id == id)
            .map(|o| (o.summary, o.thread, o.state))
            .ok_or(Error::NotFound { kind: "来信" })
    }

    /// Reply to a letter (counselor). A kiosk letter's reply is sealed under the key only its
    /// pickup code derives; a paper letter's reply is recorded as posted (`posted_where`).
    pub fn reply_letter(&mut self, id: &str, text: &str, posted_where: &str) -> Result<()> {
        let text = required("回信内容", text)?.to_owned();
        let pair = self.keypair()?;
        let me = self.session()?.user.id.clone();
        let (summary, locator, mut state) = self.letter_state(id)?;
        match (summary.source, locator) {
            (LetterSource::Kiosk, Some(thread)) => {
                let sealed: Vec<u8> = self
                    .conn
                    .query_row("SELECT sealed FROM letters WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .map_err(|e| Error::storage("read letter", e))?;
                let opened = pair
                    .open_letter(&sealed)
                    .map_err(|source| Error::Undecryptable {
                        kind: "来信",
                        id: id.to_owned(),
                        source,
                    })?;
                let reply = xinyu_vault::seal_reply(&opened.reply_key, &thread, text.as_bytes())?;
                self.conn
                    .execute(
                        "INSERT INTO replies (id, thread, written_on, sealed) VALUES (?1, ?2, ?3, ?4)",
                        params![crate::id::new_id(), thread.to_hex(), self.today().to_string(), reply],
                    )
                    .map_err(|e| Error::storage("write reply", e))?;
            }
            _ => {
                state.posted_reply = Some(PostedReply {
                    text,
                    posted_where: required("张贴位置", posted_where)?.to_owned(),
                    posted_on: self.today(),
                });
            }
        }
        state.status = LetterStatus::Replied;
        self.write_state(id, &state, &me, Action::Update)
    }

    /// Set a letter's status (e.g. archive), category or urgency by hand (counselor).
    pub fn update_letter(
        &mut self,
        id: &str,
        status: LetterStatus,
        category: &str,
        urgent: bool,
    ) -> Result<()> {
        self.require_class(KeyClass::Mailbox, "处理来信")?;
        let me = self.session()?.user.id.clone();
        let (_, _, mut state) = self.letter_state(id)?;
        state.status = status;
        state.category = category.trim().to_owned();
        state.urgent = urgent;
        self.write_state(id, &state, &me, Action::Update)
    }

    /// Link a letter to a warning file, by the counselor's own judgment (letters are anonymous
    /// by default); `None` removes the link.
    pub fn link_letter(&mut self, id: &str, file_id: Option<&str>) -> Result<()> {
        self.require(&[crate::Role::Counselor], "关联来信与预警档案")?;
        if let Some(file) = file_id {
            self.summary(file)?;
        }
        let me = self.session()?.user.id.clone();
        let (_, _, mut state) = self.letter_state(id)?;
        state.linked_file = file_id.map(str::to_owned);
        self.write_state(id, &state, &me, Action::Update)
    }
}
