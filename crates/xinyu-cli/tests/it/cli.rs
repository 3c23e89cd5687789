#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The `xinyu` binary as a user runs it: each test drives the real executable in a fresh
//! folder and checks what the user sees — standard output, the one error line, exit codes, files.
//!
//! Every run uses `XINYU_KDF=minimum` (Argon2id at its 64 MiB floor) to stay fast.
//!
//! Modules of behaviour, in order: set-up (`init`), students, the global options, unlocking,
//! roles, passphrases and recovery, the integrity check, key rotation.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const COUNSELOR: &str = "李老师";
const PASS: &str = "春风化雨润物无声2026";
const SCHOOL: &str = "示例实验中学";

/// Numbers the files that hold passphrases, so no two runs share one.
static FILES: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", FILES.fetch_add(1, Ordering::Relaxed))
}

/// One user-visible outcome of running `xinyu`.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    #[track_caller]
    fn ok(self) -> Run {
        assert_eq!(self.code, 0, "expected success: {self:#?}");
        self
    }

    /// A failure: non-zero exit, exactly one line `错误：…` on stderr containing `needle`.
    #[track_caller]
    fn fails_with(self, needle: &str) -> Run {
        assert_ne!(self.code, 0, "expected failure: {self:#?}");
        assert_eq!(self.stderr.lines().count(), 1, "one line: {self:#?}");
        assert!(self.stderr.starts_with("错误："), "{self:#?}");
        assert!(self.stderr.contains(needle), "wanted {needle:?}: {self:#?}");
        self
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("JSON on stdout")
    }
}

/// A temporary folder holding a vault and the files a user would pass.
struct Workbench {
    dir: tempfile::TempDir,
}

