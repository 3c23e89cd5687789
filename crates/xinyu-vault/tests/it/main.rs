//! The vault as `xinyu-core` uses it, through the public API only.
//!
//! - unlock: passphrase → keyring, and what each role's keyring can open
//! - passphrase change and recovery: re-wrapping, never re-encrypting
//! - rekey: old and new key versions side by side
//! - kiosk: sealed letters, pickup codes, replies
//! - errors: "中文 (English)" messages without content

#![allow(clippy::unwrap_used, clippy::expect_used)]

use xinyu_vault::{
    DataKey, EnvelopeHeader, Error, KdfParams, KeyClass, KeyVersion, Keyring, MailboxKeypair,
    PickupCode, RecordAad, RecoveryCode, Salt, WrapContext, WrappedKey, derive_kek, open_reply,
    seal_letter, seal_reply,
};

const V1: KeyVersion = KeyVersion::FIRST;

/// What the store keeps for one user: salt, parameters and that user's wrapped class keys.
struct StoredUser {
    id: &'static str,
    salt: Salt,
    params: KdfParams,
    wrapped: Vec<(KeyClass, KeyVersion, WrappedKey)>,
}

fn enrol(id: &'static str, passphrase: &str, keys: &Keyring, classes: &[KeyClass]) -> StoredUser {
    let salt = Salt::generate();
    let params = KdfParams::for_tests();
    let kek = derive_kek(passphrase.as_bytes(), &salt, &params).unwrap();
    let wrapped = keys
        .iter()
        .filter(|(class, _, _)| classes.contains(class))
        .map(|(class, version, key)| {
            let context = WrapContext::new(id, class, version);
            (class, version, kek.wrap_key(key, &context).unwrap())
        })
        .collect();
    StoredUser {
        id,
        salt,
        params,
        wrapped,
    }
}

fn unlock(user: &StoredUser, passphrase: &str) -> Result<Keyring, Error> {
    let kek = derive_kek(passphrase.as_bytes(), &user.salt, &user.params)?;
    let mut keyring = Keyring::new();
    for (class, version, wrapped) in &user.wrapped {
        let context = WrapContext::new(user.id, *class, *version);
        keyring.insert(*class, *version, kek.unwrap_key(wrapped, &context)?);
    }
    Ok(keyring)
}

fn school_keys() -> Keyring {
    let mut keys = Keyring::new();
    for class in KeyClass::ALL {
        keys.insert(class, V1, DataKey::generate());
    }
    keys
}

const PRINCIPAL: &[KeyClass] = &[
    KeyClass::Roster,
    KeyClass::CaseSummary,
    KeyClass::Activity,
    KeyClass::Audit,
];

#[test]
fn principal_reads_the_case_summary_but_cannot_decrypt_session_notes() {
    let school = school_keys();
    let principal = enrol("principal", "校长口令", &school, PRINCIPAL);
    let notes = RecordAad::new("session", "s-7", "narrative");
    let summary = RecordAad::new("warning_file_summary", "w-3", "level");
    let sealed_notes = school
        .seal(KeyClass::Notes, &notes, "自述失眠两周".as_bytes())
        .unwrap();
    let sealed_summary = school
        .seal(KeyClass::CaseSummary, &summary, "二级".as_bytes())
        .unwrap();

    let keyring = unlock(&principal, "校长口令").unwrap();
    assert_eq!(
        &keyring.open(&summary, &sealed_summary).unwrap()[..],
        "二级".as_bytes()
    );
    assert_eq!(
        keyring.open(&notes, &sealed_notes).map(|_| ()),
        Err(Error::ClassUnavailable {
            class: KeyClass::Notes
        })
    );
}

#[test]
fn a_wrong_passphrase_is_refused_as_such() {
    let school = school_keys();
    let counselor = enrol("counselor", "right one", &school, &KeyClass::ALL);
    assert_eq!(
        unlock(&counselor, "wrong one").map(|_| ()),
        Err(Error::WrongPassphrase)
    );
}

