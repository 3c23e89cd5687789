//! The whisper mailbox across three starts of the app on one vault: the kiosk (a letter, its
//! pickup code; an urgent letter shows the hotlines at once), the counselor (the urgent letter
//! first, reading and replying), and the kiosk again (the reply by code; a wrong code shows
//! nothing).

use xinyu_e2e::{App, Result};

const LETTER: &str = "老师，我和同桌闹矛盾了，不知道怎么和好。";
const URGENT: &str = "最近觉得活着没意思。";
const REPLY: &str = "谢谢你愿意写信。明天午休可以来心理辅导室聊聊吗？";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_from_the_kiosk_is_answered_and_read_back_with_its_code() -> Result<()> {
    let vault = App::set_up_vault()?;

    // 1. The kiosk: an ordinary letter, then an urgent one.
    let mut kiosk = App::launch_on("mailbox-kiosk", vault.path(), &["--kiosk"]).await?;
    kiosk.click("kiosk-write").await?;
    kiosk.fill("kiosk-letter", LETTER).await?;
    kiosk.screenshot("writing").await?;
    kiosk.click("kiosk-send").await?;
    let shown = kiosk.wait_for_text("kiosk-code", "-").await?;
    let code: String = shown
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    assert_eq!(
        code.chars().filter(char::is_ascii_alphanumeric).count(),
        12,
        "a 12-symbol code: {shown:?}"
    );
    kiosk.screenshot("pickup-code").await?;
    kiosk.click("kiosk-done").await?;
    kiosk.click("kiosk-write").await?;
    let letter_box = kiosk.text("kiosk-letter").await.unwrap_or_default();
    assert!(
        !letter_box.contains("同桌"),
        "nothing left from the last letter"
    );
    kiosk.fill("kiosk-letter", URGENT).await?;
    kiosk.click("kiosk-send").await?;
    let hotlines = kiosk.wait_for_text("kiosk-hotlines", "12356").await?;
    assert!(hotlines.contains("12355"), "{hotlines}");
    kiosk.screenshot("urgent-hotlines").await?;
    kiosk.click("kiosk-done").await?;
    kiosk.finish().await?;

    // 2. The counselor: the urgent letter first, with the protocol; read and reply.
    let mut desk = App::launch_on("mailbox-counselor", vault.path(), &[]).await?;
    desk.unlock_as_counselor().await?;
    desk.click("nav-mailbox").await?;
    desk.wait_for_text("mailbox-crisis-banner", "班主任")
        .await?;
    let first = desk.text("letter-row").await?;
    assert!(first.contains("紧急"), "urgent first: {first}");
    desk.screenshot("inbox").await?;
    let banner = desk.text("mailbox-crisis-banner").await?;
    assert!(
        !banner.contains("活着没意思"),
        "no letter text in the banner"
    );
    desk.click_nth("letter-open", 1).await?;
    desk.wait_for_text("letter-text", "同桌").await?;
    desk.fill("letter-reply-text", REPLY).await?;
    desk.click("letter-reply-submit").await?;
    desk.wait_for_text("letter-thread", "午休").await?;
    desk.screenshot("replied").await?;
    desk.finish().await?;

    // 3. The kiosk again: the reply opens with the code; a wrong code shows nothing.
    let mut kiosk = App::launch_on("mailbox-kiosk-again", vault.path(), &["--kiosk"]).await?;
    kiosk.click("kiosk-read").await?;
    kiosk.fill("kiosk-code-input", &code.to_lowercase()).await?;
    kiosk.click("kiosk-read-submit").await?;
    kiosk.wait_for_text("kiosk-reply", "午休").await?;
    kiosk.screenshot("reply-read").await?;
    kiosk.fill("kiosk-code-input", "AAAA-BBBB-CCCC").await?;
    kiosk.click("kiosk-read-submit").await?;
    kiosk.wait_for_text("kiosk-no-reply", "还没有回信").await?;
    let page = kiosk.page_text().await?;
    assert!(!page.contains("午休"), "a wrong code shows nothing: {page}");
    kiosk.screenshot("wrong-code").await?;
    kiosk.finish().await
}
