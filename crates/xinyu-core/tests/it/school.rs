//! The school most tests start from: 示例实验中学's vault in a folder of its own, set up by the
//! counselor 李老师 on a clock that moves only when a test moves it, with the students and
//! staff accounts a test asks for.
//!
//! ```ignore
//! let mut s = School::builder()
//!     .on(day(2026, 3, 2))
//!     .students(&[ZHANG_SAN, LI_SI])
//!     .teacher()
//!     .build();
//! s.vault.casework()?.open_warning_file(…);
//! s.clock.advance(Duration::days(7));
//! ```

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use xinyu_core::roster::StudentInput;
use xinyu_core::{KdfParams, ManualClock, NewVault, Role, Vault};

pub const SCHOOL_NAME: &str = "示例实验中学";
/// The full-time counselor (专职心理教师) who set the vault up.
pub const COUNSELOR: &str = "李老师";
pub const PASS: &str = "春风化雨润物无声2026";
/// A part-time psychology teacher, added by [`SchoolBuilder::teacher`].
pub const TEACHER: &str = "周老师";
pub const TEACHER_PASS: &str = "兼职心理老师口令2026";
/// The principal, added by [`SchoolBuilder::principal`].
pub const PRINCIPAL: &str = "王校长";
pub const PRINCIPAL_PASS: &str = "校长办公室的口令2026";

/// A student as the roster has them: 学号, 姓名, 年级, 班级.
pub type Pupil<'a> = (&'a str, &'a str, &'a str, &'a str);

pub const ZHANG_SAN: Pupil = ("2024001", "张三", "七年级", "3班");
pub const LI_SI: Pupil = ("2024002", "李四", "七年级", "4班");
pub const WANG_WU: Pupil = ("2023001", "王五", "八年级", "1班");

/// The first passphrase a creator gives a new account in these tests.
pub const FIRST_PASS: &str = "管理员设定的初始口令";

/// Add an account as a counselor would, all the way to holding its keys: created pending with
/// [`FIRST_PASS`], its user sets `passphrase`, then [`COUNSELOR`] (unlocked again at the end)
/// approves it after comparing its fingerprint. Returns its id.
pub fn enrol(vault: &mut Vault, name: &str, role: Role, passphrase: &str) -> String {
    let id = vault
        .accounts()
        .expect("unlocked")
        .add_user(name, role, FIRST_PASS)
        .expect("staff account")
        .id;
    vault.lock().expect("lock");
    vault.unlock(name, FIRST_PASS).expect("first unlock");
    vault
        .accounts()
        .expect("unlocked")
        .change_passphrase(FIRST_PASS, passphrase)
        .expect("own passphrase");
    vault.lock().expect("lock");
    vault.unlock(COUNSELOR, PASS).expect("counselor");
    let fingerprint = fingerprint_of(vault, name);
    vault
        .accounts()
        .expect("unlocked")
        .approve(&id, &fingerprint)
        .expect("approve");
    id
}

/// The key fingerprint of the account called `name`, as its user's screen shows it.
pub fn fingerprint_of(vault: &Vault, name: &str) -> String {
    vault
        .account_list()
        .expect("accounts")
        .into_iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no account {name}"))
        .fingerprint
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The error code of a result that should have failed (a result whose value has no `Debug`,
/// as narratives never print, cannot use `unwrap_err`).
pub fn code<T>(r: xinyu_core::Result<T>) -> &'static str {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.code(),
    }
}

/// The vault's database opened beside the API, as anyone holding the file could: to count
/// rows, look at what is stored, or tamper with it.
pub fn store(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(xinyu_core::store::DB_FILE)).expect("open the store")
}