#[test]
fn one_users_wrapped_keys_do_not_unlock_as_another_user() {
    let school = school_keys();
    let teacher = enrol("teacher-1", "same passphrase", &school, &[KeyClass::Roster]);
    // Someone copies teacher-1's rows onto teacher-2 (same passphrase, even same salt).
    let impostor = StoredUser {
        id: "teacher-2",
        salt: teacher.salt,
        params: teacher.params,
        wrapped: teacher.wrapped.clone(),
    };
    assert_eq!(
        unlock(&impostor, "same passphrase").map(|_| ()),
        Err(Error::WrongPassphrase)
    );
}

#[test]
fn changing_a_passphrase_rewraps_keys_and_leaves_records_untouched() {
    let school = school_keys();
    let aad = RecordAad::new("follow_up", "f-1", "text");
    let record = school
        .seal(KeyClass::Casework, &aad, "电话家访".as_bytes())
        .unwrap();

    let before = enrol("counselor", "old passphrase", &school, &KeyClass::ALL);
    let keyring = unlock(&before, "old passphrase").unwrap();
    let after = enrol("counselor", "new passphrase", &keyring, &KeyClass::ALL);
    drop(keyring);

    let keyring = unlock(&after, "new passphrase").unwrap();
    assert_eq!(
        &keyring.open(&aad, &record).unwrap()[..],
        "电话家访".as_bytes()
    );
    assert_eq!(
        unlock(&after, "old passphrase").map(|_| ()),
        Err(Error::WrongPassphrase)
    );
}

#[test]
fn the_recovery_code_opens_the_vault_after_a_lost_passphrase() {
    let school = school_keys();
    let aad = RecordAad::new("session", "s-1", "narrative");
    let record = school.seal(KeyClass::Notes, &aad, b"note").unwrap();

    // Set-up: the code is printed once; its own salt and the wrapped keys are stored.
    let code = RecoveryCode::generate();
    let printed = code.to_string();
    let salt = Salt::generate();
    let params = KdfParams::for_tests();
    let kek = code.derive_kek(&salt, &params).unwrap();
    let wrapped: Vec<_> = school
        .iter()
        .map(|(class, version, key)| {
            let context = WrapContext::new("recovery", class, version);
            (class, version, kek.wrap_key(key, &context).unwrap())
        })
        .collect();
    drop((code, kek));

    // Months later, typed from the printout in lower case with spaces.
    let typed = printed.to_lowercase().replace('-', " ");
    let kek = RecoveryCode::parse(&typed)
        .unwrap()
        .derive_kek(&salt, &params)
        .unwrap();
    let mut keyring = Keyring::new();
    for (class, version, wrapped) in &wrapped {
        let context = WrapContext::new("recovery", *class, *version);
        keyring.insert(*class, *version, kek.unwrap_key(wrapped, &context).unwrap());
    }
    assert_eq!(&keyring.open(&aad, &record).unwrap()[..], b"note");

    // A mistyped character is caught before any key derivation.
    let mut chars: Vec<char> = printed.chars().collect();
    chars[7] = if chars[7] == 'X' { 'Y' } else { 'X' };
    let mistyped: String = chars.into_iter().collect();
    assert_eq!(
        RecoveryCode::parse(&mistyped).map(|_| ()),
        Err(Error::RecoveryCodeChecksum)
    );
}

#[test]
fn after_a_rekey_old_records_open_with_the_old_version_new_ones_with_the_new() {
    let mut keys = school_keys();
    let aad = RecordAad::new("activity", "a-1", "title");
    let old = keys.seal(KeyClass::Activity, &aad, b"old").unwrap();
    keys.insert(KeyClass::Activity, KeyVersion(2), DataKey::generate());
    let new = keys.seal(KeyClass::Activity, &aad, b"new").unwrap();

    assert_eq!(EnvelopeHeader::parse(&old).unwrap().version, V1);
    assert_eq!(EnvelopeHeader::parse(&new).unwrap().version, KeyVersion(2));
    assert_eq!(&keys.open(&aad, &old).unwrap()[..], b"old");
    assert_eq!(&keys.open(&aad, &new).unwrap()[..], b"new");
}

