//! The whisper mailbox end to end: a letter from the kiosk on a locked vault, a pickup code, the
//! counselor's reply, reading it with the code; a wrong code; writing again in the thread;
//! crisis triage; paper letters; and what is (not) stored about the writer.

use chrono::Duration;
use xinyu_core::Vault;
use xinyu_core::mailbox::{LetterSource, LetterStatus, PaperLetterInput};

use crate::school::{COUNSELOR, PASS, School, TEACHER, TEACHER_PASS, code, day, store};

/// The school at 03:17:42 on 2026-04-08 with a part-time teacher, locked: as the kiosk finds it.
fn setup() -> School {
    let mut s = School::builder()
        .at(day(2026, 4, 8).and_hms_opt(3, 17, 42).unwrap())
        .teacher()
        .build();
    s.vault.lock().unwrap();
    s
}

/// The kiosk: the vault opened and never unlocked.
fn kiosk(s: &School) -> Vault {
    s.reopen()
}

fn counselor(s: &School) -> Vault {
    let mut v = kiosk(s);
    v.unlock(COUNSELOR, PASS).unwrap();
    v
}

#[test]
fn a_letter_from_the_kiosk_is_answered_and_the_reply_opens_with_the_code_only() {
    let s = setup();
    let mut k = kiosk(&s);
    assert!(k.kiosk().info().unwrap().ready);
    let receipt = k
        .kiosk()
        .submit("老师，我和同桌闹矛盾了，不知道怎么和好。", None)
        .unwrap();
    let pickup = receipt.code.expect("a new code");
    assert_eq!(
        pickup.chars().filter(|c| c.is_ascii_alphanumeric()).count(),
        12
    );
    assert!(!receipt.urgent);
    assert!(
        k.kiosk().replies(&pickup).unwrap().is_empty(),
        "no reply yet"
    );
    assert!(k.roster().is_err(), "the kiosk reads nothing else");

    let mut c = counselor(&s);
    let inbox = c.mailbox().expect("unlocked").inbox().unwrap();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].status, LetterStatus::Unread);
    assert_eq!(inbox[0].source, LetterSource::Kiosk);
    assert_eq!(inbox[0].date, day(2026, 4, 8));
    let letter = c
        .mailbox()
        .expect("unlocked")
        .read_letter(&inbox[0].id)
        .unwrap();
    assert!(letter.text.contains("同桌"));
    assert_eq!(letter.summary.status, LetterStatus::Read);
    let log = c.audit().expect("unlocked").access_log(1).unwrap();
    assert_eq!(
        log[0].record_kind.as_deref(),
        Some("letter"),
        "reading is logged"
    );
    s.clock.advance(Duration::days(1));
    c.mailbox()
        .expect("unlocked")
        .reply_letter(
            &inbox[0].id,
            "谢谢你愿意写信。可以先试着……欢迎来心理辅导室聊聊。",
            "",
        )
        .unwrap();
    c.lock().unwrap();

    let mut k = kiosk(&s);
    let replies = k.kiosk().replies(&pickup.to_lowercase()).unwrap();
    assert_eq!(replies.len(), 1, "the code is read however it is typed");
    assert!(replies[0].text.starts_with("谢谢你愿意写信"));
    assert_eq!(replies[0].date, day(2026, 4, 9));

    // A wrong (but well-formed) code: the same empty answer as "no reply yet".
    let wrong: String = pickup
        .chars()
        .map(|ch| {
            if ch == 'A' {
                'B'
            } else if ch.is_ascii_alphanumeric() && ch != 'B' {
                'A'
            } else {
                ch
            }
        })
        .collect();
    assert!(k.kiosk().replies(&wrong).unwrap().is_empty());
    assert!(k.kiosk().replies("乱写的").unwrap().is_empty());
    k.kiosk().replies(&wrong).unwrap();
    assert_eq!(
        code(k.kiosk().replies(&wrong)),
        "too_many_attempts",
        "a growing delay"
    );
    s.clock.advance(Duration::seconds(6));
    assert_eq!(k.kiosk().replies(&pickup).unwrap().len(), 1);
    // A code that finds letters does not start the count again: the next wrong one waits
    // longer still (10 s), whoever is guessing.
    k.kiosk().replies(&wrong).unwrap();
    s.clock.advance(Duration::seconds(6));
    assert_eq!(code(k.kiosk().replies(&wrong)), "too_many_attempts");
    // Half an hour without a wrong code, and the count starts again.
    s.clock.advance(Duration::minutes(31));
    for _ in 0..3 {
        assert!(k.kiosk().replies(&wrong).unwrap().is_empty());
    }
}

