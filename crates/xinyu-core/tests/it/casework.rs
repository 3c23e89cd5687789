//! A counselor's casework end to end: referrals with the parent notification, feedback and the
//! return-to-school assessment; family contacts and home visits; crisis events under the
//! protocol; closing and reopening; sharing with a teacher; 一生一策; the dashboard, the file
//! list's filters and the student's chronology — with every role's view checked in core.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use xinyu_core::casework::{
    ContactMode, CrisisInput, CrisisNotification, CrisisParty, FeedbackInput, FileFilter,
    FileSource, FileStatus, FileSummary, FollowUpInput, FollowUpMode, HomeVisitInput, LevelDef,
    OpenFileInput, ParentContactInput, ParentNotification, ParentResponse, PlanInput, PlanMeasure,
    ReferralInput, ReturnAssessmentInput, ReturnDecision,
};
use xinyu_core::{Role, Vault};

use crate::school::{
    COUNSELOR, LI_SI, PASS, PRINCIPAL, PRINCIPAL_PASS, School, SchoolBuilder, TEACHER,
    TEACHER_PASS, WANG_WU, ZHANG_SAN, code, day,
};

fn at(d: NaiveDate, h: u32, min: u32) -> NaiveDateTime {
    d.and_hms_opt(h, min, 0).expect("time")
}

/// The school on `start`, with three students: 张三 (七年级3班), 李四 (七年级4班) and
/// 王五 (八年级1班), in `School::students` in that order.
fn school(start: NaiveDate) -> SchoolBuilder {
    School::builder()
        .on(start)
        .students(&[ZHANG_SAN, LI_SI, WANG_WU])
}

fn open(vault: &mut Vault, student: &str, level: u8, on: NaiveDate) -> FileSummary {
    vault
        .casework()
        .expect("unlocked")
        .open_warning_file(OpenFileInput {
            student_id: student.to_owned(),
            level,
            categories: vec!["学业压力".into(), "人际关系".into()],
            source: FileSource::HomeroomTeacher,
            reason: "班主任反映近两周情绪低落".into(),
            opened_on: on,
        })
        .expect("open")
}

fn referral(date: NaiveDate) -> ReferralInput {
    ReferralInput {
        date,
        institution: "市精神卫生中心儿少门诊".into(),
        reason: "持续情绪低落，建议专业评估".into(),
        parent_notification: ParentNotification {
            notified_on: date,
            method: "面谈".into(),
            notified_by: "李老师".into(),
            response: ParentResponse::Agreed,
            response_note: "母亲同意本周带孩子就诊".into(),
        },
    }
}

fn crisis(when: NaiveDateTime, told: &[CrisisParty]) -> CrisisInput {
    CrisisInput {
        occurred_at: when,
        location: "教学楼四楼走廊".into(),
        description: "学生情绪激动，表示不想活了".into(),
        safety_ensured: true,
        actions: "心理老师全程陪伴，转至心理辅导室".into(),
        notifications: told
            .iter()
            .map(|p| CrisisNotification {
                party: *p,
                at: Some(when + Duration::minutes(10)),
                note: String::new(),
            })
            .collect(),
    }
}