#[test]
fn a_kiosk_letter_reaches_the_counselor_and_only_its_code_reads_the_reply() {
    let params = KdfParams::for_tests();
    let mailbox = MailboxKeypair::generate();
    let kiosk_public_key = mailbox.public_key();

    // Kiosk: a code for the student, the thread locator in clear, the letter sealed.
    let code = PickupCode::generate();
    let shown_to_student = code.to_string();
    let thread = code.locator(&params).unwrap();
    let reply_key = code.reply_key(&params).unwrap();
    let letter = seal_letter(
        &kiosk_public_key,
        &thread,
        &reply_key,
        "我不想上学".as_bytes(),
    )
    .unwrap();
    drop((code, reply_key));

    // Counselor: opens the letter, replies.
    let opened = mailbox.open_letter(&letter).unwrap();
    assert_eq!(opened.thread, thread);
    assert_eq!(&opened.body[..], "我不想上学".as_bytes());
    let reply = seal_reply(&opened.reply_key, &opened.thread, "明天来聊聊".as_bytes()).unwrap();

    // Student: types the code, finds the thread, reads the reply.
    let typed = PickupCode::parse(&shown_to_student.to_lowercase()).unwrap();
    let found = typed.locator(&params).unwrap();
    assert_eq!(found, thread);
    let text = open_reply(&typed.reply_key(&params).unwrap(), &found, &reply).unwrap();
    assert_eq!(&text[..], "明天来聊聊".as_bytes());

    // Another code neither finds the thread nor opens the reply.
    let other = PickupCode::generate();
    assert_ne!(other.locator(&params).unwrap(), thread);
    assert_eq!(
        open_reply(&other.reply_key(&params).unwrap(), &thread, &reply).map(|_| ()),
        Err(Error::WrongPickupCode)
    );

    // A key pair that is not the mailbox's cannot open the letter.
    assert_eq!(
        MailboxKeypair::generate().open_letter(&letter).map(|_| ()),
        Err(Error::LetterUnreadable)
    );
}

#[test]
fn every_error_message_reads_chinese_then_english_and_carries_no_content() {
    let errors = [
        Error::Truncated {
            len: 3,
            min_len: 48,
        },
        Error::NotAnEnvelope,
        Error::UnknownFormat { version: 2 },
        Error::UnknownKeyClass { code: 99 },
        Error::WrongKey {
            expected_class: KeyClass::Roster,
            expected_version: V1,
            found_class: KeyClass::Notes,
            found_version: KeyVersion(2),
        },
        Error::ClassUnavailable {
            class: KeyClass::Notes,
        },
        Error::KeyUnavailable {
            class: KeyClass::Notes,
            version: KeyVersion(4),
        },
        Error::Tampered,
        Error::SealFailed { len: 1 },
        Error::WrongPassphrase,
        Error::UnwrapFailed,
        Error::WrappedKeyMalformed { len: 3 },
        Error::KdfParamsOutOfRange {
            m_cost_kib: 1,
            t_cost: 1,
            p_cost: 1,
        },
        Error::Kdf {
            reason: "memory".to_owned(),
        },
        Error::RecoveryCodeMalformed { expected_chars: 25 },
        Error::RecoveryCodeChecksum,
        Error::PickupCodeMalformed { expected_chars: 12 },
        Error::WrongPickupCode,
        Error::LocatorMalformed,
        Error::LetterUnreadable,
    ];
    for error in errors {
        let text = error.to_string();
        let first = text.chars().next().unwrap();
        assert!(('\u{4E00}'..='\u{9FFF}').contains(&first), "{text}");
        let (chinese, english) = text.split_once(" (").unwrap();
        assert!(!chinese.is_ascii(), "{text}");
        assert!(english.ends_with(')') && english.is_ascii(), "{text}");
    }
    assert_eq!(
        Error::WrongPassphrase.to_string(),
        "口令不正确 (wrong passphrase)"
    );
}