#[test]
fn writing_again_joins_the_thread_and_a_letter_holding_its_own_code_is_refused() {
    let s = setup();
    let mut k = kiosk(&s);
    let pickup = k
        .kiosk()
        .submit("最近总是睡不好。", None)
        .unwrap()
        .code
        .unwrap();
    let err = match k
        .kiosk()
        .submit(&format!("我的取信码是 {pickup}，请回信"), Some(&pickup))
    {
        Err(e) => e,
        Ok(_) => panic!("a letter with its own code is refused"),
    };
    assert!(err.to_string().contains("取信码只有你自己知道"), "{err}");
    let spaced: String = pickup
        .chars()
        .filter(|c| *c != '-')
        .flat_map(|c| [c, ' '])
        .collect();
    assert_eq!(
        code(k.kiosk().submit(&format!("码：{spaced}"), Some(&pickup))),
        "invalid",
        "spaced out too"
    );
    let again = k
        .kiosk()
        .submit("补充一下：周末好一些。", Some(&pickup))
        .unwrap();
    assert!(again.code.is_none(), "no new code when writing again");

    let mut c = counselor(&s);
    let inbox = c.mailbox().expect("unlocked").inbox().unwrap();
    assert_eq!(inbox.len(), 2);
    assert!(inbox.iter().all(|l| l.thread_letters == 2));
    let view = c
        .mailbox()
        .expect("unlocked")
        .read_letter(&inbox[0].id)
        .unwrap();
    assert_eq!(view.thread.iter().filter(|m| m.from_student).count(), 2);
}

#[test]
fn crisis_words_in_any_common_form_make_a_letter_urgent_and_first() {
    let s = setup();
    let mut k = kiosk(&s);
    k.kiosk().submit("想问问怎么提高数学成绩", None).unwrap();
    let urgent = k
        .kiosk()
        .submit("我覺得活著沒意思，不想活了", None)
        .unwrap();
    assert!(urgent.urgent, "traditional forms and 不想活");
    assert!(
        k.kiosk().submit("最近想 紫 砂", None).unwrap().urgent,
        "spaced slang"
    );
    assert!(
        k.kiosk().submit("ＺＩＳＨＡ", None).unwrap().urgent,
        "full-width pinyin"
    );

    let mut c = counselor(&s);
    let inbox = c.mailbox().expect("unlocked").inbox().unwrap();
    assert_eq!(inbox.iter().filter(|l| l.urgent).count(), 3);
    assert!(!inbox[3].urgent, "the ordinary letter comes last");
    let view = c
        .mailbox()
        .expect("unlocked")
        .read_letter(&inbox[0].id)
        .unwrap();
    assert!(
        view.matched_terms.iter().all(|t| t.contains("命中：")),
        "{:?}",
        view.matched_terms
    );
    assert!(!view.matched_terms.is_empty());

    // The school's own words add to the built-in lexicon; they cannot silence it.
    c.mailbox()
        .expect("unlocked")
        .set_crisis_terms(vec!["数学".into()])
        .unwrap();
    let inbox = c.mailbox().expect("unlocked").inbox().unwrap();
    assert_eq!(
        inbox.iter().filter(|l| l.urgent).count(),
        4,
        "the school's own word and the lexicon"
    );
}