#[test]
fn a_referral_goes_from_the_parent_notification_to_the_return_to_school_assessment() {
    let start = day(2026, 3, 2);
    let mut s = school(start).build();
    let v = &mut s.vault;
    let file = open(v, &s.students[0], 2, start);

    let after = v
        .casework()
        .expect("unlocked")
        .record_referral(&file.id, referral(day(2026, 3, 4)))
        .expect("referral");
    assert_eq!(after.status, FileStatus::Referred);
    v.casework()
        .expect("unlocked")
        .record_referral_feedback(
            &file.id,
            FeedbackInput {
                date: day(2026, 3, 20),
                source: "市精神卫生中心".into(),
                content: "建议休息两周后复学，学校加强关注".into(),
            },
        )
        .expect("feedback");
    s.clock.advance(Duration::days(19));
    let on_leave = v
        .casework()
        .expect("unlocked")
        .set_file_status(&file.id, FileStatus::OnLeave, "遵医嘱休学两周")
        .expect("leave");
    assert_eq!(on_leave.status, FileStatus::OnLeave);
    let back = v
        .casework()
        .expect("unlocked")
        .record_return_assessment(
            &file.id,
            ReturnAssessmentInput {
                date: day(2026, 4, 7),
                participants: "心理老师、班主任、母亲".into(),
                assessment: "机构书面意见同意复学，学生本人愿意返校".into(),
                decision: ReturnDecision::ReturnWithSupport,
            },
        )
        .expect("return");
    assert_eq!(back.status, FileStatus::ReturnObservation);
    assert_eq!(back.next_due, Some(day(2026, 4, 14)), "二级: a week after");

    v.casework()
        .expect("unlocked")
        .record_parent_contact(
            &file.id,
            ParentContactInput {
                date: day(2026, 4, 8),
                mode: ContactMode::Phone,
                guardian: "母亲".into(),
                content: "返校第一天情况良好".into(),
            },
        )
        .expect("contact");
    let visited = v
        .casework()
        .expect("unlocked")
        .record_home_visit(
            &file.id,
            HomeVisitInput {
                date: day(2026, 4, 10),
                visitors: "李老师、班主任".into(),
                present: "父母".into(),
                content: "家庭作息已调整".into(),
            },
        )
        .expect("home visit");
    assert_eq!(
        visited.next_due,
        Some(day(2026, 4, 17)),
        "a home visit is a follow-up: the next one falls due from it"
    );

    let page = v
        .casework()
        .expect("unlocked")
        .student_page(&s.students[0])
        .expect("page");
    assert!(page.can_read_casework);
    let kinds: Vec<&str> = page.chronology.iter().map(|e| e.event.kind()).collect();
    assert_eq!(
        kinds,
        [
            "home_visit",
            "parent_contact",
            "return_assessment",
            "status_change",
            "referral_feedback",
            "referral",
            "level_change",
        ],
        "newest first"
    );
    assert!(page.chronology.iter().all(|e| e.by_name == "李老师"));
    assert_eq!(page.files.len(), 1);
    assert_eq!(
        page.files[0].categories,
        Vec::<String>::new(),
        "lists carry no narrative"
    );
    let detail = v
        .casework()
        .expect("unlocked")
        .warning_file(&file.id)
        .expect("detail");
    assert_eq!(detail.events.len(), 7);
    assert_eq!(
        detail.narrative.expect("narrative").reason,
        "班主任反映近两周情绪低落"
    );
    assert!(
        v.audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
}

#[test]
fn a_referral_needs_the_institution_and_who_told_the_parents() {
    let start = day(2026, 3, 2);
    let mut s = school(start).build();
    let file = open(&mut s.vault, &s.students[0], 2, start);
    let mut input = referral(start);
    input.parent_notification.notified_by = "  ".into();
    let err = s
        .vault
        .casework()
        .expect("unlocked")
        .record_referral(&file.id, input)
        .expect_err("refused");
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("告知人"), "{err}");
    assert_eq!(
        s.vault
            .casework()
            .expect("unlocked")
            .warning_file(&file.id)
            .unwrap()
            .events
            .len(),
        1
    );
}