/// A school whose vault is set up and unlocked as [`COUNSELOR`].
///
/// When destructuring, bind the folder (`dir: _dir`): `dir: _` or `..` would delete it at once,
/// under the open vault.
pub struct School {
    /// The vault's folder, removed when the school is dropped.
    pub dir: tempfile::TempDir,
    pub vault: Vault,
    /// The vault's clock: `advance` it to let days pass.
    pub clock: ManualClock,
    /// The recovery code shown once at set-up.
    pub recovery_code: String,
    /// The ids of the students asked for, in the order they were given.
    pub students: Vec<String>,
}

impl School {
    pub fn builder() -> SchoolBuilder {
        SchoolBuilder {
            at: day(2026, 3, 1).and_hms_opt(8, 0, 0).expect("time"),
            idle_lock: false,
            teacher: false,
            principal: false,
            students: Vec::new(),
        }
    }

    /// The vault opened again on the school's folder and clock, locked: the kiosk PC, another
    /// window, or the app after a restart.
    pub fn reopen(&self) -> Vault {
        Vault::open_with_clock(self.dir.path(), Arc::new(self.clock.clone())).expect("reopen")
    }

    /// The id of the staff account called `name`.
    pub fn user_id(&self, name: &str) -> String {
        self.vault
            .users()
            .expect("users")
            .into_iter()
            .find(|u| u.name == name)
            .unwrap_or_else(|| panic!("no account {name}"))
            .id
    }
}

pub struct SchoolBuilder {
    at: NaiveDateTime,
    idle_lock: bool,
    teacher: bool,
    principal: bool,
    students: Vec<StudentInput>,
}

impl SchoolBuilder {
    /// Set up on `date` at 08:00 (UTC). Without it: 2026-03-01.
    pub fn on(self, date: NaiveDate) -> Self {
        self.at(date.and_hms_opt(8, 0, 0).expect("time"))
    }

    /// Set up at this moment (UTC).
    pub fn at(mut self, at: NaiveDateTime) -> Self {
        self.at = at;
        self
    }

    /// Keep the vault's own idle lock (10 minutes). Without it the idle lock is turned off,
    /// since days pass in most tests and the lock would (rightly) close the vault in between.
    pub fn keep_idle_lock(mut self) -> Self {
        self.idle_lock = true;
        self
    }

    /// Add [`TEACHER`], a part-time psychology teacher.
    pub fn teacher(mut self) -> Self {
        self.teacher = true;
        self
    }

    /// Add [`PRINCIPAL`].
    pub fn principal(mut self) -> Self {
        self.principal = true;
        self
    }

    /// Add these students to the roster, in this order, after the staff accounts.
    pub fn students(mut self, list: &[Pupil]) -> Self {
        self.students.extend(
            list.iter()
                .map(|&(no, name, grade, class)| StudentInput::new(no, name, grade, class)),
        );
        self
    }

    pub fn build(self) -> School {
        let dir = tempfile::tempdir().expect("tempdir");
        let clock = ManualClock::new(Utc.from_utc_datetime(&self.at));
        let (mut vault, code) = Vault::create_with_clock(
            dir.path(),
            NewVault {
                school_name: SCHOOL_NAME,
                user_name: COUNSELOR,
                passphrase: PASS,
                kdf: KdfParams::for_tests(),
            },
            Arc::new(clock.clone()),
        )
        .expect("create the vault");
        if !self.idle_lock {
            vault
                .accounts()
                .expect("unlocked")
                .set_idle_lock_minutes(0)
                .expect("idle lock off");
        }
        let staff = [
            (self.teacher, TEACHER, Role::Teacher, TEACHER_PASS),
            (self.principal, PRINCIPAL, Role::Principal, PRINCIPAL_PASS),
        ];
        for (wanted, name, role, passphrase) in staff {
            if wanted {
                enrol(&mut vault, name, role, passphrase);
            }
        }
        let students = self
            .students
            .into_iter()
            .map(|input| {
                vault
                    .roster()
                    .expect("unlocked")
                    .add_student(input)
                    .expect("student")
                    .id
            })
            .collect();
        School {
            dir,
            vault,
            clock,
            recovery_code: code.to_string(),
            students,
        }
    }
}
