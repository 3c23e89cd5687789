//! The counselor's side of the mailbox: the key pair (made at a counselor's unlock), the
//! inbox with urgent letters first, reading a letter (logged), replies, handling, paper
//! letters, links to warning files and the crisis lexicon.
//!
//! A letter's handling is a class-sealed row ([`LETTER_STATES`]) written like any other. The
//! mailbox's own envelopes are not: the key pair (sealed by [`MailboxKeypair::to_envelope`]),
//! letters (sealed to the public key) and replies (sealed under a pickup code's reply key) keep
//! their formats; only their rows go into the same write as the handling and its log entry.

use std::collections::HashMap;

use rusqlite::params;
use xinyu_vault::{
    DataKey, EnvelopeHeader, KeyClass, KeyVersion, MailboxKeypair, OpenedLetter, RecordAad,
    ThreadLocator,
};

use super::triage::crisis_terms;
use super::*;
use crate::error::{Deed, Field, Kind, Problem};
use crate::store::access_log::Action;
use crate::store::meta;
use crate::store::sealed::{BODY, LETTER_STATES, MAILBOX_KEYS};
use crate::vault::required;

/// What the key pair's envelope is bound to.
fn key_aad() -> RecordAad<'static> {
    RecordAad::new(MAILBOX_KEYS.name, KEY_ID, BODY)
}