#[test]
fn a_crisis_is_refused_until_safety_and_every_required_notification_are_recorded() {
    let start = day(2026, 5, 11);
    let mut s = school(start).build();
    let v = &mut s.vault;
    let when = at(start, 10, 20);

    let mut unsafe_input = crisis(when, &CRISIS_ALL);
    unsafe_input.safety_ensured = false;
    let err = v
        .casework()
        .expect("unlocked")
        .record_crisis(&s.students[1], unsafe_input)
        .expect_err("refused");
    assert!(err.to_string().contains("安全"), "{err}");

    let err = v
        .casework()
        .expect("unlocked")
        .record_crisis(
            &s.students[1],
            crisis(when, &[CrisisParty::HomeroomTeacher, CrisisParty::Guardian]),
        )
        .expect_err("the principal was not told");
    assert!(err.to_string().contains("校长"), "{err}");
    assert!(
        v.casework()
            .expect("unlocked")
            .warning_files()
            .unwrap()
            .is_empty(),
        "nothing written"
    );

    // No open file: the crisis opens one at 一级, due the next day.
    let file = v
        .casework()
        .expect("unlocked")
        .record_crisis(&s.students[1], crisis(when, &CRISIS_ALL))
        .expect("crisis");
    assert_eq!(file.level, 1);
    assert_eq!(file.last_crisis, Some(start));
    assert_eq!(file.next_due, Some(start + Duration::days(1)));
    let dash = v
        .casework()
        .expect("unlocked")
        .dashboard()
        .expect("dashboard");
    assert_eq!(dash.recent_crises.len(), 1);
    assert_eq!(dash.recent_crises[0].student_name, "李四");

    // On an open 三级 file, a crisis raises it to 一级 and says why.
    let calm = open(v, &s.students[2], 3, start);
    let raised = v
        .casework()
        .expect("unlocked")
        .record_crisis(&s.students[2], crisis(when, &CRISIS_ALL))
        .expect("crisis");
    assert_eq!(raised.id, calm.id);
    assert_eq!(raised.level, 1);
    let events = v
        .casework()
        .expect("unlocked")
        .warning_file(&calm.id)
        .unwrap()
        .events;
    assert!(events.iter().any(|e| matches!(
        &e.event,
        xinyu_core::casework::CaseEvent::LevelChange { from: Some(3), to: 1, reason, .. } if reason == "危机事件"
    )));

    // A month on, the crisis is no longer "recent".
    s.clock.advance(Duration::days(31));
    assert!(
        s.vault
            .casework()
            .expect("unlocked")
            .dashboard()
            .unwrap()
            .recent_crises
            .is_empty()
    );
}

const CRISIS_ALL: [CrisisParty; 3] = [
    CrisisParty::HomeroomTeacher,
    CrisisParty::Guardian,
    CrisisParty::Principal,
];

#[test]
fn a_closed_file_is_not_due_takes_no_follow_up_and_can_be_reopened() {
    let start = day(2026, 3, 2);
    let mut s = school(start).build();
    let v = &mut s.vault;
    let file = open(v, &s.students[0], 1, start);
    let err = v
        .casework()
        .expect("unlocked")
        .open_warning_file(OpenFileInput {
            student_id: s.students[0].clone(),
            level: 2,
            categories: vec![],
            source: FileSource::Parent,
            reason: "家长来电".into(),
            opened_on: start,
        })
        .expect_err("one open file per student");
    assert_eq!(err.code(), "duplicate");

    let closed = v
        .casework()
        .expect("unlocked")
        .set_file_status(&file.id, FileStatus::Closed, "连续三个月情况稳定")
        .expect("close");
    assert_eq!(closed.closed_on, Some(start));
    assert_eq!(closed.next_due, None);
    s.clock.advance(Duration::days(10));
    let dash = s.vault.casework().expect("unlocked").dashboard().unwrap();
    assert!(dash.overdue.is_empty());
    assert_eq!(dash.open_by_level.iter().map(|l| l.count).sum::<usize>(), 0);
    let err = s
        .vault
        .casework()
        .expect("unlocked")
        .add_follow_up(
            &file.id,
            FollowUpInput {
                date: day(2026, 3, 12),
                mode: FollowUpMode::Phone,
                content: "回访".into(),
                reassessed_level: None,
                next_due: None,
            },
        )
        .expect_err("closed");
    assert!(err.to_string().contains("重新开启"), "{err}");

    let reopened = s
        .vault
        .casework()
        .expect("unlocked")
        .set_file_status(&file.id, FileStatus::Active, "家长反映情况反复")
        .expect("reopen");
    assert_eq!(reopened.closed_on, None);
    assert_eq!(reopened.next_due, Some(day(2026, 3, 13)), "一级: tomorrow");
}

