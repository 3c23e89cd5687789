//! One-to-one notes and the room's work log as a psychology teacher keeps them: drafts, signing,
//! the 48-hour lock (with an injected clock), addenda in order, who may read what, and the
//! figures of a period checked against counts worked out by hand.

use chrono::{Duration, NaiveDate, NaiveTime};
use xinyu_core::notes::{
    CallerType, ConcernLevel, NoteStatus, RiskAnswer, SessionInput, WorkLogEntry,
};

use crate::school::{
    COUNSELOR, LI_SI, PASS, PRINCIPAL, PRINCIPAL_PASS, School, TEACHER, TEACHER_PASS, ZHANG_SAN,
    code, day,
};

/// The counseling room on `start`: the counselor, a part-time teacher, the principal, and
/// two students, 张三 (`students[ZHANG]`) and 李四 (`students[LI]`).
fn room(start: NaiveDate) -> School {
    School::builder()
        .on(start)
        .teacher()
        .principal()
        .students(&[ZHANG_SAN, LI_SI])
        .build()
}

const ZHANG: usize = 0;
const LI: usize = 1;

pub(crate) fn note(student: Option<&str>, date: NaiveDate, minutes: u32) -> SessionInput {
    SessionInput {
        student_id: student.map(str::to_owned),
        walk_in_label: if student.is_none() {
            "七年级女生".into()
        } else {
            String::new()
        },
        date,
        start_time: NaiveTime::from_hms_opt(15, 30, 0).unwrap(),
        duration_minutes: minutes,
        current_situation: "近期考试失利，睡眠差".into(),
        main_problem: "考试焦虑".into(),
        assessment: "情绪困扰程度中等".into(),
        analysis: "对成绩期望过高".into(),
        plan: "放松训练，每周一次面谈".into(),
        effect: "情绪有所缓解".into(),
        risk: RiskAnswer::Denied,
        next_appointment: None,
    }
}

#[test]
fn a_signed_note_is_locked_and_later_changes_are_addenda_in_order() {
    let start = day(2026, 3, 2);
    let mut r = room(start);
    let v = &mut r.vault;
    let draft = v
        .notes()
        .expect("unlocked")
        .create_session(note(Some(&r.students[ZHANG]), start, 40))
        .unwrap();
    assert_eq!(draft.status, NoteStatus::Draft);
    assert_eq!(draft.session_number, 1);
    let mut edited = note(Some(&r.students[ZHANG]), start, 45);
    edited.effect = "情绪明显缓解".into();
    let draft = v
        .notes()
        .expect("unlocked")
        .update_session(&draft.id, edited.clone())
        .unwrap();
    assert_eq!(draft.content.duration_minutes, 45);
    assert_eq!(
        code(v.notes().expect("unlocked").add_addendum(&draft.id, "补充")),
        "invalid",
        "a draft is edited, not amended"
    );

    let signed = v
        .notes()
        .expect("unlocked")
        .sign_session(&draft.id)
        .unwrap();
    assert_eq!(signed.status, NoteStatus::Signed);
    let err = match v
        .notes()
        .expect("unlocked")
        .update_session(&draft.id, edited)
    {
        Err(e) => e,
        Ok(_) => panic!("a signed note cannot be edited"),
    };
    assert!(err.to_string().contains("补充记录"), "{err}");

    v.notes()
        .expect("unlocked")
        .add_addendum(&draft.id, "家长来电补充：孩子周末睡眠改善")
        .unwrap();
    r.clock.advance(Duration::hours(3));
    v.notes()
        .expect("unlocked")
        .add_addendum(&draft.id, "班主任反馈：课堂状态好转")
        .unwrap();
    let view = v
        .notes()
        .expect("unlocked")
        .session_note(&draft.id)
        .unwrap();
    assert!(view.locked && view.intact && view.is_author);
    assert_eq!(
        view.note.content.effect, "情绪明显缓解",
        "the signed text as it was"
    );
    let texts: Vec<&str> = view.addenda.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        ["家长来电补充：孩子周末睡眠改善", "班主任反馈：课堂状态好转"]
    );
    assert!(view.addenda[0].written_at < view.addenda[1].written_at);

    // The second session of the same student is numbered 2.
    let second = v
        .notes()
        .expect("unlocked")
        .create_session(note(
            Some(&r.students[ZHANG]),
            start + Duration::days(7),
            40,
        ))
        .unwrap();
    assert_eq!(second.session_number, 2);
    // A rekey re-seals every note; the signed one still matches its hash.
    v.accounts().expect("unlocked").rekey().unwrap();
    assert!(
        v.notes()
            .expect("unlocked")
            .session_note(&draft.id)
            .unwrap()
            .intact
    );
    assert!(v.audit().expect("unlocked").verify().unwrap().all_ok());
}