impl Mailbox<'_> {
    /// The crisis lexicon.
    pub fn crisis_terms(&self) -> Result<Vec<String>> {
        crisis_terms(self.conn)
    }

    /// The mailbox key of `version`, or the current one. The key pair's envelope is the
    /// mailbox's own format, not a class-sealed body, so it is sealed and opened with the key.
    fn mailbox_key(&self, version: Option<KeyVersion>) -> Option<(KeyVersion, &DataKey)> {
        let keyring = &self.me().keyring;
        match version {
            None => keyring.current(KeyClass::Mailbox),
            Some(v) => keyring.get(KeyClass::Mailbox, v).map(|key| (v, key)),
        }
    }

    /// Make the mailbox key pair if the vault has none yet (a counselor, while unlocked).
    pub(crate) fn ensure_mailbox(&mut self) -> Result<()> {
        if meta::get(self.conn, PUBLIC_KEY)?.is_some() {
            return self.restore_public_key();
        }
        let Some((version, key)) = self.mailbox_key(None) else {
            return Ok(());
        };
        let pair = MailboxKeypair::generate();
        let sealed = pair.to_envelope(key, version, &key_aad())?;
        let public: String = pair
            .public_key()
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let w = self.write()?;
        w.insert_sealed(&MAILBOX_KEYS, KEY_ID, &sealed, &[])?;
        meta::set(&w.tx, PUBLIC_KEY, &public)?;
        w.log(Action::Create, "mailbox_key", KEY_ID)?;
        w.commit()
    }

    /// The public key the kiosk seals to, as stored, is the one of the key pair the counselors
    /// hold; `None` when this user cannot tell (no mailbox key).
    pub(crate) fn public_key_matches(&mut self) -> Result<Option<bool>> {
        Ok(self.swapped_public_key()?.map(|swapped| swapped.is_none()))
    }

    /// `None` when this user cannot tell (no mailbox key, or no key pair yet); else the key
    /// pair's own public key (hex) when the stored one differs from it.
    fn swapped_public_key(&mut self) -> Result<Option<Option<String>>> {
        let Some(stored) = meta::get(self.conn, PUBLIC_KEY)? else {
            return Ok(None);
        };
        if !self.holds(KeyClass::Mailbox) {
            return Ok(None);
        }
        let true_key = hex::encode(self.stored_keypair()?.public_key().as_bytes());
        Ok(Some((stored != true_key).then_some(true_key)))
    }

    /// At a counselor's unlock: put back the key pair's own public key if the stored one was
    /// swapped (someone who can write the file would otherwise read every new letter), and log
    /// it; `verify` reports a swap found while someone is unlocked.
    fn restore_public_key(&mut self) -> Result<()> {
        let Some(Some(true_key)) = self.swapped_public_key()? else {
            return Ok(());
        };
        tracing::warn!("mailbox public key was swapped: restored from the key pair");
        let w = self.write()?;
        meta::set(&w.tx, PUBLIC_KEY, &true_key)?;
        w.log(Action::Update, "mailbox_public_key", "restored")?;
        w.commit()
    }

    /// The fingerprint of the mailbox's key, for 设置 › 悄悄话信箱 (compare with the kiosk's).
    pub fn key_fingerprint(&mut self) -> Result<Option<String>> {
        self.require_class(KeyClass::Mailbox, Deed::ViewInbox)?;
        self.ensure_mailbox()?;
        Ok(Some(xinyu_vault::fingerprint(
            self.keypair()?.public_key().as_bytes(),
        )))
    }

    fn keypair(&mut self) -> Result<MailboxKeypair> {
        self.require_class(KeyClass::Mailbox, Deed::ViewInbox)?;
        self.ensure_mailbox()?;
        self.stored_keypair()
    }

    /// The key pair as stored, opened (no set-up or checks first).
    fn stored_keypair(&mut self) -> Result<MailboxKeypair> {
        let sealed: Vec<u8> = self
            .conn
            .query_row(
                "SELECT body FROM mailbox_keys WHERE id = ?1",
                [KEY_ID],
                |r| r.get(0),
            )
            .map_err(|e| Error::storage("read mailbox key", e))?;
        let header = EnvelopeHeader::parse(&sealed)?;
        let (_, key) = self
            .mailbox_key(Some(header.version))
            .ok_or(Error::KeysPending)?;
        Ok(MailboxKeypair::from_envelope(key, &key_aad(), &sealed)?)
    }

    /// The kiosk letter `id`, opened with the key pair (its body, thread and reply key).
    fn open_kiosk_letter(&self, pair: &MailboxKeypair, id: &str) -> Result<OpenedLetter> {
        let sealed: Vec<u8> = self
            .conn
            .query_row("SELECT sealed FROM letters WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(|e| Error::storage("read letter", e))?;
        pair.open_letter(&sealed)
            .map_err(|source| Error::Undecryptable {
                kind: Kind::Letter,
                id: id.to_owned(),
                source,
            })
    }

    /// Replace the crisis lexicon (counselor): trimmed, blanks dropped, at least one term.
    pub fn set_crisis_terms(&mut self, terms: Vec<String>) -> Result<Vec<String>> {
        self.require(&[crate::Role::Counselor], Deed::SetCrisisTerms)?;
        let mut clean: Vec<String> = Vec::new();
        for t in terms {
            let t = t.trim().to_owned();
            if !t.is_empty() && !clean.contains(&t) {
                clean.push(t);
            }
        }
        if clean.is_empty() {
            return Err(Error::Invalid {
                field: Field::CrisisTerms,
                problem: Problem::KeepOneTerm,
            });
        }
        let json = serde_json::to_string(&clean).map_err(|e| Error::Internal {
            detail: format!("serialize crisis terms: {e}"),
        })?;
        meta::set(self.conn, TERMS, &json)?;
        crate::vault::directory::vouch_setting(self.conn, &self.me().keyring, TERMS)?;
        self.log(Action::Update, "crisis_terms", "")?;
        Ok(clean)
    }

    /// Type in a paper letter from the box (counselor).
    pub fn add_paper_letter(&mut self, input: PaperLetterInput) -> Result<LetterSummary> {
        self.require_class(KeyClass::Mailbox, Deed::EnterLetter)?;
        let text = required(Field::Letter, &input.text)?.to_owned();
        self.ensure_mailbox()?;
        let public = super::kiosk::public_key(self.conn)?;
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
        let w = self.write()?;
        w.tx.execute(
            "INSERT INTO letters (id, source, thread, received_on, sealed)
             VALUES (?1, 'paper', NULL, ?2, ?3)",
            params![id, input.received_on.to_string(), sealed],
        )
        .map_err(|e| Error::storage("write letter", e))?;
        w.insert(&LETTER_STATES, &id, &state, &[])?;
        w.log(Action::Create, "letter", &id)?;
        w.commit()?;
        self.letter_summaries()?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(Error::NotFound { kind: Kind::Letter })
    }

    /// Every letter, opened, with its handling and text (internal; callers log views).
    pub(crate) fn open_letters(&mut self) -> Result<Vec<Opened>> {
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
        let mut states: HashMap<String, LetterState> =
            self.load_all(&LETTER_STATES, "", [])?.into_iter().collect();
        let mut per_thread: HashMap<String, usize> = HashMap::new();
        for row in &rows {
            if let Some(t) = &row.thread {
                *per_thread.entry(t.clone()).or_default() += 1;
            }
        }
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
                kind: Kind::Letter,
                id: id.clone(),
                source,
            };
            let opened = if source == "kiosk" {
                pair.open_letter(&sealed)
                    .map_err(unreadable)
                    .and_then(|opened| {
                        if thread.as_deref() != Some(opened.thread.to_hex().as_str()) {
                            return Err(unreadable(xinyu_vault::Error::Tampered));
                        }
                        let body: LetterBody =
                            serde_json::from_slice(&opened.body).map_err(|e| Error::Internal {
                                detail: format!("decode letter {id}: {e}"),
                            })?;
                        Ok((body, Some(opened.thread)))
                    })
            } else {
                pair.open_sealed(&sealed)
                    .map_err(unreadable)
                    .and_then(|plain| {
                        let body: LetterBody =
                            serde_json::from_slice(&plain).map_err(|e| Error::Internal {
                                detail: format!("decode letter {id}: {e}"),
                            })?;
                        Ok((body, None))
                    })
            };
            // One letter that does not open must not hide the others (an urgent one among them).
            let (body, locator) = match opened {
                Ok(opened) => opened,
                Err(e) => {
                    self.leave_out("letters", &id, e)?;
                    continue;
                }
            };
            let state = states.remove(&id).unwrap_or(LetterState {
                status: LetterStatus::Unread,
                category: String::new(),
                urgent: false,
                linked_file: None,
                posted_reply: None,
            });
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
    pub fn inbox(&mut self) -> Result<Vec<LetterSummary>> {
        let list = self.letter_summaries()?;
        self.log(Action::View, "mailbox", "")?;
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
            .ok_or(Error::NotFound { kind: Kind::Letter })?;
        let (mut summary, text, locator, mut state) = (
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
            let opened = self.open_kiosk_letter(&pair, id)?;
            for (day, sealed) in super::kiosk::reply_rows(self.conn, locator)? {
                let text = xinyu_vault::open_reply(&opened.reply_key, locator, &sealed)?;
                thread.push(ThreadMessage {
                    date: parse_day(&day)?,
                    from_student: false,
                    text: String::from_utf8_lossy(&text).into_owned(),
                });
            }
            thread.sort_by_key(|m| m.date);
        }
        if state.status == LetterStatus::Unread {
            state.status = LetterStatus::Read;
            let w = self.write()?;
            w.upsert(&LETTER_STATES, id, &state)?;
            w.log(Action::View, "letter", id)?;
            w.commit()?;
        } else {
            self.log(Action::View, "letter", id)?;
        }
        summary.status = state.status;
        Ok(LetterView {
            matched_terms: crisis_terms_in(&text, &terms),
            text,
            summary,
            thread,
            posted_reply: state.posted_reply,
        })
    }

    fn letter_state(
        &mut self,
        id: &str,
    ) -> Result<(LetterSummary, Option<ThreadLocator>, LetterState)> {
        self.open_letters()?
            .into_iter()
            .find(|o| o.summary.id == id)
            .map(|o| (o.summary, o.thread, o.state))
            .ok_or(Error::NotFound { kind: Kind::Letter })
    }

    /// Reply to a letter (counselor). A kiosk letter's reply is sealed under the key only its
    /// pickup code derives; a paper letter's reply is recorded as posted (`posted_where`).
    pub fn reply_letter(&mut self, id: &str, text: &str, posted_where: &str) -> Result<()> {
        let text = required(Field::Reply, text)?.to_owned();
        let pair = self.keypair()?;
        let (summary, locator, mut state) = self.letter_state(id)?;
        let today = self.today();
        let reply = match (summary.source, locator) {
            (LetterSource::Kiosk, Some(thread)) => {
                let opened = self.open_kiosk_letter(&pair, id)?;
                let sealed = xinyu_vault::seal_reply(&opened.reply_key, &thread, text.as_bytes())?;
                Some((thread, sealed))
            }
            _ => {
                state.posted_reply = Some(PostedReply {
                    text,
                    posted_where: required(Field::PosterPlace, posted_where)?.to_owned(),
                    posted_on: today,
                });
                None
            }
        };
        state.status = LetterStatus::Replied;
        let w = self.write()?;
        if let Some((thread, sealed)) = reply {
            w.tx.execute(
                "INSERT INTO replies (id, thread, written_on, sealed) VALUES (?1, ?2, ?3, ?4)",
                params![
                    crate::id::new_id(),
                    thread.to_hex(),
                    today.to_string(),
                    sealed
                ],
            )
            .map_err(|e| Error::storage("write reply", e))?;
        }
        w.upsert(&LETTER_STATES, id, &state)?;
        w.log(Action::Update, "letter", id)?;
        w.commit()
    }

    /// Set a letter's status (e.g. archive), category or urgency by hand (counselor).
    pub fn update_letter(
        &mut self,
        id: &str,
        status: LetterStatus,
        category: &str,
        urgent: bool,
    ) -> Result<()> {
        self.require_class(KeyClass::Mailbox, Deed::HandleLetter)?;
        let (_, _, mut state) = self.letter_state(id)?;
        state.status = status;
        state.category = category.trim().to_owned();
        state.urgent = urgent;
        let w = self.write()?;
        w.upsert(&LETTER_STATES, id, &state)?;
        w.log(Action::Update, "letter", id)?;
        w.commit()
    }

    /// Link a letter to a warning file, by the counselor's own judgment (letters are anonymous
    /// by default); `None` removes the link.
    pub fn link_letter(&mut self, id: &str, file_id: Option<&str>) -> Result<()> {
        self.require(&[crate::Role::Counselor], Deed::LinkLetter)?;
        if let Some(file) = file_id {
            self.casework().summary(file)?;
        }
        let (_, _, mut state) = self.letter_state(id)?;
        state.linked_file = file_id.map(str::to_owned);
        let w = self.write()?;
        w.upsert(&LETTER_STATES, id, &state)?;
        w.log(Action::Update, "letter", id)?;
        w.commit()
    }
}
