//! A counselor's casework from the desktop: import the roster, find 张三 by `zs`, open a
//! warning file at 二级 dated ten days ago (so its first follow-up is overdue), see it on the
//! dashboard, add a follow-up and see the dashboard change, record a referral with the parents'
//! notification, and find all of it on the student's chronology.

use xinyu_e2e::{App, Result};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_a_file_follow_it_up_refer_and_read_the_chronology() -> Result<()> {
    let mut app = App::launch_unlocked("casework").await?;

    // The roster, from the same GBK file a school exports.
    app.import_roster_fixture("gbk_title_rows.csv", "张三")
        .await?;

    // Nothing is due yet.
    app.click("nav-dashboard").await?;
    app.wait_for_text("dashboard-overdue-count", "0").await?;
    app.screenshot("dashboard-empty").await?;

    // Find 张三 by pinyin initials and open the student page.
    app.click("nav-students").await?;
    app.fill("students-search", "zs").await?;
    app.wait_for_text("students-table", "张三").await?;
    app.click("student-row").await?;
    app.wait_for_text("student-profile", "张三").await?;
    app.screenshot("student-page").await?;

    // Open a warning file at 二级, dated ten days ago: its weekly follow-up is now overdue.
    app.click("student-open-file").await?;
    app.wait_for("open-file-dialog").await?;
    app.click("open-file-level-2").await?;
    app.click("open-file-category-0").await?;
    app.click("open-file-source-homeroom_teacher").await?;
    app.fill(
        "open-file-reason",
        "班主任反映近两周情绪低落，上课注意力不集中",
    )
    .await?;
    let ten_days_ago = (chrono::Local::now().date_naive() - chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    app.type_date("open-file-date", &ten_days_ago).await?;
    app.screenshot("open-file-form").await?;
    app.click("open-file-submit").await?;
    app.wait_for_text("file-level", "二级").await?;
    app.wait_for_text("file-next-due", "逾期").await?;
    app.screenshot("file-opened").await?;

    // The dashboard shows it overdue, one click from the file.
    app.click("nav-dashboard").await?;
    app.wait_for_text("dashboard-overdue-count", "1").await?;
    app.wait_for_text("dashboard-overdue", "张三").await?;
    app.screenshot("dashboard-overdue").await?;
    app.click("dashboard-item").await?;
    app.wait_for_text("file-level", "二级").await?;

    // A follow-up today: no longer overdue, the next one due in a week.
    app.click("file-add-follow-up").await?;
    app.click("follow-up-mode-in_person").await?;
    app.fill(
        "follow-up-content",
        "面谈：睡眠有所好转，愿意和同桌一起参加社团活动",
    )
    .await?;
    app.screenshot("follow-up-form").await?;
    app.click("follow-up-submit").await?;
    app.wait_for_text("file-event", "睡眠有所好转").await?;
    let due = app.text("file-next-due").await?;
    assert!(!due.contains("逾期"), "after the follow-up: {due}");

    app.click("nav-dashboard").await?;
    app.wait_for_text("dashboard-overdue-count", "0").await?;
    app.screenshot("dashboard-after-follow-up").await?;
    let overdue = app.text("dashboard-overdue").await?;
    assert!(!overdue.contains("张三"), "{overdue}");

    // A referral, with the parents told in person and agreeing.
    app.click("nav-warning-files").await?;
    app.wait_for_text("file-row", "张三").await?;
    app.click("file-row").await?;
    app.click("file-referral").await?;
    app.fill("referral-institution", "市精神卫生中心儿少门诊")
        .await?;
    app.fill("referral-reason", "情绪低落持续，建议专业评估")
        .await?;
    app.fill("referral-method", "面谈").await?;
    app.fill("referral-notified-by", "李老师").await?;
    app.click("referral-response-agreed").await?;
    app.screenshot("referral-form").await?;
    app.click("referral-submit").await?;
    app.wait_for_text("file-status", "已转介").await?;
    app.screenshot("referred").await?;

    // The chronology on the student's page holds all of it, newest first.
    app.click("file-student-link").await?;
    app.wait_for_text("chronology", "市精神卫生中心儿少门诊")
        .await?;
    let chronology = app.text("chronology").await?;
    for expected in ["转介", "跟踪记录", "睡眠有所好转", "等级"] {
        assert!(
            chronology.contains(expected),
            "{expected:?} in {chronology}"
        );
    }
    let referral_at = chronology.find("市精神卫生中心").unwrap_or(usize::MAX);
    let follow_up_at = chronology.find("睡眠有所好转").unwrap_or(0);
    assert!(referral_at < follow_up_at, "newest first: {chronology}");
    app.screenshot("chronology").await?;

    // Filter to referrals only: the follow-up leaves the list.
    app.click("chronology-filter-follow_up").await?;
    app.click("chronology-filter-level_change").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = app.text("chronology").await?;
        if !text.contains("睡眠有所好转") {
            assert!(text.contains("市精神卫生中心"), "{text}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "filter had no effect: {text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("chronology-filtered").await?;
    app.finish().await
}
