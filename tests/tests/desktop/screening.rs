//! A screening campaign from the desktop: create it, import the platform's PHQ-9 export, see the
//! review list with the item-9 student first, and open a warning file from it.

use xinyu_e2e::{App, Result, workspace_root};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_a_phq9_export_and_open_a_file_for_the_item_9_student() -> Result<()> {
    let mut app = App::launch_unlocked("screening").await?;
    app.import_roster_fixture("gbk_title_rows.csv", "张三")
        .await?;

    app.click("nav-screening").await?;
    // The button waits for the instruments to load.
    app.wait_for("campaign-empty").await?;
    app.click("campaign-new").await?;
    app.fill("campaign-name", "2026 秋季心理测评").await?;
    app.click("campaign-instrument-phq9").await?;
    app.screenshot("campaign-form").await?;
    app.click("campaign-submit").await?;
    app.wait_for_text("campaign-row", "2026 秋季心理测评")
        .await?;
    app.click("campaign-open").await?;

    app.click("screening-import").await?;
    app.click("screening-import-instrument-phq9").await?;
    let file = workspace_root().join("crates/xinyu-core/tests/fixtures/screening/phq9_items.csv");
    app.wait_for("screening-import-file")
        .await?
        .send_keys(&file.display().to_string())
        .await?;
    app.screenshot("import-preview").await?;
    app.click("screening-import-commit").await?;
    app.wait_for_text("screening-import-summary", "已导入")
        .await?;
    app.press(&fantoccini::key::Key::Escape.to_string()).await?;

    // 李四 scored only 1, but answered item 9: first on the list, marked 关键题.
    let first = app.wait_for_text("review-row", "李四").await?;
    assert!(first.contains("关键题"), "{first}");
    let list = app.text("review-list").await?;
    assert!(list.contains("张三") && list.contains("14"), "{list}");
    assert!(!list.contains("欧阳娜娜"), "below the threshold: {list}");
    app.wait_for_text("review-progress", "0 / 2").await?;
    app.screenshot("review-list").await?;

    app.click("review-open-file").await?;
    app.click("review-file-level-1").await?;
    app.fill("review-file-reason", "PHQ-9 第 9 题阳性，当天面谈核实")
        .await?;
    app.click("review-file-submit").await?;
    app.wait_for_text("review-progress", "1 / 2").await?;
    app.click("review-file-link").await?;
    app.wait_for_text("file-level", "一级").await?;
    app.wait_for_text("file-source", "心理测评").await?;
    app.screenshot("file-from-screening").await?;
    app.finish().await
}
