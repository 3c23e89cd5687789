//! The app shell: it starts in Chinese, every section is reachable, the about page shows what
//! the Rust core reports, and the panic blank hides the screen at once.

use fantoccini::key::Key;
use xinyu_e2e::{App, Result};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_starts_with_chinese_navigation_and_about_shows_the_core_versions() -> Result<()> {
    let mut app = App::launch_unlocked("shell").await?;
    app.wait_for("app-shell").await?;
    for (id, label) in [
        ("nav-dashboard", "工作台"),
        ("nav-students", "学生"),
        ("nav-warning-files", "预警档案"),
        ("nav-sessions", "辅导记录"),
        ("nav-mailbox", "悄悄话信箱"),
        ("nav-screening", "心理测评"),
        ("nav-reports", "报表"),
        ("nav-settings", "设置"),
    ] {
        app.wait_for_text(id, label).await?;
    }
    app.screenshot("started").await?;

    // A section that is not built yet says so honestly, without invented data.
    app.click("nav-reports").await?;
    app.wait_for_text("page-title", "报表").await?;
    app.wait_for_text("coming-soon", "即将推出").await?;
    app.screenshot("reports-coming-soon").await?;

    // The about page is a round trip to Rust: the versions come from xinyu-core.
    app.click("nav-settings").await?;
    app.click("settings-about").await?;
    app.wait_for_text("about-product-name", "心语").await?;
    app.wait_for_text("about-core-version", env!("CARGO_PKG_VERSION"))
        .await?;
    app.wait_for_text("about-format-version", "1").await?;
    app.screenshot("about").await?;
    app.finish().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_twice_blanks_the_screen_and_a_key_brings_it_back() -> Result<()> {
    let mut app = App::launch_unlocked("privacy").await?;
    app.wait_for("app-shell").await?;
    app.press(&format!("{}{}", Key::Escape, Key::Escape))
        .await?;
    app.wait_for("privacy-overlay").await?;
    let text = app.page_text().await?;
    assert!(
        !text.contains("工作台"),
        "the blanked screen should hide the app, but showed: {text}"
    );
    app.screenshot("blanked").await?;
    app.press("a").await?;
    app.wait_gone("privacy-overlay").await?;
    app.wait_for_text("nav-dashboard", "工作台").await?;

    // The toolbar button does the same.
    app.click("privacy-button").await?;
    app.wait_for("privacy-overlay").await?;
    app.press("x").await?;
    app.wait_gone("privacy-overlay").await?;
    app.finish().await
}
