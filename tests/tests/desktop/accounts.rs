//! A new colleague's account, as the school meets it: the counselor adds a teacher, who unlocks
//! with the first passphrase, must set their own and is shown their key fingerprint; the account
//! waits for approval; the counselor approves it on 用户管理 with that fingerprint; then the
//! teacher's own passphrase opens the students page with its keys. When the teacher leaves, the
//! counselor disables the account and the keys are rotated; the integrity check vouches for
//! every account left.

use xinyu_e2e::{App, COUNSELOR, PASSPHRASE, Result};

/// The teacher the counselor adds.
const TEACHER: &str = "陈老师";
/// The first passphrase the counselor chooses and tells the teacher.
const FIRST: &str = "初次登录用的临时口令2026";
/// The passphrase the teacher sets for themself.
const OWN: &str = "只有我自己知道的一句话";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teacher_sets_their_own_passphrase_and_is_approved_by_fingerprint() -> Result<()> {
    let mut app = App::launch_unlocked("accounts").await?;

    // The counselor adds the teacher: the account starts 待批准, waiting for its user.
    app.click("nav-settings").await?;
    app.click("settings-users").await?;
    app.wait_for_text("users-table", COUNSELOR).await?;
    app.click("users-add").await?;
    app.fill("user-name", TEACHER).await?;
    app.fill("user-passphrase", FIRST).await?;
    app.fill("user-passphrase-confirm", FIRST).await?;
    app.screenshot("add-teacher").await?;
    app.click("user-submit").await?;
    app.wait_for_text("users-message", "已添加用户").await?;
    app.wait_for_text("users-table", "等待本人设置口令").await?;
    app.screenshot("teacher-pending").await?;

    // The teacher unlocks with the first passphrase and must set their own before anything.
    app.click("lock-button").await?;
    app.click_with_text("lock-user-option", TEACHER).await?;
    app.fill("lock-passphrase", FIRST).await?;
    app.click("lock-submit").await?;
    app.wait_for("first-passphrase").await?;
    app.wait_gone("nav-students").await?;
    app.screenshot("first-unlock").await?;
    app.fill("passwd-old", FIRST).await?;
    app.fill("passwd-new", OWN).await?;
    app.fill("passwd-confirm", OWN).await?;
    app.click("passwd-submit").await?;
    app.wait_for_text("own-fingerprint", "您的密钥指纹：")
        .await?;
    let fingerprint = app.text("own-fingerprint-value").await?.trim().to_owned();
    assert_eq!(
        fingerprint.len(),
        24,
        "five groups of four hex digits with dashes: {fingerprint:?}"
    );
    let told = app.text("own-fingerprint").await?;
    assert!(
        told.contains(&format!(
            "您的密钥指纹：{fingerprint}，请告诉专职心理教师，批准时会与您核对"
        )),
        "the teacher is told what to do with the fingerprint: {told:?}"
    );
    app.screenshot("own-fingerprint").await?;

    // Until approved, the workbench says so instead of failing for keys.
    app.click("first-passphrase-continue").await?;
    app.wait_for_text("awaiting-approval", "您的账户正在等待批准")
        .await?;
    app.wait_for_text("awaiting-approval", &fingerprint).await?;
    app.click("nav-students").await?;
    app.wait_for("awaiting-approval").await?;
    let page = app.page_text().await?;
    assert!(
        !page.contains("还没有获得这类数据的密钥"),
        "no keys-pending error while awaiting approval: {page}"
    );
    app.screenshot("awaiting-approval").await?;

    // The counselor approves with the fingerprint the teacher read out.
    app.click("lock-button").await?;
    app.click_with_text("lock-user-option", COUNSELOR).await?;
    app.fill("lock-passphrase", PASSPHRASE).await?;
    app.click("lock-submit").await?;
    app.wait_for("app-shell").await?;
    app.go("/settings/users").await?;
    app.wait_for_text("users-table", TEACHER).await?;
    app.click("user-approve").await?;
    app.wait_for_text("approve-fingerprint-shown", &fingerprint)
        .await?;
    app.fill("approve-fingerprint", &fingerprint.to_lowercase())
        .await?;
    app.screenshot("approve-dialog").await?;
    app.click("approve-submit").await?;
    app.wait_for_text("users-message", "已批准陈老师").await?;
    app.wait_gone("user-approve").await?;
    app.screenshot("approved").await?;

    // The teacher's own passphrase now opens the students page with its keys.
    app.click("lock-button").await?;
    app.click_with_text("lock-user-option", TEACHER).await?;
    app.fill("lock-passphrase", OWN).await?;
    app.click("lock-submit").await?;
    app.wait_for("app-shell").await?;
    app.wait_gone("awaiting-approval").await?;
    app.click("nav-students").await?;
    app.wait_for("students-search").await?;
    app.wait_for("students-empty").await?;
    app.wait_gone("students-error").await?;
    let page = app.page_text().await?;
    assert!(
        !page.contains("密钥"),
        "the students page opens without a keys-pending error: {page}"
    );
    app.screenshot("teacher-students").await?;

    // The teacher leaves: the counselor disables the account, and every key is rotated.
    app.click("lock-button").await?;
    app.click_with_text("lock-user-option", COUNSELOR).await?;
    app.fill("lock-passphrase", PASSPHRASE).await?;
    app.click("lock-submit").await?;
    app.wait_for("app-shell").await?;
    app.go("/settings/users").await?;
    app.wait_for_text("users-table", TEACHER).await?;
    app.click("user-disable").await?;
    app.confirm().await?;
    app.wait_for_text("users-message", "已更换全部密钥").await?;
    app.wait_for_text("users-table", "已停用").await?;
    app.screenshot("disabled-and-rekeyed").await?;

    // The integrity check vouches for every account and the recovery code's key.
    app.go("/settings/verify").await?;
    app.click("verify-run").await?;
    app.wait_for_text("verify-accounts", "所有账户").await?;
    app.wait_for_text("verify-recovery", "未被替换").await?;
    app.wait_for_text("verify-result", "未发现问题").await?;
    app.screenshot("verify").await?;

    // The disabled account is no longer offered on the lock screen.
    app.click("lock-button").await?;
    app.wait_for_text("lock-user", COUNSELOR).await?;
    let users = app.text("lock-user").await?;
    assert!(
        !users.contains(TEACHER),
        "a disabled account is not offered: {users}"
    );
    app.finish().await
}
