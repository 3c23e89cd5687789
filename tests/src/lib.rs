//! The end-to-end harness: a private X display (Xvfb), WebKitWebDriver, and the built 心语
//! desktop app in a real WebKit window, driven the way a counselor would use it.
//!
//! Each [`App`] gets its own display, driver port and vault folder, and cleans all of them up on
//! drop, pass or fail. Sessions run one at a time: the machine has two cores.
//!
//! We drive `WebKitWebDriver` directly (with `TAURI_WEBVIEW_AUTOMATION=true`) instead of going
//! through `tauri-driver`: the proxy dropped 10–40 % of requests after IPC-driven DOM changes
//! here, while the direct route ran clean (see `../shared/docs/TESTING.md`).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use tokio::sync::{Mutex, MutexGuard};

/// A failure of the harness or of an expectation; the message says what a person would have seen.
pub type Error = Box<dyn std::error::Error + Send + Sync>;
/// Result for harness steps.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The school of the vaults the tests set up.
pub const SCHOOL: &str = "示例实验中学";
/// The counselor of the vaults the tests set up.
pub const COUNSELOR: &str = "李老师";
/// That counselor's passphrase.
pub const PASSPHRASE: &str = "春风化雨润物无声2026";

/// How long to wait for something the user expects to appear.
pub const WAIT: Duration = Duration::from_secs(20);

static SERIAL: Mutex<()> = Mutex::const_new(());

/// The workspace root (the folder holding the top `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

/// The desktop binary under test: `XINYU_DESKTOP_BIN`, or the debug build in the target folder.
pub fn desktop_binary() -> Result<PathBuf> {
    let bin = std::env::var_os("XINYU_DESKTOP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join("xinyu-desktop"));
    if !bin.is_file() {
        return Err(format!(
            "the desktop app is not built at {}: run `make e2e` (it builds the UI and the app first)",
            bin.display()
        )
        .into());
    }
    Ok(bin)
}

/// Where screenshots of each step go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    target_dir().join("e2e-screenshots")
}

fn require_tool(name: &str) -> Result<()> {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|p| p.join(name).is_file()))
        .unwrap_or(false);
    if found {
        Ok(())
    } else {
        Err(format!("`{name}` is not installed: run `scripts/bootstrap` (it installs xvfb and webkit2gtk-driver)").into())
    }
}

/// A child process killed, with its whole process group, when dropped.
struct Guarded {
    name: &'static str,
    child: Child,
}

impl Guarded {
    fn spawn(name: &'static str, cmd: &mut Command) -> Result<Self> {
        use std::os::unix::process::CommandExt;
        let child = cmd
            .process_group(0)
            .spawn()
            .map_err(|e| format!("could not start {name}: {e}"))?;
        Ok(Guarded { name, child })
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            // Kill the group: WebKitWebDriver's child is the app itself.
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{}", self.child.id())])
                .stderr(Stdio::null())
                .status();
            let deadline = Instant::now() + Duration::from_secs(3);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stderr(Stdio::null())
                .status();
            let _ = self.child.wait();
            let _ = self.name;
        }
    }
}