impl Workbench {
    fn new() -> Self {
        Workbench {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn vault(&self) -> PathBuf {
        self.dir.path().join("vault")
    }

    fn vault_arg(&self) -> String {
        self.vault().display().to_string()
    }

    /// A file in the folder holding `text`.
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write file");
        path.display().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// `xinyu` with a clean environment: no inherited vault, user or passphrase, no stdin.
    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xinyu"));
        for var in [
            "XINYU_VAULT",
            "XINYU_USER",
            "XINYU_PASSPHRASE",
            "XINYU_LOG",
            "RUST_LOG",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("XINYU_KDF", "minimum")
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        cmd
    }

    fn run_cmd(mut cmd: Command) -> Run {
        let out = cmd.output().expect("run xinyu");
        Run {
            code: out.status.code().expect("exit code"),
            stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        }
    }

    /// `xinyu ARGS` exactly as given.
    fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.command();
        cmd.args(args);
        Self::run_cmd(cmd)
    }

    /// `xinyu --vault DIR --user USER --passphrase-file F ARGS`.
    fn as_user(&self, user: &str, passphrase: &str, args: &[&str]) -> Run {
        let pass = self.file(&unique("pass"), passphrase);
        let mut cmd = self.command();
        cmd.args([
            "--vault",
            &self.vault_arg(),
            "--user",
            user,
            "--passphrase-file",
            &pass,
        ])
        .args(args);
        Self::run_cmd(cmd)
    }

    fn as_counselor(&self, args: &[&str]) -> Run {
        self.as_user(COUNSELOR, PASS, args)
    }

    /// A vault with its first counselor; returns the recovery code.
    fn init(&self) -> String {
        let pass = self.file("pass", &format!("{PASS}\n"));
        let run = self
            .run(&[
                "--vault",
                &self.vault_arg(),
                "init",
                "--school",
                SCHOOL,
                "--user",
                COUNSELOR,
                "--passphrase-file",
                &pass,
            ])
            .ok();
        run.stdout.trim().to_owned()
    }

    fn add_student(&self, no: &str, name: &str) {
        self.as_counselor(&[
            "student",
            "add",
            "--student-no",
            no,
            "--name",
            name,
            "--grade",
            "七年级",
            "--class",
            "3班",
        ])
        .ok();
    }

    fn add_user(&self, actor: &str, actor_pass: &str, name: &str, role: &str, pass: &str) -> Run {
        let new = self.file(&unique("new"), pass);
        self.as_user(
            actor,
            actor_pass,
            &[
                "user",
                "add",
                "--name",
                name,
                "--role",
                role,
                "--new-passphrase-file",
                &new,
            ],
        )
    }

    /// `actor` adds the account with a first passphrase, its user sets `pass` with `passwd`,
    /// and the counselor approves it with the fingerprint `user list` shows.
    fn enrol(&self, actor: &str, actor_pass: &str, name: &str, role: &str, pass: &str) -> Run {
        let first = "创建者设定的初始口令2026";
        let added = self.add_user(actor, actor_pass, name, role, first).ok();
        let own = self.file(&unique("own"), pass);
        self.as_user(name, first, &["passwd", "--new-passphrase-file", &own])
            .ok();
        let fingerprint = self.fingerprint(name);
        self.as_counselor(&[
            "user",
            "approve",
            "--name",
            name,
            "--fingerprint",
            &fingerprint,
        ])
        .ok();
        added
    }

    /// The key fingerprint `user list --json` shows for `name`.
    fn fingerprint(&self, name: &str) -> String {
        let users = self
            .run(&["--vault", &self.vault_arg(), "user", "list", "--json"])
            .ok()
            .json();
        users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == name)
            .unwrap_or_else(|| panic!("no account {name}"))["fingerprint"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn student_list_json(&self, user: &str, pass: &str) -> String {
        self.as_user(user, pass, &["student", "list", "--json"])
            .ok()
            .stdout
    }
}

fn is_recovery_code(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().all(|g| {
            g.len() == 5
                && g.chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        })
}

// ---- set-up ----

#[test]
fn init_prints_only_the_recovery_code_and_refuses_a_second_init() {
    let bench = Workbench::new();
    let pass = bench.file("pass", PASS);
    let args = [
        "--vault",
        &bench.vault_arg(),
        "init",
        "--school",
        SCHOOL,
        "--user",
        COUNSELOR,
        "--passphrase-file",
        &pass,
    ];
    let first = bench.run(&args).ok();
    assert_eq!(first.stdout.lines().count(), 1, "{first:#?}");
    assert!(is_recovery_code(first.stdout.trim()), "{first:#?}");
    assert!(first.stderr.contains("保险柜"), "{first:#?}");
    assert!(!first.stderr.contains(PASS) && !first.stdout.contains(PASS));

    let second = bench.run(&args).fails_with("已经有一个数据保险箱");
    assert!(second.stdout.is_empty());
}

#[test]
fn init_with_a_short_passphrase_fails_and_leaves_no_vault() {
    let bench = Workbench::new();
    let pass = bench.file("pass", "short1234\n");
    bench
        .run(&[
            "--vault",
            &bench.vault_arg(),
            "init",
            "--school",
            SCHOOL,
            "--user",
            COUNSELOR,
            "--passphrase-file",
            &pass,
        ])
        .fails_with("至少需要 10 个字符");
    assert!(!bench.vault().exists());
}

#[test]
fn recovery_out_writes_the_code_to_a_private_file_and_nothing_to_stdout() {
    let bench = Workbench::new();
    let pass = bench.file("pass", PASS);
    let code_file = bench.path("恢复码.txt");
    let run = bench
        .run(&[
            "--vault",
            &bench.vault_arg(),
            "init",
            "--school",
            SCHOOL,
            "--user",
            COUNSELOR,
            "--passphrase-file",
            &pass,
            "--recovery-out",
            &code_file,
        ])
        .ok();
    assert!(run.stdout.is_empty(), "{run:#?}");
    assert!(run.stderr.contains("保险柜"), "{run:#?}");
    let written = std::fs::read_to_string(&code_file).unwrap();
    assert!(is_recovery_code(written.trim()), "{written:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&code_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn recovery_out_never_overwrites_a_file_and_then_creates_no_vault() {
    let bench = Workbench::new();
    let pass = bench.file("pass", PASS);
    let existing = bench.file("notes.txt", "keep me");
    bench
        .run(&[
            "--vault",
            &bench.vault_arg(),
            "init",
            "--school",
            SCHOOL,
            "--user",
            COUNSELOR,
            "--passphrase-file",
            &pass,
            "--recovery-out",
            &existing,
        ])
        .fails_with("已存在");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    assert!(!bench.vault().exists());
}

// ---- students ----

#[test]
fn a_student_is_listed_with_leading_zeros_a_middle_dot_and_a_rare_character() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("0012024", "阿卜杜拉·买买提");
    bench.add_student("2024002", "𠈌小明");

    let list = bench
        .as_counselor(&["student", "list", "--json"])
        .ok()
        .json();
    let students = list.as_array().unwrap();
    assert_eq!(students.len(), 2);
    let abdullah = students
        .iter()
        .find(|s| s["student_no"] == "0012024")
        .expect("学号 0012024 kept as text");
    assert_eq!(abdullah["name"], "阿卜杜拉·买买提");
    assert_eq!(abdullah["grade"], "七年级");
    assert_eq!(abdullah["class"], "3班");
    assert_eq!(abdullah["status"], "在读");
    assert!(students.iter().any(|s| s["name"] == "𠈌小明"));

    let table = bench.as_counselor(&["student", "list"]).ok().stdout;
    assert!(table.lines().next().unwrap().starts_with("学号"), "{table}");
    assert!(
        table.contains("0012024") && table.contains("𠈌小明"),
        "{table}"
    );
}

#[test]
fn a_duplicate_student_number_is_refused() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("2024001", "张三");
    bench
        .as_counselor(&[
            "student",
            "add",
            "--student-no",
            "2024001",
            "--name",
            "李四",
            "--grade",
            "七年级",
            "--class",
            "3班",
        ])
        .fails_with("已存在");
}

// ---- global options ----

#[test]
fn global_options_work_after_the_subcommand_and_from_the_environment() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("0012024", "阿卜杜拉·买买提");
    let pass = bench.file("pass", PASS);

    let after = bench
        .run(&[
            "student",
            "list",
            "--json",
            "--vault",
            &bench.vault_arg(),
            "--passphrase-file",
            &pass,
        ])
        .ok();
    assert!(after.stdout.contains("0012024"), "{after:#?}");

    let mut cmd = bench.command();
    cmd.args(["student", "list", "--json"])
        .env("XINYU_VAULT", bench.vault())
        .env("XINYU_USER", COUNSELOR)
        .env("XINYU_PASSPHRASE", PASS);
    let from_env = Workbench::run_cmd(cmd).ok();
    assert_eq!(from_env.stdout, after.stdout);
}

#[test]
fn without_a_vault_folder_or_a_passphrase_the_error_says_what_to_provide() {
    let bench = Workbench::new();
    bench.run(&["student", "list"]).fails_with("--vault");
    bench.init();
    // Standard input is not a terminal, so there is no one to prompt.
    bench
        .run(&["--vault", &bench.vault_arg(), "student", "list"])
        .fails_with("需要口令");
    bench
        .run(&["--vault", &bench.path("elsewhere"), "verify"])
        .fails_with("还没有数据保险箱");
}