#[test]
fn a_paper_letter_is_typed_in_answered_on_the_board_and_archived() {
    // The school's own window, the only one open: the rekey at the end runs alone.
    let School {
        dir: _dir,
        vault: mut c,
        ..
    } = setup();
    c.unlock(COUNSELOR, PASS).unwrap();
    let letter = c
        .mailbox()
        .expect("unlocked")
        .add_paper_letter(PaperLetterInput {
            text: "老师，我被同学起外号，很难受。".into(),
            received_on: day(2026, 4, 7),
            signed_as: "小蜗牛".into(),
            category: "人际".into(),
            urgent: false,
        })
        .unwrap();
    assert_eq!(letter.source, LetterSource::Paper);
    assert_eq!(letter.signed_as, "小蜗牛");
    assert_eq!(
        code(
            c.mailbox()
                .expect("unlocked")
                .reply_letter(&letter.id, "小蜗牛你好……", " ")
        ),
        "invalid",
        "a paper reply says where it was posted"
    );
    c.mailbox()
        .expect("unlocked")
        .reply_letter(&letter.id, "小蜗牛你好……", "心理角公告栏")
        .unwrap();
    let view = c
        .mailbox()
        .expect("unlocked")
        .read_letter(&letter.id)
        .unwrap();
    assert_eq!(view.summary.status, LetterStatus::Replied);
    assert_eq!(view.posted_reply.unwrap().posted_where, "心理角公告栏");
    c.mailbox()
        .expect("unlocked")
        .update_letter(&letter.id, LetterStatus::Archived, "人际", false)
        .unwrap();
    assert_eq!(
        c.mailbox().expect("unlocked").inbox().unwrap()[0].status,
        LetterStatus::Archived
    );
    c.accounts().expect("unlocked").rekey().unwrap();
    assert_eq!(
        c.mailbox()
            .expect("unlocked")
            .read_letter(&letter.id)
            .unwrap()
            .text,
        "老师，我被同学起外号，很难受。"
    );
    assert!(c.audit().expect("unlocked").verify().unwrap().all_ok());
}

#[test]
fn only_counselors_read_letters() {
    let s = setup();
    kiosk(&s).kiosk().submit("想换座位", None).unwrap();
    let mut t = kiosk(&s);
    t.unlock(TEACHER, TEACHER_PASS).unwrap();
    assert_eq!(code(t.mailbox().and_then(|mut m| m.inbox())), "forbidden");
}

#[test]
fn a_kiosk_letter_leaves_only_its_day_behind() {
    let s = setup();
    let before = {
        let mut c = counselor(&s);
        let n = c
            .audit()
            .expect("unlocked")
            .access_log(10_000)
            .unwrap()
            .len();
        c.lock().unwrap();
        n + 1 // the lock
    };
    // The student writes at 05:29:13, two hours after anything else happened.
    s.clock.advance(Duration::seconds(2 * 3600 + 11 * 60 + 31));
    let mut k = kiosk(&s);
    k.kiosk().submit("金丝雀来信内容不应落盘", None).unwrap();
    drop(k);

    let conn = store(s.dir.path());
    let cols: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('letters')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(cols, ["id", "source", "thread", "received_on", "sealed"]);
    let (received, source): (String, String) = conn
        .query_row("SELECT received_on, source FROM letters", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(received, "2026-04-08", "the day only, never 05:29:13");
    assert_eq!(source, "kiosk");
    let logged: i64 = conn
        .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        logged as usize, before,
        "sending writes no access-log entry"
    );
    drop(conn);
    let bytes = std::fs::read(s.dir.path().join(xinyu_core::store::DB_FILE)).unwrap();
    let wal = std::fs::read(
        s.dir
            .path()
            .join(format!("{}-wal", xinyu_core::store::DB_FILE)),
    )
    .unwrap_or_default();
    let needle = "金丝雀来信内容".as_bytes();
    for hay in [&bytes, &wal] {
        assert!(!hay.windows(needle.len()).any(|w| w == needle));
    }
    let stamp = "05:29";
    for hay in [&bytes, &wal] {
        let text = String::from_utf8_lossy(hay);
        assert!(
            !text.contains(&format!("2026-04-08T{stamp}")),
            "no time of sending"
        );
    }
}