#[test]
fn the_dashboard_sorts_follow_ups_into_overdue_today_and_this_week_at_the_edges() {
    let today = day(2026, 9, 14);
    let mut s = school(today).build();
    let v = &mut s.vault;
    // 一级 daily: opened yesterday → due today; opened two days ago → overdue by one day.
    let due_today = open(v, &s.students[0], 1, today - Duration::days(1));
    let overdue = open(v, &s.students[1], 1, today - Duration::days(2));
    // 二级 weekly, opened today → due in 7 days: beyond "this week" (the next six days).
    open(v, &s.students[2], 2, today);
    let dash = v
        .casework()
        .expect("unlocked")
        .dashboard()
        .expect("dashboard");
    assert_eq!(dash.today, today);
    assert_eq!(
        dash.due_today
            .iter()
            .map(|i| &i.file.id)
            .collect::<Vec<_>>(),
        [&due_today.id]
    );
    assert_eq!(dash.overdue.len(), 1);
    assert_eq!(dash.overdue[0].file.id, overdue.id);
    assert_eq!(dash.overdue[0].student_name, "李四");
    assert_eq!(dash.overdue[0].class_name, "4班");
    assert_eq!(dash.overdue[0].owner_name, "李老师");
    assert!(dash.overdue[0].overdue);
    assert!(dash.due_this_week.is_empty());
    let counts: Vec<(String, usize)> = dash
        .open_by_level
        .iter()
        .map(|l| (l.level.name.clone(), l.count))
        .collect();
    assert_eq!(
        counts,
        [("一级".into(), 2), ("二级".into(), 1), ("三级".into(), 0)]
    );
    assert_eq!(dash.open_by_level[0].level.color, "#d93026");

    // A day later the 二级 file is due in six days: this week.
    s.clock.advance(Duration::days(1));
    let dash = s.vault.casework().expect("unlocked").dashboard().unwrap();
    assert_eq!(dash.due_this_week.len(), 1);
    assert_eq!(dash.overdue.len(), 2, "both 一级 files are now overdue");
}

#[test]
fn the_file_list_filters_by_level_status_category_class_owner_and_overdue() {
    let today = day(2026, 9, 14);
    let mut s = school(today).build();
    let v = &mut s.vault;
    let a = open(v, &s.students[0], 1, today - Duration::days(5));
    let b = v
        .casework()
        .expect("unlocked")
        .open_warning_file(OpenFileInput {
            student_id: s.students[1].clone(),
            level: 3,
            categories: vec!["网络沉迷".into()],
            source: FileSource::Parent,
            reason: "家长反映".into(),
            opened_on: today,
        })
        .unwrap();
    let c = open(v, &s.students[2], 2, today);
    v.casework()
        .expect("unlocked")
        .set_file_status(&c.id, FileStatus::Closed, "稳定")
        .unwrap();
    let ids = |items: Vec<xinyu_core::casework::FileListItem>| -> Vec<String> {
        items.into_iter().map(|i| i.file.id).collect()
    };

    let all = v
        .casework()
        .expect("unlocked")
        .list_warning_files(&FileFilter::default())
        .unwrap();
    assert_eq!(
        ids(all.clone()),
        [a.id.clone(), b.id.clone()],
        "open, 一级 first"
    );
    assert_eq!(all[0].categories, ["学业压力", "人际关系"]);
    let with_closed = FileFilter {
        include_closed: true,
        ..Default::default()
    };
    assert_eq!(
        v.casework()
            .expect("unlocked")
            .list_warning_files(&with_closed)
            .unwrap()
            .len(),
        3
    );
    let cases = [
        (
            FileFilter {
                level: Some(3),
                ..Default::default()
            },
            vec![b.id.clone()],
        ),
        (
            FileFilter {
                category: Some("网络沉迷".into()),
                ..Default::default()
            },
            vec![b.id.clone()],
        ),
        (
            FileFilter {
                grade: Some("七年级".into()),
                class_name: Some("3班".into()),
                ..Default::default()
            },
            vec![a.id.clone()],
        ),
        (
            FileFilter {
                overdue_only: true,
                ..Default::default()
            },
            vec![a.id.clone()],
        ),
        (
            FileFilter {
                status: Some(FileStatus::Closed),
                ..Default::default()
            },
            vec![c.id.clone()],
        ),
        (
            FileFilter {
                owner_id: Some("someone-else".into()),
                ..Default::default()
            },
            vec![],
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            ids(v
                .casework()
                .expect("unlocked")
                .list_warning_files(&filter)
                .unwrap()),
            expected,
            "{filter:?}"
        );
    }
}