#[test]
fn with_several_accounts_the_acting_user_must_be_named() {
    let bench = Workbench::new();
    bench.init();
    bench.enrol(
        COUNSELOR,
        PASS,
        "王校长",
        "principal",
        "校长办公室的口令2026",
    );
    let pass = bench.file("pass", PASS);
    bench
        .run(&[
            "--vault",
            &bench.vault_arg(),
            "--passphrase-file",
            &pass,
            "student",
            "list",
        ])
        .fails_with("--user");

    let users = bench
        .run(&["--vault", &bench.vault_arg(), "user", "list", "--json"])
        .ok()
        .json();
    let roles: Vec<(&str, &str)> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            assert!(u["id"].is_string());
            (u["name"].as_str().unwrap(), u["role"].as_str().unwrap())
        })
        .collect();
    assert!(roles.contains(&(COUNSELOR, "counselor")), "{roles:?}");
    assert!(roles.contains(&("王校长", "principal")), "{roles:?}");
}

#[test]
fn command_line_mistakes_are_one_line_in_chinese() {
    let bench = Workbench::new();
    bench
        .run(&["user", "add", "--name", "王", "--role", "root"])
        .fails_with("只接受");
    bench
        .run(&["student", "add", "--name", "张三"])
        .fails_with("缺少参数");
}

// ---- unlocking ----

#[test]
fn a_wrong_passphrase_fails_on_one_line_and_changes_nothing() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("0012024", "阿卜杜拉·买买提");
    let before = bench.student_list_json(COUNSELOR, PASS);

    let wrong = "夏日炎炎好读书2025";
    let run = bench
        .as_user(COUNSELOR, wrong, &["student", "list"])
        .fails_with("口令不正确");
    assert!(run.stdout.is_empty());
    assert!(!run.stderr.contains(wrong));

    assert_eq!(bench.student_list_json(COUNSELOR, PASS), before);
}

// ---- roles ----

#[test]
fn a_principal_added_by_a_counselor_lists_students_and_reads_the_log_but_cannot_add_users() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("0012024", "阿卜杜拉·买买提");
    let principal_pass = "校长办公室的口令2026";
    let added = bench.enrol(COUNSELOR, PASS, "王校长", "principal", principal_pass);
    assert!(added.stdout.contains("王校长"), "{added:#?}");

    let list = bench.student_list_json("王校长", principal_pass);
    assert!(list.contains("0012024"), "{list}");

    let log = bench
        .as_user("王校长", principal_pass, &["log", "--limit", "5", "--json"])
        .ok()
        .json();
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 5);
    assert!(entries.iter().all(|e| e["action"].is_string()));
    let table = bench
        .as_user("王校长", principal_pass, &["log"])
        .ok()
        .stdout;
    assert!(table.contains("解锁"), "{table}");

    bench
        .add_user(
            "王校长",
            principal_pass,
            "赵老师",
            "teacher",
            "辅导教师的口令2026",
        )
        .fails_with("无权");
}

#[test]
fn an_account_an_admin_creates_holds_nothing_until_a_counselor_approves_its_own_key() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("0012024", "阿卜杜拉·买买提");
    let admin_pass = "信息中心管理员口令2026";
    bench.enrol(COUNSELOR, PASS, "赵管理", "admin", admin_pass);
    // The admin adds a counselor and chooses its passphrase.
    let admins_choice = "管理员替他选的口令2026";
    let added = bench
        .add_user("赵管理", admin_pass, "钱老师", "counselor", admins_choice)
        .ok();
    assert!(added.stdout.contains("待批准"), "{added:#?}");
    assert!(added.stderr.contains("xinyu user approve"), "{added:#?}");
    // A counselor's command hands it nothing; the admin, as it, reads nothing.
    bench.as_counselor(&["verify"]).ok();
    bench
        .as_user("钱老师", admins_choice, &["student", "list"])
        .fails_with("批准");
    bench
        .as_user("钱老师", admins_choice, &["session", "list"])
        .fails_with("批准");

    let users = bench
        .run(&["--vault", &bench.vault_arg(), "user", "list", "--json"])
        .ok()
        .json();
    let new = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "钱老师")
        .unwrap()
        .clone();
    assert_eq!(new["status"], "pending");
    assert_eq!(new["created_by"], "赵管理");
    assert_eq!(new["own_passphrase"], false);
    assert!(new["fingerprint"].as_str().unwrap().len() == 24, "{new}");
    let table = bench
        .run(&["--vault", &bench.vault_arg(), "user", "list"])
        .ok()
        .stdout;
    assert!(table.contains("待批准（未设置本人口令）"), "{table}");

    // Not approvable while it has the admin's passphrase.
    bench
        .as_counselor(&["user", "approve", "--name", "钱老师"])
        .fails_with("还没有设置自己的口令");
    // Its user sets their own; a stale fingerprint is refused, the new one approved.
    let own = bench.file("own", "钱老师自己的口令2026");
    bench
        .as_user(
            "钱老师",
            admins_choice,
            &["passwd", "--new-passphrase-file", &own],
        )
        .ok();
    let stale = new["fingerprint"].as_str().unwrap();
    bench
        .as_counselor(&[
            "user",
            "approve",
            "--name",
            "钱老师",
            "--fingerprint",
            stale,
        ])
        .fails_with("密钥指纹");
    let fingerprint = bench.fingerprint("钱老师");
    let run = bench
        .as_counselor(&[
            "user",
            "approve",
            "--name",
            "钱老师",
            "--fingerprint",
            &fingerprint,
        ])
        .ok();
    assert!(run.stdout.contains(&fingerprint), "{run:#?}");
    bench
        .as_user("钱老师", admins_choice, &["student", "list"])
        .fails_with("口令不正确");
    let list = bench.student_list_json("钱老师", "钱老师自己的口令2026");
    assert!(list.contains("0012024"), "{list}");

    // Disabled, it can no longer unlock; the keys are rotated at once.
    let run = bench
        .as_counselor(&["user", "disable", "--name", "钱老师"])
        .ok();
    assert!(run.stdout.contains("密钥已更换"), "{run:#?}");
    bench
        .as_user("钱老师", "钱老师自己的口令2026", &["student", "list"])
        .fails_with("已停用");

    // Enabled again by the counselor who disabled it: active, with the keys of after the
    // rotation, so the account reads the roster again; a second enable says why not.
    let run = bench
        .as_counselor(&["user", "enable", "--name", "钱老师"])
        .ok();
    assert!(
        run.stdout
            .contains("已启用账户 钱老师，并已交给它角色所需的密钥"),
        "{run:#?}"
    );
    let list = bench.student_list_json("钱老师", "钱老师自己的口令2026");
    assert!(list.contains("0012024"), "{list}");
    bench
        .as_counselor(&["user", "enable", "--name", "钱老师"])
        .fails_with("该账户没有停用，无需启用");
    let log = bench.as_counselor(&["log", "--json"]).ok().json();
    assert!(
        log.as_array()
            .expect("entries")
            .iter()
            .any(|e| e["action"] == "user_enabled"),
        "{log:#?}"
    );
}