#[test]
fn an_unsigned_note_locks_itself_48_hours_after_it_was_written() {
    let start = day(2026, 3, 2);
    let mut r = room(start);
    let id = r
        .vault
        .notes()
        .expect("unlocked")
        .create_session(note(Some(&r.students[LI]), start, 30))
        .unwrap()
        .id;
    r.clock.advance(Duration::hours(47));
    r.vault
        .notes()
        .expect("unlocked")
        .update_session(&id, note(Some(&r.students[LI]), start, 35))
        .expect("editable within 48 h");
    assert!(
        !r.vault
            .notes()
            .expect("unlocked")
            .session_note(&id)
            .unwrap()
            .locked
    );
    r.clock.advance(Duration::hours(1));
    assert_eq!(
        code(
            r.vault
                .notes()
                .expect("unlocked")
                .update_session(&id, note(Some(&r.students[LI]), start, 50))
        ),
        "invalid"
    );
    let view = r
        .vault
        .notes()
        .expect("unlocked")
        .session_note(&id)
        .unwrap();
    assert!(view.locked);
    assert_eq!(
        view.note.status,
        NoteStatus::Draft,
        "locked by time, not signed"
    );
    r.vault
        .notes()
        .expect("unlocked")
        .add_addendum(&id, "补记：约定下周二再谈")
        .unwrap();
}

#[test]
fn walk_ins_need_a_label_and_a_note_needs_its_main_problem() {
    let start = day(2026, 3, 2);
    let mut r = room(start);
    let mut anonymous = note(None, start, 20);
    anonymous.walk_in_label = " ".into();
    let err = match r.vault.notes().expect("unlocked").create_session(anonymous) {
        Err(e) => e,
        Ok(_) => panic!("refused"),
    };
    assert!(err.to_string().contains("来访者称呼"), "{err}");
    let walk_in = r
        .vault
        .notes()
        .expect("unlocked")
        .create_session(note(None, start, 20))
        .unwrap();
    assert_eq!(walk_in.session_number, 1);
    let view = r
        .vault
        .notes()
        .expect("unlocked")
        .session_note(&walk_in.id)
        .unwrap();
    assert_eq!(view.student_label, "七年级女生");
    let mut blank = note(Some(&r.students[ZHANG]), start, 20);
    blank.main_problem.clear();
    assert_eq!(
        code(r.vault.notes().expect("unlocked").create_session(blank)),
        "invalid"
    );
    assert!(RiskAnswer::Thoughts.indicates_self_harm());
    assert!(!RiskAnswer::Denied.indicates_self_harm());
}