#[test]
fn a_teacher_sees_only_the_students_and_files_shared_with_them() {
    let start = day(2026, 3, 2);
    let mut s = school(start).teacher().principal().build();
    let teacher = s.user_id(TEACHER);
    let mine = open(&mut s.vault, &s.students[0], 2, start);
    let other = open(&mut s.vault, &s.students[1], 1, start);
    let counselor = s.user_id(COUNSELOR);
    s.vault.lock().unwrap();

    s.vault.unlock(TEACHER, TEACHER_PASS).unwrap();
    assert!(
        s.vault
            .roster()
            .expect("unlocked")
            .students()
            .unwrap()
            .is_empty(),
        "nothing shared yet"
    );
    assert!(
        s.vault
            .casework()
            .expect("unlocked")
            .warning_files()
            .unwrap()
            .is_empty()
    );
    s.vault.lock().unwrap();

    s.vault.unlock(COUNSELOR, PASS).unwrap();
    let err = s
        .vault
        .casework()
        .expect("unlocked")
        .share_file(&mine.id, &counselor, vec!["nobody".into()])
        .expect_err("unknown user");
    assert_eq!(err.code(), "invalid");
    s.vault
        .casework()
        .expect("unlocked")
        .share_file(&mine.id, &counselor, vec![teacher.clone()])
        .expect("share");
    s.vault.lock().unwrap();

    s.vault.unlock(TEACHER, TEACHER_PASS).unwrap();
    let names: Vec<String> = s
        .vault
        .roster()
        .expect("unlocked")
        .students()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["张三"]);
    assert_eq!(
        s.vault
            .roster()
            .expect("unlocked")
            .search_students("ls", 10)
            .unwrap()
            .len(),
        0,
        "李四 is not theirs"
    );
    assert_eq!(
        s.vault
            .roster()
            .expect("unlocked")
            .student(&s.students[1])
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(
        code(
            s.vault
                .casework()
                .expect("unlocked")
                .warning_file(&other.id)
        ),
        "not_found"
    );
    let detail = s
        .vault
        .casework()
        .expect("unlocked")
        .warning_file(&mine.id)
        .expect("shared file");
    assert!(detail.can_edit);
    assert_eq!(detail.shared_with_names, ["周老师"]);
    s.vault
        .casework()
        .expect("unlocked")
        .add_follow_up(
            &mine.id,
            FollowUpInput {
                date: start,
                mode: FollowUpMode::HomeroomFeedback,
                content: "班主任反馈：课堂状态好转".into(),
                reassessed_level: None,
                next_due: None,
            },
        )
        .expect("a teacher follows up a shared file");
    assert_eq!(
        s.vault
            .casework()
            .expect("unlocked")
            .set_file_status(&mine.id, FileStatus::Closed, "好转")
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        s.vault
            .casework()
            .expect("unlocked")
            .record_crisis(&s.students[0], crisis(at(start, 9, 0), &CRISIS_ALL))
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let page = s
        .vault
        .casework()
        .expect("unlocked")
        .student_page(&s.students[0])
        .unwrap();
    assert!(page.can_read_casework);
    assert_eq!(page.chronology.len(), 3, "opened, shared, followed up");
}

#[test]
fn the_principal_reads_summaries_but_no_narrative_chronology_or_plan() {
    let start = day(2026, 3, 2);
    let mut s = school(start).teacher().principal().build();
    let principal = s.user_id(PRINCIPAL);
    let file = open(&mut s.vault, &s.students[0], 1, start);
    s.vault
        .casework()
        .expect("unlocked")
        .save_support_plan(
            &s.students[0],
            PlanInput {
                goals: vec!["恢复规律作息".into()],
                measures: vec![],
                review_dates: vec![],
            },
        )
        .unwrap();
    let counselor = s.user_id(COUNSELOR);
    assert_eq!(
        s.vault
            .casework()
            .expect("unlocked")
            .share_file(&file.id, &principal, vec![])
            .unwrap_err()
            .code(),
        "invalid",
        "a principal cannot own a file"
    );
    assert_eq!(
        s.vault
            .casework()
            .expect("unlocked")
            .share_file(&file.id, &counselor, vec![principal])
            .unwrap_err()
            .code(),
        "invalid",
        "nor have one shared"
    );
    s.vault.lock().unwrap();

    s.vault.unlock(PRINCIPAL, PRINCIPAL_PASS).unwrap();
    let detail = s
        .vault
        .casework()
        .expect("unlocked")
        .warning_file(&file.id)
        .expect("summary");
    assert_eq!(detail.item.file.level, 1);
    assert_eq!(detail.item.student_name, "张三");
    assert!(detail.narrative.is_none());
    assert!(detail.events.is_empty());
    assert!(!detail.can_edit);
    let page = s
        .vault
        .casework()
        .expect("unlocked")
        .student_page(&s.students[0])
        .unwrap();
    assert!(!page.can_read_casework);
    assert!(page.chronology.is_empty() && page.plan.is_none());
    assert_eq!(page.files.len(), 1);
    assert_eq!(
        s.vault
            .casework()
            .expect("unlocked")
            .support_plan(&s.students[0])
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let list = s
        .vault
        .casework()
        .expect("unlocked")
        .list_warning_files(&FileFilter::default())
        .unwrap();
    assert!(list[0].categories.is_empty(), "categories are narrative");
    assert_eq!(
        s.vault
            .casework()
            .expect("unlocked")
            .dashboard()
            .unwrap()
            .open_by_level[0]
            .count,
        1
    );
}

#[test]
fn a_support_plan_is_kept_updated_and_carries_across_the_school_year() {
    let start = day(2026, 6, 20);
    let mut s = school(start).build();
    let v = &mut s.vault;
    let student = s.students[0].clone();
    assert!(
        v.casework()
            .expect("unlocked")
            .support_plan(&student)
            .unwrap()
            .is_none()
    );
    let err = v
        .casework()
        .expect("unlocked")
        .save_support_plan(
            &student,
            PlanInput {
                goals: vec!["  ".into()],
                measures: vec![],
                review_dates: vec![],
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("目标"), "{err}");
    let err = v
        .casework()
        .expect("unlocked")
        .save_support_plan(
            &student,
            PlanInput {
                goals: vec!["按时到校".into()],
                measures: vec![PlanMeasure {
                    measure: "每周一次面谈".into(),
                    responsible: "".into(),
                }],
                review_dates: vec![],
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("责任人"), "{err}");

    let plan = v
        .casework()
        .expect("unlocked")
        .save_support_plan(
            &student,
            PlanInput {
                goals: vec!["按时到校".into(), "每天和一位同学交流".into()],
                measures: vec![PlanMeasure {
                    measure: "每周一次面谈".into(),
                    responsible: "李老师".into(),
                }],
                review_dates: vec![day(2026, 9, 30), day(2026, 7, 10), day(2026, 9, 30)],
            },
        )
        .expect("plan");
    assert_eq!(plan.review_dates, [day(2026, 7, 10), day(2026, 9, 30)]);

    s.clock.advance(Duration::days(80));
    s.vault
        .roster()
        .expect("unlocked")
        .roll_over_school_year(false)
        .expect("rollover");
    let mut input = PlanInput {
        goals: plan.goals.clone(),
        measures: plan.measures.clone(),
        review_dates: plan.review_dates.clone(),
    };
    input.goals.push("参加一个社团".into());
    let updated = s
        .vault
        .casework()
        .expect("unlocked")
        .save_support_plan(&student, input)
        .expect("update");
    assert_eq!(updated.created_on, start, "the same plan, carried over");
    assert_eq!(updated.updated_on, start + Duration::days(80));
    let read = s
        .vault
        .casework()
        .expect("unlocked")
        .support_plan(&student)
        .unwrap()
        .expect("plan");
    assert_eq!(read.goals.len(), 3);
    assert_eq!(
        s.vault
            .roster()
            .expect("unlocked")
            .student(&student)
            .unwrap()
            .grade,
        "八年级"
    );
    assert!(
        s.vault
            .audit()
            .expect("unlocked")
            .verify()
            .unwrap()
            .all_ok()
    );
}

#[test]
fn levels_and_categories_are_the_schools_own() {
    let start = day(2026, 3, 2);
    let mut s = school(start).build();
    let v = &mut s.vault;
    let levels = vec![
        LevelDef {
            rank: 9,
            name: "重点关注".into(),
            follow_up_days: 3,
            color: "#aa0000".into(),
        },
        LevelDef {
            rank: 9,
            name: "一般关注".into(),
            follow_up_days: 14,
            color: "not a colour".into(),
        },
    ];
    let saved = v
        .casework()
        .expect("unlocked")
        .set_levels(levels)
        .expect("levels");
    assert_eq!(saved.iter().map(|l| l.rank).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(
        saved[1].color, "#e8710a",
        "a bad colour falls back to the default"
    );
    let file = open(v, &s.students[0], 2, start);
    assert_eq!(file.next_due, Some(day(2026, 3, 16)), "14 days");
    assert!(
        v.casework()
            .expect("unlocked")
            .open_warning_file(OpenFileInput {
                student_id: s.students[1].clone(),
                level: 3,
                categories: vec![],
                source: FileSource::Other,
                reason: "x".into(),
                opened_on: start,
            })
            .is_err()
    );

    let err = v
        .casework()
        .expect("unlocked")
        .set_levels(vec![LevelDef {
            rank: 1,
            name: "重点关注".into(),
            follow_up_days: 3,
            color: String::new(),
        }])
        .expect_err("a file is at level 2");
    assert!(err.to_string().contains("先调整"), "{err}");
    let err = v
        .casework()
        .expect("unlocked")
        .set_levels(vec![
            LevelDef {
                rank: 1,
                name: "甲".into(),
                follow_up_days: 0,
                color: String::new(),
            },
            LevelDef {
                rank: 2,
                name: "乙".into(),
                follow_up_days: 7,
                color: String::new(),
            },
        ])
        .unwrap_err();
    assert!(err.to_string().contains("1 到 365"), "{err}");

    let cats = v
        .casework()
        .expect("unlocked")
        .set_categories(vec![
            " 睡眠 ".into(),
            "睡眠".into(),
            "".into(),
            "考试焦虑".into(),
        ])
        .unwrap();
    assert_eq!(cats, ["睡眠", "考试焦虑"]);
    assert_eq!(v.casework().expect("unlocked").categories().unwrap(), cats);
    assert!(
        v.casework()
            .expect("unlocked")
            .set_categories(vec![" ".into()])
            .is_err()
    );
    v.lock().unwrap();
    v.accounts().unwrap_err();
    v.unlock(COUNSELOR, PASS).unwrap();
    v.accounts()
        .expect("unlocked")
        .add_user(TEACHER, Role::Teacher, TEACHER_PASS)
        .unwrap();
    v.lock().unwrap();
    v.unlock(TEACHER, TEACHER_PASS).unwrap();
    assert_eq!(
        v.casework()
            .expect("unlocked")
            .set_categories(vec!["x".into()])
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        v.casework().expect("unlocked").levels().unwrap().len(),
        2,
        "everyone reads the levels"
    );
}

#[test]
fn opening_a_file_and_listing_files_are_logged_without_names() {
    let start = day(2026, 3, 2);
    let mut s = school(start).build();
    let file = open(&mut s.vault, &s.students[0], 2, start);
    s.vault
        .casework()
        .expect("unlocked")
        .warning_file(&file.id)
        .unwrap();
    s.vault
        .casework()
        .expect("unlocked")
        .list_warning_files(&FileFilter::default())
        .unwrap();
    let log = s.vault.audit().expect("unlocked").access_log(5).unwrap();
    let kinds: Vec<(String, Option<String>)> = log
        .iter()
        .map(|e| (e.action.clone(), e.record_kind.clone()))
        .collect();
    assert_eq!(kinds[0], ("view".into(), Some("warning_file_list".into())));
    assert_eq!(kinds[1], ("view".into(), Some("warning_file".into())));
    assert_eq!(log[1].record_id.as_deref(), Some(file.id.as_str()));
    assert_eq!(
        s.vault
            .audit()
            .expect("unlocked")
            .verify_access_log()
            .unwrap()
            .first_broken,
        None
    );
}