/// An account the admin disables and enables again waits for a counselor's approval: the
/// admin cannot vouch for it, so it holds no key until then.
#[test]
fn an_account_the_admin_enables_again_waits_for_approval() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("0012024", "阿卜杜拉·买买提");
    let admin_pass = "信息中心管理员口令2026";
    bench.enrol(COUNSELOR, PASS, "赵管理", "admin", admin_pass);
    let teacher_pass = "兼职心理老师口令2026";
    bench.enrol(COUNSELOR, PASS, "周老师", "teacher", teacher_pass);
    bench
        .as_user(
            "赵管理",
            admin_pass,
            &["user", "disable", "--name", "周老师"],
        )
        .ok();
    let run = bench
        .as_user(
            "赵管理",
            admin_pass,
            &["user", "enable", "--name", "周老师"],
        )
        .ok();
    let fingerprint = bench.fingerprint("周老师");
    assert!(run.stdout.contains("待批准"), "{run:#?}");
    assert!(run.stdout.contains(&fingerprint), "{run:#?}");
    bench
        .as_user("周老师", teacher_pass, &["student", "list"])
        .fails_with("还没有获得这类数据的密钥");
    bench
        .as_counselor(&[
            "user",
            "approve",
            "--name",
            "周老师",
            "--fingerprint",
            &fingerprint,
        ])
        .ok();
    bench
        .as_user("周老师", teacher_pass, &["student", "list"])
        .ok();
}

// ---- passphrases and recovery ----

#[test]
fn passwd_retires_the_old_passphrase() {
    let bench = Workbench::new();
    bench.init();
    let new_pass = "秋水共长天一色2027";
    let new_file = bench.file("new", &format!("{new_pass}\n"));
    let run = bench
        .as_counselor(&["passwd", "--new-passphrase-file", &new_file])
        .ok();
    assert!(run.stdout.contains("口令已修改"), "{run:#?}");

    bench
        .as_counselor(&["student", "list"])
        .fails_with("口令不正确");
    bench
        .as_user(COUNSELOR, new_pass, &["student", "list"])
        .ok();
}

#[test]
fn recover_with_the_code_from_init_sets_a_new_passphrase_and_a_mistyped_code_fails() {
    let bench = Workbench::new();
    let code = bench.init();
    let new_pass = "秋水共长天一色2027";
    let new_file = bench.file("new", new_pass);

    // One symbol mistyped.
    let mut mistyped: Vec<char> = code.chars().collect();
    mistyped[0] = if mistyped[0] == '7' { '8' } else { '7' };
    let mistyped: String = mistyped.into_iter().collect();
    let bad_file = bench.file("bad-code", &mistyped);
    bench
        .run(&[
            "--vault",
            &bench.vault_arg(),
            "recover",
            "--user",
            COUNSELOR,
            "--recovery-file",
            &bad_file,
            "--new-passphrase-file",
            &new_file,
        ])
        .fails_with("恢复码不正确");
    bench.as_counselor(&["student", "list"]).ok();

    let code_file = bench.file("code", &format!("\n  {code}  \n"));
    let run = bench
        .run(&[
            "--vault",
            &bench.vault_arg(),
            "recover",
            "--user",
            COUNSELOR,
            "--recovery-file",
            &code_file,
            "--new-passphrase-file",
            &new_file,
        ])
        .ok();
    assert!(!run.stdout.contains(&code) && !run.stderr.contains(&code));
    bench
        .as_user(COUNSELOR, new_pass, &["student", "list"])
        .ok();
    bench
        .as_counselor(&["student", "list"])
        .fails_with("口令不正确");
}

// ---- integrity ----