#[test]
fn teachers_read_their_own_notes_and_principals_none() {
    let start = day(2026, 3, 2);
    let mut r = room(start);
    let counselors = r
        .vault
        .notes()
        .expect("unlocked")
        .create_session(note(Some(&r.students[ZHANG]), start, 40))
        .unwrap();
    r.vault.lock().unwrap();

    r.vault.unlock(TEACHER, TEACHER_PASS).unwrap();
    let theirs = r
        .vault
        .notes()
        .expect("unlocked")
        .create_session(note(None, start, 30))
        .unwrap();
    let listed: Vec<String> = r
        .vault
        .notes()
        .expect("unlocked")
        .list_sessions(None)
        .unwrap()
        .into_iter()
        .map(|v| v.note.id)
        .collect();
    assert_eq!(listed, std::slice::from_ref(&theirs.id));
    assert_eq!(
        code(
            r.vault
                .notes()
                .expect("unlocked")
                .session_note(&counselors.id)
        ),
        "not_found"
    );
    r.vault.lock().unwrap();

    r.vault.unlock(COUNSELOR, PASS).unwrap();
    assert_eq!(
        r.vault
            .notes()
            .expect("unlocked")
            .list_sessions(None)
            .unwrap()
            .len(),
        2
    );
    // The counselor shares their note with the teacher; a principal cannot be shared with.
    let (teacher, principal) = (r.user_id(TEACHER), r.user_id(PRINCIPAL));
    assert_eq!(
        code(
            r.vault
                .notes()
                .expect("unlocked")
                .share_session(&counselors.id, vec![principal])
        ),
        "invalid"
    );
    let shared = r
        .vault
        .notes()
        .expect("unlocked")
        .share_session(&counselors.id, vec![teacher.clone()])
        .unwrap();
    assert_eq!(shared.shared_with, [teacher]);
    let other = r
        .vault
        .notes()
        .expect("unlocked")
        .session_note(&theirs.id)
        .unwrap();
    assert!(!other.is_author);
    assert_eq!(other.author_name, "周老师");
    assert_eq!(
        code(r.vault.notes().expect("unlocked").sign_session(&theirs.id)),
        "forbidden"
    );
    assert_eq!(
        code(
            r.vault
                .notes()
                .expect("unlocked")
                .update_session(&theirs.id, note(None, start, 10))
        ),
        "forbidden"
    );
    r.vault.lock().unwrap();

    r.vault.unlock(TEACHER, TEACHER_PASS).unwrap();
    assert_eq!(
        r.vault
            .notes()
            .expect("unlocked")
            .list_sessions(None)
            .unwrap()
            .len(),
        2,
        "their own and the shared one"
    );
    let read = r
        .vault
        .notes()
        .expect("unlocked")
        .session_note(&counselors.id)
        .unwrap();
    assert!(!read.is_author);
    assert_eq!(
        code(
            r.vault
                .notes()
                .expect("unlocked")
                .add_addendum(&counselors.id, "x")
        ),
        "forbidden"
    );
    r.vault.lock().unwrap();

    r.vault.unlock(PRINCIPAL, PRINCIPAL_PASS).unwrap();
    assert_eq!(
        code(r.vault.notes().expect("unlocked").list_sessions(None)),
        "forbidden"
    );
    assert_eq!(
        code(
            r.vault
                .notes()
                .expect("unlocked")
                .session_note(&counselors.id)
        ),
        "forbidden"
    );
    let stats = r
        .vault
        .notes()
        .expect("unlocked")
        .work_stats(start, start)
        .expect("principals read the figures");
    assert_eq!(stats.individual_sessions, 2);
}

