//! A psychology teacher's week from the desktop: a one-to-one note written and signed, an edit
//! refused (the note is locked), an addendum added under it; a group session logged; both
//! counted in the figures of the period.

use xinyu_e2e::{App, Result};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_sign_amend_a_session_and_see_it_with_a_group_session_in_the_figures() -> Result<()> {
    let mut app = App::launch_unlocked("sessions").await?;
    app.import_roster_fixture("gbk_title_rows.csv", "张三")
        .await?;

    // A note for 张三, started from the student's page.
    app.fill("students-search", "zs").await?;
    app.wait_for_text("students-table", "张三").await?;
    app.click("student-row").await?;
    app.wait_for_text("student-profile", "张三").await?;
    app.click("student-new-session").await?;
    app.fill("session-duration", "40").await?;
    app.fill("session-current-situation", "近期考试失利，睡眠差")
        .await?;
    app.fill("session-main-problem", "考试焦虑").await?;
    app.fill("session-assessment", "情绪困扰程度中等").await?;
    app.fill("session-plan", "放松训练，每周一次面谈").await?;
    app.click("session-risk-denied").await?;
    app.screenshot("note-draft").await?;
    app.click("session-save").await?;
    app.click("session-sign").await?;
    app.confirm().await?;
    app.wait_for_text("session-locked", "补充").await?;
    app.screenshot("note-signed").await?;

    // Locked: the fields cannot be edited any more; an addendum goes under the note.
    app.wait_gone("session-save").await?;
    app.fill("session-addendum", "家长来电补充：孩子周末睡眠改善")
        .await?;
    app.click("session-addendum-submit").await?;
    app.wait_for_text("session-addendum-item", "周末睡眠改善")
        .await?;
    app.screenshot("addendum").await?;

    // A group session in the work log.
    app.go("/sessions/work-log").await?;
    app.fill("group-topic", "考前减压").await?;
    app.fill("group-grade", "九年级").await?;
    app.fill("group-facilitator", "李老师").await?;
    app.fill("group-participants", "45").await?;
    app.click("group-submit").await?;
    app.wait_for_text("worklog-row", "考前减压").await?;
    app.screenshot("work-log").await?;

    // The figures of this school year count both.
    app.go("/stats").await?;
    app.wait_for_text("stats-individual-sessions", "1").await?;
    app.wait_for_text("stats-group-sessions", "1").await?;
    app.wait_for_text("stats-group-participants", "45").await?;
    app.screenshot("stats").await?;
    app.finish().await
}