#[test]
fn verify_passes_on_a_fresh_vault_and_names_a_record_moved_into_another_row() {
    let bench = Workbench::new();
    bench.init();
    let fresh = bench.as_counselor(&["verify"]).ok();
    assert!(fresh.stdout.contains("链条完整"), "{fresh:#?}");
    assert!(fresh.stdout.contains("损坏的记录：无"), "{fresh:#?}");

    bench.add_student("0012024", "阿卜杜拉·买买提");
    bench.add_student("2024002", "王小明");
    let list = bench
        .as_counselor(&["student", "list", "--json"])
        .ok()
        .json();
    let id_of = |no: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|s| s["student_no"] == no)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (source, victim) = (id_of("0012024"), id_of("2024002"));

    let db = rusqlite::Connection::open(bench.vault().join(xinyu_core::store::DB_FILE)).unwrap();
    let changed = db
        .execute(
            "UPDATE students SET body = (SELECT body FROM students WHERE id = ?1) WHERE id = ?2",
            [&source, &victim],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(db);

    let run = bench.as_counselor(&["verify"]);
    assert_eq!(run.code, 1, "{run:#?}");
    assert!(run.stdout.contains(&victim), "{run:#?}");
    assert!(
        !run.stdout.contains(&format!("students {source}")),
        "{run:#?}"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run:#?}");
    assert!(run.stderr.starts_with("错误：完整性检查未通过"), "{run:#?}");
    assert!(run.stderr.contains(&victim), "{run:#?}");
}

// ---- key rotation ----

#[test]
fn rekey_re_encrypts_every_record_and_the_vault_still_verifies() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("0012024", "阿卜杜拉·买买提");
    let before = bench.student_list_json(COUNSELOR, PASS);
    let run = bench.as_counselor(&["rekey"]).ok();
    assert!(
        run.stdout.contains("共重新加密 3 条记录"),
        "the student, the mailbox key and the casework drop key: {run:#?}"
    );
    assert_eq!(bench.student_list_json(COUNSELOR, PASS), before);
    bench.as_counselor(&["verify"]).ok();
}

const IN_USE: &str =
    "错误：保险箱正被另一个窗口或程序使用。请先关闭其他心语窗口和命令行，再执行此操作";

/// Two processes at once: one adds students in a loop while another runs `xinyu rekey` again
/// and again. Each rekey either runs alone or is refused with the clear message; each add is
/// either saved or refused with a message saying nothing was saved. Afterwards the vault
/// verifies with no unreadable record, and every student an add reported saved reads back.
#[test]
fn a_rekey_beside_a_process_writing_in_a_loop_loses_no_row() {
    use std::sync::atomic::AtomicBool;

    let bench = Workbench::new();
    bench.init();
    bench.add_student("2026000", "张三");
    let writing = AtomicBool::new(true);
    let (saved, rekeys) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut saved = Vec::new();
            for n in 1..=12 {
                // A pause between runs, so the rekey sometimes finds the vault free.
                std::thread::sleep(std::time::Duration::from_millis(100));
                let no = format!("{}", 2026000 + n);
                let run = bench.as_counselor(&[
                    "student",
                    "add",
                    "--student-no",
                    &no,
                    "--name",
                    "李四",
                    "--grade",
                    "七年级",
                    "--class",
                    "3班",
                ]);
                if run.code == 0 {
                    saved.push(no);
                } else {
                    // Refused whole, in words that say so: the vault was in use by the rekey,
                    // or the keys changed under this write.
                    let run = run.fails_with("错误：");
                    assert!(
                        run.stderr.starts_with(IN_USE) || run.stderr.contains("本次没有保存"),
                        "{run:#?}"
                    );
                }
            }
            writing.store(false, Ordering::Relaxed);
            saved
        });
        let mut rekeys = Vec::new();
        while writing.load(Ordering::Relaxed) {
            let run = bench.as_counselor(&["rekey"]);
            let code = run.code;
            if code != 0 {
                let run = run.fails_with("错误：");
                assert!(run.stderr.starts_with(IN_USE), "{run:#?}");
            }
            rekeys.push(code);
        }
        (writer.join().expect("writer"), rekeys)
    });
    assert!(!rekeys.is_empty());

    // Alone at last, the rekey runs (finishing one a refusal left half way).
    let run = bench.as_counselor(&["rekey"]).ok();
    assert!(run.stdout.contains("密钥已更换"), "{run:#?}");
    let verify = bench.as_counselor(&["verify"]).ok();
    assert!(
        verify.stdout.contains("损坏的记录：无"),
        "no unreadable record: {verify:#?}"
    );
    let listed = bench.student_list_json(COUNSELOR, PASS);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("JSON");
    let numbers: Vec<&str> = listed
        .as_array()
        .expect("list")
        .iter()
        .map(|s| s["student_no"].as_str().expect("student_no"))
        .collect();
    for no in &saved {
        assert!(
            numbers.contains(&no.as_str()),
            "{no} was saved: {numbers:?}"
        );
    }
    assert_eq!(numbers.len(), saved.len() + 1, "{numbers:?}");
}

/// While another window has the vault open, `xinyu rekey` says so on one line, exits
/// non-zero and changes nothing; once it is closed, the rekey runs.
#[test]
fn rekey_is_refused_while_another_window_has_the_vault_open() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("0012024", "阿卜杜拉·买买提");
    let before = bench.student_list_json(COUNSELOR, PASS);
    // Another window: a process holding the vault's lock file shared, as every open vault does.
    let window = std::fs::File::open(bench.vault().join("vault.lock")).expect("lock file");
    window.lock_shared().expect("shared");
    let refused = bench.as_counselor(&["rekey"]).fails_with(IN_USE);
    assert!(
        refused.stderr.contains("(the vault is in use"),
        "{refused:#?}"
    );
    let log = bench.as_counselor(&["log", "--json"]).ok().json();
    assert!(
        log.as_array()
            .expect("entries")
            .iter()
            .all(|e| e["action"] != "rekey"),
        "no rekey began: {log:#?}"
    );
    // Reading beside the other window still works.
    assert_eq!(bench.student_list_json(COUNSELOR, PASS), before);
    drop(window);
    let run = bench.as_counselor(&["rekey"]).ok();
    // The student, the mailbox key and the casework drop key.
    assert!(run.stdout.contains("共重新加密 3 条记录"), "{run:#?}");
    bench.as_counselor(&["verify"]).ok();
}