#[test]
fn the_figures_of_a_term_match_a_hand_count() {
    // The autumn term 2026-09-01 … 2027-01-20; entries on both edges and just outside.
    let (from, to) = (day(2026, 9, 1), day(2027, 1, 20));
    let mut r = room(from);
    let v = &mut r.vault;
    let (zhang, li) = (r.students[ZHANG].clone(), r.students[LI].clone());
    // Sessions: 张三 ×3 (one on the first day), 李四 ×1 (the last day), a walk-in, and one
    // outside (the day before) → 5 sessions, 2 students, 1 walk-in, 40+40+40+50+20 = 190 min.
    for (student, date, minutes) in [
        (Some(&zhang), from, 40),
        (Some(&zhang), day(2026, 10, 9), 40),
        (Some(&zhang), day(2026, 11, 20), 40),
        (Some(&li), to, 50),
        (None, day(2026, 12, 1), 20),
        (Some(&li), from - Duration::days(1), 45),
    ] {
        v.notes()
            .expect("unlocked")
            .create_session(note(student.map(String::as_str), date, minutes))
            .unwrap();
    }
    let group = |date, participants| WorkLogEntry::GroupSession {
        date,
        topic: "考前减压".into(),
        grade: "九年级".into(),
        class_name: String::new(),
        facilitator: "李老师".into(),
        participants,
        notes: String::new(),
    };
    // Groups: 45 + 38 inside, 50 outside → 2 sessions, 83 participants.
    for entry in [
        group(day(2026, 9, 15), 45),
        group(to, 38),
        group(to + Duration::days(1), 50),
        WorkLogEntry::HotlineReferral {
            date: day(2026, 10, 1),
            caller: CallerType::Parent,
            topic: "孩子厌学".into(),
            concern: ConcernLevel::Elevated,
            number_given: "12355".into(),
            guardian_informed: true,
            follow_up: "一周后回访".into(),
        },
        WorkLogEntry::HotlineReferral {
            date: day(2026, 12, 24),
            caller: CallerType::Anonymous,
            topic: "情绪低落".into(),
            concern: ConcernLevel::Urgent,
            number_given: "12356".into(),
            guardian_informed: false,
            follow_up: String::new(),
        },
        WorkLogEntry::Training {
            date: day(2026, 10, 20),
            title: "班主任心理健康教育培训".into(),
            hours: 3.5,
            organizer: "区教育局".into(),
            online: false,
            attendees: 60,
        },
        WorkLogEntry::Training {
            date: day(2026, 11, 3),
            title: "危机干预线上课程".into(),
            hours: 2.0,
            organizer: "市教科院".into(),
            online: true,
            attendees: 12,
        },
        WorkLogEntry::Activity {
            date: day(2026, 11, 10),
            activity_type: "主题班会".into(),
            title: "认识情绪".into(),
            audience: "七年级全体学生".into(),
            participants: 540,
        },
    ] {
        v.notes().expect("unlocked").add_work_log(entry).unwrap();
    }
    let err = match v
        .notes()
        .expect("unlocked")
        .add_work_log(WorkLogEntry::Training {
            date: from,
            title: "x".into(),
            hours: f64::NAN,
            organizer: String::new(),
            online: true,
            attendees: 1,
        }) {
        Err(e) => e,
        Ok(_) => panic!("NaN hours refused"),
    };
    assert!(err.to_string().contains("学时"), "{err}");

    // A 二级 file opened in the term and closed on its first day (the clock's today).
    let file = v
        .casework()
        .expect("unlocked")
        .open_warning_file(xinyu_core::casework::OpenFileInput {
            student_id: zhang.clone(),
            level: 2,
            categories: vec![],
            source: xinyu_core::casework::FileSource::SelfReferral,
            reason: "主动求助".into(),
            opened_on: from,
        })
        .unwrap();
    v.casework()
        .expect("unlocked")
        .set_file_status(&file.id, xinyu_core::casework::FileStatus::Closed, "好转")
        .unwrap();

    let s = v.notes().expect("unlocked").work_stats(from, to).unwrap();
    assert_eq!(s.individual_sessions, 5);
    assert_eq!(s.students_served, 2);
    assert_eq!(s.walk_in_sessions, 1);
    assert!(
        (s.session_hours - 190.0 / 60.0).abs() < 1e-9,
        "{}",
        s.session_hours
    );
    assert_eq!((s.group_sessions, s.group_participants), (2, 83));
    assert_eq!(s.hotline_referrals, 2);
    assert_eq!(s.trainings, 2);
    assert!((s.training_hours - 5.5).abs() < 1e-9);
    assert_eq!(s.training_attendees, 72);
    assert_eq!((s.activities, s.activity_participants), (1, 540));
    let levels: Vec<(String, usize, usize)> = s
        .files_by_level
        .iter()
        .map(|l| (l.name.clone(), l.opened, l.closed))
        .collect();
    assert_eq!(
        levels,
        [
            ("一级".into(), 0, 0),
            ("二级".into(), 1, 1),
            ("三级".into(), 0, 0)
        ]
    );
    assert_eq!(
        code(v.notes().expect("unlocked").work_stats(to, from)),
        "invalid"
    );
    // A period with nothing in it reads 0.0 hours, not −0.0 (printed 「-0.0」).
    let empty = v
        .notes()
        .expect("unlocked")
        .work_stats(day(2020, 1, 1), day(2020, 1, 31))
        .unwrap();
    assert_eq!(empty.individual_sessions, 0);
    assert_eq!(format!("{:.1}", empty.session_hours), "0.0");
    let log = v.notes().expect("unlocked").work_log(from, to).unwrap();
    assert_eq!(log.len(), 7);
    assert!(
        log.windows(2)
            .all(|w| w[0].entry.date() >= w[1].entry.date())
    );
}

/// 第 N 次 follows the dates: a note entered late (October's, typed after December's) is the
/// first, and December's becomes the second — in the list and on the note itself.
#[test]
fn sessions_are_numbered_by_date_and_a_late_entered_note_renumbers_the_later_ones() {
    let mut r = room(day(2026, 12, 1));
    let zhang = r.students[ZHANG].clone();
    let notes = &mut r.vault.notes().expect("unlocked");
    let december = notes
        .create_session(note(Some(&zhang), day(2026, 12, 1), 40))
        .unwrap();
    assert_eq!(december.session_number, 1);
    let october = notes
        .create_session(note(Some(&zhang), day(2026, 10, 27), 40))
        .unwrap();
    let listed: Vec<(NaiveDate, u32)> = notes
        .list_sessions(Some(&zhang))
        .unwrap()
        .into_iter()
        .map(|v| (v.note.content.date, v.note.session_number))
        .collect();
    assert_eq!(
        listed,
        [(day(2026, 12, 1), 2), (day(2026, 10, 27), 1)],
        "newest first, numbered by date"
    );
    assert_eq!(
        notes.session_note(&october.id).unwrap().note.session_number,
        1
    );
    assert_eq!(
        notes
            .session_note(&december.id)
            .unwrap()
            .note
            .session_number,
        2
    );
}