fn start_xvfb() -> Result<(Guarded, String)> {
    require_tool("Xvfb")?;
    // -displayfd 1: Xvfb picks a free display and writes its number to our pipe.
    let mut xvfb = Guarded::spawn(
        "Xvfb",
        Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1366x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
    )?;
    let stdout = xvfb.child.stdout.take().ok_or("Xvfb gave no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    let n: u32 = line
        .trim()
        .parse()
        .map_err(|_| format!("Xvfb did not report a display number (got {line:?})"))?;
    Ok((xvfb, format!(":{n}")))
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

async fn wait_for_port(port: u16) -> Result<()> {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("WebKitWebDriver did not listen on port {port} within {WAIT:?}").into())
}

/// A running desktop app under test, with its display, driver and vault folder.
pub struct App {
    /// The WebDriver session; `None` once finished.
    client: Option<Client>,
    name: String,
    step: u32,
    /// The vault folder the app was started with.
    pub vault: PathBuf,
    // Dropped in reverse order of start: driver (and the app), then Xvfb.
    _driver: Guarded,
    _xvfb: Guarded,
    /// The vault folder, when this app made it: removed after the app has stopped.
    _owned_vault: Option<tempfile::TempDir>,
    _serial: MutexGuard<'static, ()>,
}

impl App {
    /// Start Xvfb, WebKitWebDriver and the app on a fresh, empty vault folder (the app opens
    /// on its set-up wizard).
    pub async fn launch(name: &str) -> Result<App> {
        let vault = tempfile::Builder::new().prefix("xinyu-e2e-").tempdir()?;
        let mut app = Self::start(name, vault.path(), &[]).await?;
        app._owned_vault = Some(vault);
        Ok(app)
    }

    /// Start the app on a vault already set up with one counselor ([`COUNSELOR`],
    /// [`PASSPHRASE`]) through the core, as the CLI or an earlier session would have left it;
    /// the app opens on its lock screen.
    pub async fn launch_set_up(name: &str) -> Result<App> {
        let vault = Self::set_up_vault()?;
        let mut app = Self::start(name, vault.path(), &[]).await?;
        app._owned_vault = Some(vault);
        Ok(app)
    }

    /// Start the app on a set-up vault and unlock it through the lock screen.
    pub async fn launch_unlocked(name: &str) -> Result<App> {
        let app = Self::launch_set_up(name).await?;
        app.unlock_as_counselor().await?;
        Ok(app)
    }

    /// Unlock through the lock screen as [`COUNSELOR`].
    pub async fn unlock_as_counselor(&self) -> Result<()> {
        self.wait_for("lock-screen").await?;
        self.fill("lock-passphrase", PASSPHRASE).await?;
        self.click("lock-submit").await?;
        self.wait_for("app-shell").await?;
        Ok(())
    }

    /// A vault folder set up with one counselor ([`COUNSELOR`], [`PASSPHRASE`]), kept by the
    /// caller so that several launches ([`App::launch_on`]) can share it.
    pub fn set_up_vault() -> Result<tempfile::TempDir> {
        let vault = tempfile::Builder::new().prefix("xinyu-e2e-").tempdir()?;
        let (mut v, _code) = xinyu_core::Vault::create(
            vault.path(),
            xinyu_core::NewVault {
                school_name: SCHOOL,
                user_name: COUNSELOR,
                passphrase: PASSPHRASE,
                kdf: xinyu_core::KdfParams::for_tests(),
            },
        )?;
        v.lock()?;
        Ok(vault)
    }

    /// Start the app on an existing vault folder with extra command-line arguments (e.g.
    /// `--kiosk`); the folder outlives the app.
    pub async fn launch_on(name: &str, vault: &Path, args: &[&str]) -> Result<App> {
        Self::start(name, vault, args).await
    }

    async fn start(name: &str, vault: &Path, extra: &[&str]) -> Result<App> {
        let serial = SERIAL.lock().await;
        let bin = desktop_binary()?;
        require_tool("WebKitWebDriver")?;
        let (xvfb, display) = start_xvfb()?;
        let port = free_port()?;
        let driver = Guarded::spawn(
            "WebKitWebDriver",
            Command::new("WebKitWebDriver")
                .arg(format!("--port={port}"))
                .env("DISPLAY", &display)
                .env("TAURI_WEBVIEW_AUTOMATION", "true")
                // Argon2id at its minimum (64 MiB, t=1) instead of calibrating at set-up.
                .env("XINYU_KDF", "minimum")
                .env("XINYU_VAULT", vault)
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        wait_for_port(port).await?;

        let args: Vec<String> = ["--vault".to_owned(), vault.display().to_string()]
            .into_iter()
            .chain(extra.iter().map(|a| (*a).to_owned()))
            .collect();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "webkitgtk:browserOptions".into(),
            serde_json::json!({ "binary": bin, "args": args }),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("could not start a WebDriver session with the app: {e}"))?;
        std::fs::create_dir_all(screenshot_dir())?;
        Ok(App {
            client: Some(client),
            name: name.to_owned(),
            step: 0,
            vault: vault.to_path_buf(),
            _owned_vault: None,
            _driver: driver,
            _xvfb: xvfb,
            _serial: serial,
        })
    }

    fn client(&self) -> Result<&Client> {
        self.client
            .as_ref()
            .ok_or_else(|| "the WebDriver session is closed".into())
    }

    /// Import one of the core's roster fixtures (`crates/xinyu-core/tests/fixtures/roster/`)
    /// through the students page's import dialog, as a counselor would, and close the dialog.
    /// Returns what the preview said about the file (header row, encoding).
    pub async fn import_roster_fixture(
        &mut self,
        fixture: &str,
        first_name: &str,
    ) -> Result<String> {
        self.click("nav-students").await?;
        self.click("students-import").await?;
        let file = workspace_root()
            .join("crates/xinyu-core/tests/fixtures/roster")
            .join(fixture);
        self.wait_for("import-file")
            .await?
            .send_keys(&file.display().to_string())
            .await?;
        self.wait_for_text("import-preview-table", first_name)
            .await?;
        let info = self.text("import-preview-info").await?;
        self.screenshot("import-preview").await?;
        self.click("import-commit").await?;
        self.wait_for_text("import-summary", "已导入").await?;
        self.screenshot("imported").await?;
        self.press(&fantoccini::key::Key::Escape.to_string())
            .await?;
        Ok(info)
    }

    /// The CSS selector for a `data-testid`.
    pub fn testid(id: &str) -> String {
        format!("[data-testid=\"{id}\"]")
    }

    /// Wait until the element with this `data-testid` is present, and return it.
    pub async fn wait_for(&self, id: &str) -> Result<Element> {
        let css = Self::testid(id);
        let found = self
            .client()?
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&css))
            .await;
        match found {
            Ok(el) => Ok(el),
            Err(e) => {
                let shot = self.failure_screenshot(id).await;
                Err(format!("`{id}` did not appear within {WAIT:?} ({e}); screen: {shot}").into())
            }
        }
    }

    /// On a failed expectation, save what the screen showed; returns where (or why not).
    async fn failure_screenshot(&self, what: &str) -> String {
        let path = screenshot_dir().join(format!("{}-FAILED-{what}.png", self.name));
        match self.client() {
            Ok(client) => match client.screenshot().await {
                Ok(png) => match std::fs::write(&path, png) {
                    Ok(()) => path.display().to_string(),
                    Err(e) => format!("not saved: {e}"),
                },
                Err(e) => format!("not taken: {e}"),
            },
            Err(e) => format!("not taken: {e}"),
        }
    }

    /// Wait until the element with this `data-testid` shows text containing `expected`.
    pub async fn wait_for_text(&self, id: &str, expected: &str) -> Result<String> {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(el) = self.client()?.find(Locator::Css(&Self::testid(id))).await {
                last = self.inner_text(&el).await.unwrap_or_default();
                if last.contains(expected) {
                    return Ok(last);
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shot = self.failure_screenshot(id).await;
        Err(format!("`{id}` should show {expected:?} but showed {last:?}; screen: {shot}").into())
    }

    /// Wait until no element with this `data-testid` is present.
    pub async fn wait_gone(&self, id: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            let found = self
                .client()?
                .find_all(Locator::Css(&Self::testid(id)))
                .await?;
            if found.is_empty() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let shot = self.failure_screenshot(id).await;
        Err(format!("`{id}` was still shown after {WAIT:?}; screen: {shot}").into())
    }

    /// Click the element with this `data-testid` once it is present.
    ///
    /// A click that lands on something else (a dialog's mask still fading out, a message
    /// sliding away) is tried again until [`WAIT`] runs out, as a person would click again.
    pub async fn click(&self, id: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let result = self.wait_for(id).await?.click().await;
            match result {
                Ok(()) => return Ok(()),
                Err(e)
                    if (matches!(&e, CmdError::Standard(w)
                        if w.error == ErrorStatus::ElementClickIntercepted)
                        || e.is_element_not_interactable()
                        || e.is_stale_element_reference())
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                Err(e) => {
                    let shot = self.failure_screenshot(id).await;
                    return Err(format!("clicking `{id}` failed ({e}); screen: {shot}").into());
                }
            }
        }
    }

    /// Open a page of the app by its route (e.g. `/sessions/work-log`), as a link would.
    pub async fn go(&self, route: &str) -> Result<()> {
        self.client()?
            .execute(
                "window.location.hash = '#' + arguments[0]; return true;",
                vec![serde_json::Value::String(route.to_owned())],
            )
            .await?;
        Ok(())
    }

    /// Click the primary button of the confirmation box that is open (Element Plus's
    /// ElMessageBox, which carries no test id of ours).
    pub async fn confirm(&self) -> Result<()> {
        let css = ".el-message-box__btns .el-button--primary";
        let deadline = Instant::now() + WAIT;
        loop {
            let found = self.client()?.find(Locator::Css(css)).await;
            if let Ok(button) = found
                && button.click().await.is_ok()
            {
                // A click that lands while the box is still opening can be lost: done only
                // once the box has gone, else click again.
                let settle = Instant::now() + Duration::from_millis(1500);
                while Instant::now() < settle {
                    let open = self.client()?.find(Locator::Css(css)).await;
                    match open {
                        Err(_) => return Ok(()),
                        Ok(b) if !b.is_displayed().await.unwrap_or(false) => return Ok(()),
                        Ok(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                    }
                }
            }
            if Instant::now() >= deadline {
                let shot = self.failure_screenshot("confirm").await;
                return Err(format!("no confirmation box within {WAIT:?}; screen: {shot}").into());
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Click the `n`-th (0-based) element with this `data-testid`, once there are that many.
    pub async fn click_nth(&self, id: &str, n: usize) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let all = self
                .client()?
                .find_all(Locator::Css(&Self::testid(id)))
                .await?;
            if let Some(el) = all.get(n) {
                match el.click().await {
                    Ok(()) => return Ok(()),
                    Err(e) if Instant::now() >= deadline => {
                        return Err(format!("clicking `{id}` #{n} failed ({e})").into());
                    }
                    Err(_) => {}
                }
            } else if Instant::now() >= deadline {
                let shot = self.failure_screenshot(id).await;
                return Err(format!("no `{id}` #{n} within {WAIT:?}; screen: {shot}").into());
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Click the element with this `data-testid` whose text contains `text` (one account among
    /// the lock screen's, one row's button), once it is there.
    pub async fn click_with_text(&self, id: &str, text: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let all = self
                .client()?
                .find_all(Locator::Css(&Self::testid(id)))
                .await?;
            for el in &all {
                if self.inner_text(el).await.unwrap_or_default().contains(text)
                    && el.click().await.is_ok()
                {
                    return Ok(());
                }
            }
            if Instant::now() >= deadline {
                let shot = self.failure_screenshot(id).await;
                return Err(format!(
                    "no clickable `{id}` showing {text:?} within {WAIT:?}; screen: {shot}"
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// The text input inside the element with this `data-testid` (the element itself when it
    /// is an input: Element Plus puts attributes on the native input or on its wrapper).
    pub async fn input(&self, id: &str) -> Result<Element> {
        let el = self.wait_for(id).await?;
        let tag = el.tag_name().await?.to_lowercase();
        if tag == "input" || tag == "textarea" {
            return Ok(el);
        }
        Ok(el.find(Locator::Css("input, textarea")).await?)
    }

    /// Replace the text in the input with this `data-testid` (a prefilled value too).
    pub async fn fill(&self, id: &str, text: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let input = self.input(id).await?;
            // WebDriver's "clear" empties the box without an input event, so Vue keeps the old
            // value; select it and delete it with keys instead, as a person would.
            let wipe = format!(
                "{}a{}{}",
                fantoccini::key::Key::Control,
                fantoccini::key::Key::Null,
                fantoccini::key::Key::Backspace
            );
            let result = match input.send_keys(&wipe).await {
                Ok(()) => input.send_keys(text).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => return Ok(()),
                // Still appearing (a dialog opening): try again, as a person would.
                Err(e)
                    if (e.is_element_not_interactable() || e.is_stale_element_reference())
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(150)).await;
                }
                Err(e) => return Err(format!("typing into `{id}` failed ({e})").into()),
            }
        }
    }

    /// Type a date (`YYYY-MM-DD`, or `YYYY-MM-DD HH:mm`) into an Element Plus date picker as a
    /// person would: click into it and let the calendar open, select what is there, type over
    /// it, move on with Tab. (Keys sent while the calendar is still opening are lost.)
    pub async fn type_date(&self, id: &str, date: &str) -> Result<()> {
        use fantoccini::key::Key;
        let input = self.input(id).await?;
        input.click().await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        input
            .send_keys(&format!("{}a{}", Key::Control, Key::Null))
            .await?;
        input.send_keys(&Key::Backspace.to_string()).await?;
        input.send_keys(date).await?;
        input.send_keys(&Key::Tab.to_string()).await?;
        Ok(())
    }

    /// The visible text of the element with this `data-testid`.
    pub async fn text(&self, id: &str) -> Result<String> {
        let el = self.wait_for(id).await?;
        self.inner_text(&el).await
    }

    /// The rendered text of an element as the page computes it (`innerText`): WebKit's
    /// WebDriver "get text" leaves out table cells that Element Plus lays out.
    async fn inner_text(&self, el: &Element) -> Result<String> {
        let value = self
            .client()?
            .execute(
                "return arguments[0].innerText;",
                vec![serde_json::to_value(el)?],
            )
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Type into the focused element (WebDriver key codes allowed, e.g. `fantoccini::key::Key`).
    pub async fn press(&self, keys: &str) -> Result<()> {
        self.client()?
            .active_element()
            .await?
            .send_keys(keys)
            .await?;
        Ok(())
    }

    /// The visible text of the whole page.
    pub async fn page_text(&self) -> Result<String> {
        let body = self.client()?.find(Locator::Css("body")).await?;
        self.inner_text(&body).await
    }

    /// Save a screenshot of the window as `target/e2e-screenshots/<test>-<NN>-<step>.png`.
    pub async fn screenshot(&mut self, step: &str) -> Result<PathBuf> {
        self.step += 1;
        // Let the page paint the DOM we just waited for: a capture right after a change can
        // show the previous frame.
        self.client()?
            .execute_async(
                "const done = arguments[0]; \
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        let png = self.client()?.screenshot().await?;
        let path = screenshot_dir().join(format!("{}-{:02}-{step}.png", self.name, self.step));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// End the WebDriver session (closing the app); the rest is cleaned up on drop.
    pub async fn finish(mut self) -> Result<()> {
        if let Some(client) = self.client.take() {
            client.close().await?;
        }
        Ok(())
    }
}
