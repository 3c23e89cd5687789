//! The roster as a counselor brings it in: a GBK CSV with title rows picked in the import
//! dialog, previewed with its columns guessed, imported whole, then a student found by `zs`.

use xinyu_e2e::{App, Result};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_a_gbk_roster_and_find_a_student_by_pinyin_initials() -> Result<()> {
    let mut app = App::launch_unlocked("roster").await?;
    app.click("nav-students").await?;
    app.wait_for("students-empty").await?;
    let info = app
        .import_roster_fixture("gbk_title_rows.csv", "张三")
        .await?;
    assert!(info.contains("表头在第 4 行"), "{info}");

    app.fill("students-search", "zs").await?;
    app.wait_for_text("students-table", "张三").await?;
    app.screenshot("search-zs").await?;
    app.finish().await
}
