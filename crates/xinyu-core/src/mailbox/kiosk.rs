//! The kiosk's side of the mailbox, on a locked vault: sending a letter (a new thread and its
//! pickup code, or a letter in an earlier thread), reading replies with the code, and the
//! growing delay after wrong codes. Nothing here can open a letter.

use chrono::{DateTime, Utc};
use rusqlite::params;
use xinyu_vault::{MailboxPublicKey, PickupCode, ThreadLocator};

use super::triage::crisis_terms;
use super::*;
use crate::error::{Field, Problem};
use crate::store::meta;
use crate::store::sealed::sealed_rows;
use crate::vault::{kdf_params, required, stamp};

impl Kiosk<'_> {
    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn crisis_terms(&self) -> Result<Vec<String>> {
        crisis_terms(self.conn)
    }

    /// What the kiosk screen needs: the school's name and whether the mailbox is ready.
    pub fn info(&self) -> Result<KioskInfo> {
        let public = meta::get(self.conn, PUBLIC_KEY)?;
        Ok(KioskInfo {
            school_name: meta::get(self.conn, meta::SCHOOL_NAME)?,
            ready: public.is_some(),
            fingerprint: public
                .and_then(|hex| hex::decode(hex).ok())
                .map(|bytes| xinyu_vault::fingerprint(&bytes)),
        })
    }

    /// Send a letter from the kiosk (no unlock). Without `code`, a new thread and a new pickup
    /// code (returned once); with the code of an earlier letter, the letter joins that thread.
    /// A letter that contains its own thread's code is refused: the code must stay secret.
    pub fn submit(&mut self, text: &str, code: Option<&str>) -> Result<KioskReceipt> {
        let text = required(Field::Letter, text)?.to_owned();
        if text.chars().count() > MAX_LETTER_CHARS {
            return Err(Error::Invalid {
                field: Field::Letter,
                problem: Problem::LetterTooLong {
                    max: MAX_LETTER_CHARS,
                },
            });
        }
        let public = public_key(self.conn)?;
        let params = kdf_params(self.conn)?;
        let (pickup, new_code) = match code {
            Some(c) => {
                let pickup = PickupCode::parse(c).map_err(|_| Error::Invalid {
                    field: Field::PickupCode,
                    problem: Problem::PickupCodeFormat { length: 12 },
                })?;
                if code_compact(&text).contains(&code_compact(&pickup.to_string())) {
                    return Err(Error::Invalid {
                        field: Field::Letter,
                        problem: Problem::CodeInLetter,
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
        // Only whether it hit: the reasons are worked out again when the counselor opens the
        // letter, so nothing about the text is kept outside its sealed box.
        let urgent = !crisis_hits(&text, &terms).is_empty();
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
                    self.clock.today().to_string(),
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
    /// letter, each further try waits longer (5 s doubling to 5 minutes). The count is the
    /// kiosk's (its users are anonymous) and is not reset by a code that finds letters —
    /// someone guessing codes gains nothing by using their own now and then — only by
    /// [`QUIET_MINUTES`](super::QUIET_MINUTES) without a wrong code.
    pub fn replies(&mut self, code: &str) -> Result<Vec<KioskReply>> {
        let now = self.now();
        self.check_lookup_delay(now)?;
        let Ok(pickup) = PickupCode::parse(code) else {
            self.record_failed_lookup(now)?;
            return Ok(Vec::new());
        };
        let params = kdf_params(self.conn)?;
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
        let reply_key = pickup.reply_key(&params)?;
        let mut replies = Vec::new();
        for (day, sealed) in reply_rows(self.conn, &thread)? {
            let text = xinyu_vault::open_reply(&reply_key, &thread, &sealed)?;
            replies.push(KioskReply {
                date: parse_day(&day)?,
                text: String::from_utf8_lossy(&text).into_owned(),
            });
        }
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

    /// Wrong codes in a row and when the last was tried; forgotten after a quiet spell.
    fn failed_lookups(&self) -> Result<Option<(u32, DateTime<Utc>)>> {
        let now = self.now();
        Ok(meta::get(self.conn, FAILURES)?.and_then(|v| {
            let (n, at) = v.split_once(' ')?;
            let at = DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc);
            (now - at <= chrono::Duration::minutes(super::QUIET_MINUTES)).then_some(())?;
            Some((n.parse().ok()?, at))
        }))
    }

    fn record_failed_lookup(&self, now: DateTime<Utc>) -> Result<()> {
        let failures = self.failed_lookups()?.map_or(0, |(n, _)| n) + 1;
        meta::set(self.conn, FAILURES, &format!("{failures} {}", stamp(now)))
    }
}

/// The mailbox's public key, which the kiosk seals letters to.
pub(super) fn public_key(conn: &rusqlite::Connection) -> Result<MailboxPublicKey> {
    let hex = meta::get(conn, PUBLIC_KEY)?.ok_or(Error::Invalid {
        field: Field::Mailbox,
        problem: Problem::MailboxNotReady,
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

/// The replies of a thread, `(day, sealed)`, oldest first.
pub(super) fn reply_rows(
    conn: &rusqlite::Connection,
    thread: &ThreadLocator,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut replies = sealed_rows(
        conn,
        "read replies",
        "SELECT written_on, sealed FROM replies WHERE thread = ?1",
        [thread.to_hex()],
    )?;
    replies.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(replies)
}