/// Guards the promise that nothing a user typed as a secret comes back in any output.
#[test]
fn no_output_ever_carries_the_passphrase() {
    let bench = Workbench::new();
    bench.init();
    for args in [
        &["student", "list"][..],
        &["verify"][..],
        &["log"][..],
        &["user", "list"][..],
    ] {
        let run = bench.as_counselor(args).ok();
        assert!(
            !run.stdout.contains(PASS) && !run.stderr.contains(PASS),
            "{run:#?}"
        );
    }
}

fn roster_fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../xinyu-core/tests/fixtures/roster")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn importing_a_gbk_roster_previews_then_commits_and_search_finds_by_pinyin() {
    let bench = Workbench::new();
    bench.init();
    let file = roster_fixture("gbk_title_rows.csv");
    let dry = bench
        .as_counselor(&["student", "import", &file, "--dry-run"])
        .ok();
    assert!(dry.stdout.contains("试运行"), "{dry:#?}");
    assert_eq!(bench.student_list_json(COUNSELOR, PASS).trim(), "[]");

    let done = bench
        .as_counselor(&["student", "import", &file, "--json"])
        .ok()
        .json();
    assert_eq!(done["committed"], true);
    let added = done["added"].as_u64().expect("added");
    assert!(added > 0);
    let list = bench
        .as_counselor(&["student", "list", "--json"])
        .ok()
        .json();
    assert_eq!(list.as_array().expect("array").len() as u64, added);

    // The first student's name, found again by its pinyin initials.
    let first = list[0]["name"].as_str().expect("name").to_owned();
    let initials: String = pinyin_initials(&first);
    let found = bench
        .as_counselor(&["student", "list", "--search", &initials, "--json"])
        .ok()
        .json();
    let names: Vec<&str> = found
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(names.contains(&first.as_str()), "{initials} → {names:?}");
}

/// The fixture's names are common ones; their initials come from the same table people use.
fn pinyin_initials(name: &str) -> String {
    const TABLE: &[(char, char)] = &[
        ('张', 'z'),
        ('王', 'w'),
        ('李', 'l'),
        ('赵', 'z'),
        ('刘', 'l'),
        ('陈', 'c'),
        ('杨', 'y'),
        ('黄', 'h'),
        ('周', 'z'),
        ('吴', 'w'),
        ('三', 's'),
        ('四', 's'),
        ('五', 'w'),
        ('六', 'l'),
        ('明', 'm'),
        ('红', 'h'),
        ('小', 'x'),
        ('伟', 'w'),
        ('芳', 'f'),
        ('娜', 'n'),
        ('敏', 'm'),
        ('静', 'j'),
        ('丽', 'l'),
        ('强', 'q'),
    ];
    name.chars()
        .map(|c| {
            TABLE
                .iter()
                .find(|(h, _)| *h == c)
                .map(|(_, i)| *i)
                .unwrap_or(c)
        })
        .collect()
}

#[test]
fn a_roster_with_a_bad_row_is_refused_whole_naming_row_and_column() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("2099001", "已有学生");
    let run = bench
        .as_counselor(&["student", "import", &roster_fixture("bad_rows.csv")])
        .fails_with("未导入任何学生");
    assert!(run.stdout.contains("第 3 行「姓名」"), "{run:#?}");
    let list = bench.student_list_json(COUNSELOR, PASS);
    assert!(list.contains("2099001"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&list)
            .expect("json")
            .as_array()
            .expect("array")
            .len(),
        1,
        "nothing imported"
    );
}

#[test]
fn a_new_school_year_moves_students_up_and_a_student_can_go_on_leave() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("2024001", "张三");
    bench
        .as_counselor(&[
            "student",
            "status",
            "--student-no",
            "2024001",
            "--status",
            "休学",
        ])
        .ok();
    let list = bench
        .as_counselor(&["student", "list", "--json"])
        .ok()
        .json();
    assert_eq!(list[0]["status"], "休学");
    bench
        .as_counselor(&[
            "student",
            "status",
            "--student-no",
            "2024001",
            "--status",
            "在读",
        ])
        .ok();
    let summary = bench
        .as_counselor(&["student", "rollover", "--json"])
        .ok()
        .json();
    assert_eq!(summary["committed"], true);
    assert_eq!(
        summary["graduated"], 1,
        "the only grade present is the top one"
    );
    let list = bench
        .as_counselor(&["student", "list", "--json"])
        .ok()
        .json();
    assert_eq!(list[0]["status"], "毕业");
    bench
        .as_counselor(&[
            "student",
            "status",
            "--student-no",
            "2024001",
            "--status",
            "退学",
        ])
        .fails_with("学籍状态只能是");
}

