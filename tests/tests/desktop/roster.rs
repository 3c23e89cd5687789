//! The roster as a counselor brings it in: a GBK CSV with title rows picked in the import
//! dialog, previewed with its columns guessed, imported whole, then a student found by `zs`.

use xinyu_e2e::{App, Result, workspace_root};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_a_gbk_roster_and_find_a_student_by_pinyin_initials() -> Result<()> {
    let mut app = App::launch_unlocked("roster").await?;
    app.click("nav-students").await?;
    app.wait_for("students-empty").await?;
    app.click("students-import").await?;

    let file = workspace_root().join("crates/xinyu-core/tests/fixtures/roster/gbk_title_rows.csv");
    app.wait_for("import-file")
        .await?
        .send_keys(&file.display().to_string())
        .await?;
    app.wait_for_text("import-preview-info", "表头在第 4 行")
        .await?;
    app.wait_for_text("import-preview-table", "张三").await?;
    app.screenshot("preview").await?;

    app.click("import-commit").await?;
    app.wait_for_text("import-summary", "已导入").await?;
    let summary = app.text("import-summary").await?;
    assert!(summary.contains("新增"), "{summary}");
    app.screenshot("imported").await?;
    app.press(&fantoccini::key::Key::Escape.to_string()).await?;

    app.fill("students-search", "zs").await?;
    app.wait_for_text("students-table", "张三").await?;
    app.screenshot("search-zs").await?;
    app.finish().await
}
