//! The vault as a counselor first meets it: the set-up wizard and its recovery code, locking,
//! a wrong then a right passphrase, and the first student added and listed.

use xinyu_e2e::{App, COUNSELOR, PASSPHRASE, Result};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_up_lock_unlock_with_a_wrong_then_the_right_passphrase_and_add_a_student() -> Result<()>
{
    let mut app = App::launch("vault").await?;

    // The wizard: school, then the first counselor.
    app.fill("setup-school", "示例实验中学").await?;
    app.screenshot("setup-school").await?;
    app.click("setup-next").await?;
    app.fill("setup-name", COUNSELOR).await?;
    app.fill("setup-passphrase", PASSPHRASE).await?;
    app.fill("setup-passphrase-confirm", PASSPHRASE).await?;
    app.screenshot("setup-counselor").await?;
    app.click("setup-finish").await?;

    // The recovery code is shown once and must be confirmed by retyping its last group.
    let code = app.text("setup-recovery-code").await?;
    let groups: Vec<&str> = code.trim().split('-').collect();
    assert_eq!(
        groups.len(),
        5,
        "recovery code shown as five groups: {code:?}"
    );
    app.screenshot("recovery-code").await?;
    app.fill("setup-recovery-confirm", &groups[4].to_lowercase())
        .await?;
    app.click("setup-done").await?;
    app.wait_for("app-shell").await?;
    app.screenshot("workbench").await?;

    // Lock, then a wrong passphrase: a readable Chinese error, still locked.
    app.click("lock-button").await?;
    app.wait_for("lock-screen").await?;
    app.screenshot("locked").await?;
    app.fill("lock-passphrase", "这不是我的口令口令口令")
        .await?;
    app.click("lock-submit").await?;
    app.wait_for_text("lock-error", "口令不正确").await?;
    app.screenshot("wrong-passphrase").await?;

    // The right passphrase opens the workbench again.
    app.fill("lock-passphrase", PASSPHRASE).await?;
    app.click("lock-submit").await?;
    app.wait_for("app-shell").await?;

    // The first student, with leading zeros and a middle dot, is listed after adding.
    app.click("nav-students").await?;
    app.wait_for("students-empty").await?;
    app.click("students-add").await?;
    app.fill("student-no", "0012024").await?;
    app.fill("student-name", "阿卜杜拉·买买提").await?;
    app.fill("student-grade", "七年级").await?;
    app.fill("student-class", "3班").await?;
    app.screenshot("add-student").await?;
    app.click("student-submit").await?;
    app.wait_for_text("students-table", "阿卜杜拉·买买提")
        .await?;
    app.wait_for_text("students-table", "0012024").await?;
    app.screenshot("student-listed").await?;

    // The access log shows what happened, by user and action, never by student name.
    app.click("nav-settings").await?;
    app.click("settings-access-log").await?;
    app.wait_for_text("access-log-table", "解锁失败").await?;
    let log = app.text("access-log-table").await?;
    assert!(
        !log.contains("买买提"),
        "the log shows ids, not names: {log}"
    );
    app.click("access-log-verify").await?;
    app.wait_for_text("access-log-result", "完整").await?;
    app.screenshot("access-log").await?;
    app.finish().await
}