#[test]
fn demo_data_fills_the_vault_with_a_synthetic_school() {
    let bench = Workbench::new();
    bench.init();
    let summary = bench
        .as_counselor(&[
            "demo-data",
            "--students",
            "30",
            "--years",
            "1",
            "--seed",
            "3",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(summary["students"], 30);
    let list = bench
        .as_counselor(&["student", "list", "--json"])
        .ok()
        .json();
    assert_eq!(list.as_array().expect("array").len(), 30);
    bench.as_counselor(&["verify"]).ok();
}

#[test]
fn a_warning_file_is_opened_followed_up_listed_on_the_dashboard_and_closed() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("2024001", "张三");
    let reason = bench.file("reason.txt", "班主任反映近两周情绪低落");
    let ten_days_ago = (chrono::Local::now().date_naive() - chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let opened = bench
        .as_counselor(&[
            "file",
            "open",
            "--student-no",
            "2024001",
            "--level",
            "2",
            "--category",
            "学业压力",
            "--reason-file",
            &reason,
            "--date",
            &ten_days_ago,
        ])
        .ok();
    assert!(opened.stdout.starts_with("已建档"), "{opened:?}");
    assert!(
        !opened.stdout.contains("情绪低落") && !opened.stderr.contains("情绪低落"),
        "no note is echoed"
    );

    let files = bench.as_counselor(&["file", "list", "--json"]).ok().json();
    let file = &files.as_array().unwrap()[0];
    assert_eq!(file["student_no"], "2024001");
    assert_eq!(file["name"], "张三");
    assert_eq!(file["level_name"], "二级");
    assert_eq!(file["status"], "active");
    assert_eq!(file["overdue"], true, "二级 weekly, opened ten days ago");
    assert_eq!(file["categories"][0], "学业压力");
    let id = file["id"].as_str().unwrap().to_owned();

    let dash = bench.as_counselor(&["dashboard", "--json"]).ok().json();
    assert_eq!(dash["overdue"].as_array().unwrap().len(), 1);
    assert_eq!(dash["open_by_level"][1]["open"], 1);

    let content = bench.file("note.txt", "面谈：睡眠好转，愿意参加社团");
    bench
        .as_counselor(&[
            "file",
            "follow-up",
            &id,
            "--mode",
            "面谈",
            "--content-file",
            &content,
        ])
        .ok();
    let dash = bench.as_counselor(&["dashboard", "--json"]).ok().json();
    assert!(dash["overdue"].as_array().unwrap().is_empty());
    let text = bench.as_counselor(&["dashboard"]).ok().stdout;
    assert!(text.contains("逾期未跟踪 (overdue)：0"), "{text}");

    let shown = bench.as_counselor(&["file", "show", &id]).ok().stdout;
    assert!(
        shown.contains("跟踪记录") && shown.contains("睡眠好转"),
        "{shown}"
    );
    let shown = bench
        .as_counselor(&["file", "show", &id, "--json"])
        .ok()
        .json();
    assert_eq!(shown["events"].as_array().unwrap().len(), 2);

    bench
        .as_counselor(&[
            "file",
            "follow-up",
            &id,
            "--mode",
            "写信",
            "--content-file",
            &content,
        ])
        .fails_with("跟踪方式");
    bench
        .as_counselor(&["file", "close", &id, "--reason", "情况稳定"])
        .ok();
    assert!(
        bench
            .as_counselor(&["file", "list", "--json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
    let all = bench
        .as_counselor(&["file", "list", "--all", "--json"])
        .ok()
        .json();
    assert_eq!(all[0]["status_label"], "已解除");
    bench
        .as_counselor(&[
            "file",
            "follow-up",
            &id,
            "--mode",
            "电话",
            "--content-file",
            &content,
        ])
        .fails_with("重新开启");
}

#[test]
fn sessions_and_group_sessions_logged_from_the_command_line_count_in_the_figures() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("2024001", "张三");
    let notes = bench.file(
        "notes.txt",
        "当前状况：近期考试失利\n主要问题：考试焦虑\n评估：中等\n对策：放松训练\n",
    );
    let added = bench
        .as_counselor(&[
            "session",
            "add",
            "--student-no",
            "2024001",
            "--date",
            "2026-10-09",
            "--start",
            "15:30",
            "--minutes",
            "40",
            "--notes-file",
            &notes,
            "--risk",
            "denied",
            "--sign",
        ])
        .ok();
    assert!(
        added.stdout.contains("第 1 次") && added.stdout.contains("已签名"),
        "{added:?}"
    );
    assert!(!added.stdout.contains("考试焦虑"), "no note text is echoed");
    let flagged = bench
        .as_counselor(&[
            "session",
            "add",
            "--walk-in",
            "七年级女生",
            "--date",
            "2026-10-10",
            "--start",
            "12:10",
            "--minutes",
            "20",
            "--notes-file",
            &notes,
            "--risk",
            "thoughts",
        ])
        .ok();
    assert!(flagged.stderr.contains("危机干预"), "{flagged:?}");
    bench
        .as_counselor(&[
            "group",
            "add",
            "--date",
            "2026-10-15",
            "--topic",
            "考前减压",
            "--grade",
            "九年级",
            "--facilitator",
            "李老师",
            "--participants",
            "45",
        ])
        .ok();
    bench
        .as_counselor(&[
            "group",
            "add",
            "--date",
            "2027-02-01",
            "--topic",
            "新学期适应",
            "--facilitator",
            "李老师",
            "--participants",
            "30",
        ])
        .ok();

    let stats = bench
        .as_counselor(&[
            "stats",
            "--from",
            "2026-09-01",
            "--to",
            "2027-01-20",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(stats["individual_sessions"], 2);
    assert_eq!(stats["students_served"], 1);
    assert_eq!(stats["group_sessions"], 1);
    assert_eq!(stats["group_participants"], 45);
    for key in [
        "hotline_referrals",
        "trainings",
        "training_hours",
        "activities",
        "activity_participants",
    ] {
        assert_eq!(stats[key].as_f64(), Some(0.0), "{key}");
    }
    let text = bench
        .as_counselor(&["stats", "--from", "2026-09-01", "--to", "2027-01-20"])
        .ok()
        .stdout;
    assert!(text.contains("团体辅导（次）"), "{text}");

    let list = bench
        .as_counselor(&["session", "list", "--json"])
        .ok()
        .json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["student"], "七年级女生", "newest first");
    assert_eq!(list[1]["locked"], true);
    bench
        .as_counselor(&["stats", "--from", "2027-01-20", "--to", "2026-09-01"])
        .fails_with("结束日期早于开始日期");
    bench
        .as_counselor(&[
            "session",
            "add",
            "--student-no",
            "2024001",
            "--start",
            "9点",
            "--minutes",
            "30",
            "--notes-file",
            &notes,
        ])
        .fails_with("HH:MM");
}

#[test]
fn a_letter_submitted_without_a_passphrase_is_answered_and_read_back_with_its_code() {
    let bench = Workbench::new();
    bench.init();
    let letter = bench.file("letter.txt", "老师，我最近总是睡不着，活着没意思。");
    let vault = bench.vault_arg();
    let sent = bench
        .run(&[
            "--vault",
            &vault,
            "mailbox",
            "submit",
            "--text-file",
            &letter,
        ])
        .ok();
    let code = sent.stdout.trim().to_owned();
    assert_eq!(sent.stdout.lines().count(), 1, "only the code: {sent:?}");
    assert_eq!(
        code.chars().filter(|c| c.is_ascii_alphanumeric()).count(),
        12
    );
    assert!(
        sent.stderr.contains("12356"),
        "hotlines after an urgent letter: {sent:?}"
    );
    let none = bench
        .run(&["--vault", &vault, "mailbox", "read-reply", "--code", &code])
        .ok();
    assert!(none.stdout.contains("还没有回信"), "{none:?}");

    let inbox = bench
        .as_counselor(&["mailbox", "list", "--json"])
        .ok()
        .json();
    let first = &inbox[0];
    assert_eq!(first["urgent"], true);
    assert_eq!(first["status"], "unread");
    let date = first["date"].as_str().unwrap();
    assert_eq!(date.len(), 10, "a day, no time: {date}");
    let id = first["id"].as_str().unwrap().to_owned();
    let shown = bench.as_counselor(&["mailbox", "show", &id]).ok().stdout;
    assert!(
        shown.contains("紧急") && shown.contains("睡不着"),
        "{shown}"
    );
    let reply = bench.file(
        "reply.txt",
        "谢谢你告诉老师。明天午休来心理辅导室找我好吗？",
    );
    bench
        .as_counselor(&["mailbox", "reply", &id, "--text-file", &reply])
        .ok();

    let read = bench
        .run(&["--vault", &vault, "mailbox", "read-reply", "--code", &code])
        .ok();
    assert!(read.stdout.contains("明天午休"), "{read:?}");
    let wrong = bench
        .run(&[
            "--vault",
            &vault,
            "mailbox",
            "read-reply",
            "--code",
            "AAAA-BBBB-CCCC",
        ])
        .ok();
    assert!(
        wrong.stdout.contains("还没有回信"),
        "a wrong code reveals nothing: {wrong:?}"
    );
}

#[test]
fn a_campaign_imports_phq9_responses_and_the_review_list_puts_item_9_first() {
    let bench = Workbench::new();
    bench.init();
    bench.add_student("2024001", "张三");
    bench.add_student("2024002", "李四");
    bench
        .as_counselor(&[
            "screening",
            "campaign",
            "add",
            "--name",
            "2026秋季测评",
            "--instrument",
            "phq9",
            "--grades",
            "七年级",
            "--from",
            "2026-10-08",
        ])
        .ok();
    let mut csv = String::from("学号,姓名");
    for i in 1..=9 {
        csv.push_str(&format!(",第{i}题"));
    }
    csv.push_str("\n2024001,张三,2,2,2,2,2,2,1,1,0\n2024002,李四,0,0,0,0,0,0,0,0,1\n2099999,无此人,0,0,0,0,0,0,0,0,0\n");
    let file = bench.file("phq9.csv", &csv);
    let dry = bench
        .as_counselor(&[
            "screening",
            "import",
            "--campaign",
            "2026秋季测评",
            "--instrument",
            "phq9",
            &file,
            "--dry-run",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(dry["imported"], 2);
    assert_eq!(dry["committed"], false);
    assert_eq!(dry["unmatched"][0]["row"], 4);
    bench
        .as_counselor(&[
            "screening",
            "import",
            "--campaign",
            "2026秋季测评",
            "--instrument",
            "phq9",
            &file,
        ])
        .ok();
    let list = bench
        .as_counselor(&[
            "screening",
            "review-list",
            "--campaign",
            "2026秋季测评",
            "--json",
        ])
        .ok()
        .json();
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["student_no"], "2024002");
    assert_eq!(rows[0]["critical"], true);
    assert_eq!(rows[0]["instrument"], "phq9");
    assert_eq!(rows[0]["total"], 1);
    assert_eq!(rows[1]["total"], 14);
    assert_eq!(rows[1]["band"], "中度");
    assert!(rows[1]["decision"].is_null());

    let bad = bench.file(
        "bad.csv",
        &csv.replace("2,2,2,2,2,2,1,1,0", "2,2,2,2,9,2,1,1,0"),
    );
    bench
        .as_counselor(&[
            "screening",
            "import",
            "--campaign",
            "2026秋季测评",
            "--instrument",
            "phq9",
            &bad,
        ])
        .fails_with("未导入任何结果");
}
