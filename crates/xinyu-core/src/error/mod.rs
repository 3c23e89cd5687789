//! The core's typed errors. Each carries a stable code and typed details (which field, what is
//! wrong, which deed was refused, which kind of record) — never prose for the UI to parse. The
//! UI words them from its own locale files (zh-CN, en); the `Display` text here, plain Chinese
//! then English, is what the CLI prints. Never a name or a note.

mod command;
mod problem;
mod words;

pub use command::{CommandError, ErrorDetails, ErrorVocabulary};
pub use problem::{Existing, ExistingCode, Problem, ProblemCode};
pub use words::{Deed, Field, Kind};

use crate::Role;

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything the core can refuse or fail at.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No vault exists in the folder yet.
    #[error("这里还没有数据保险箱，请先完成初始设置 (no vault here yet: run the set-up first)")]
    NotInitialized,
    /// A vault already exists in the folder.
    #[error("这里已经有一个数据保险箱，不能重复创建 (a vault already exists here)")]
    AlreadyInitialized,
    /// The vault is locked; nothing can be read until someone unlocks it.
    #[error("数据保险箱已锁定，请先解锁 (the vault is locked: unlock it first)")]
    Locked,
    /// The keys were rotated (in another window or by the CLI) since this user unlocked: the
    /// write is refused so that nothing is sealed under a key the rotation retires.
    #[error(
        "密钥已在另一个窗口或命令行中更换，本次没有保存：请锁定后重新解锁，再保存一次 \
         (the keys were rotated elsewhere: nothing was saved; lock, unlock again and save again)"
    )]
    StaleKeys,
    /// Another window or process holds the vault open, so a rekey or a migration (which must
    /// run alone) was refused and nothing was changed.
    #[error(
        "保险箱正被另一个窗口或程序使用。请先关闭其他心语窗口和命令行，再执行此操作 \
         (the vault is in use by another window or program: close the other Xinyu windows and \
         command lines, then do this again)"
    )]
    VaultInUse,
    /// The account is disabled.
    #[error("该账户已停用，请联系专职心理教师 (this account is disabled: ask the counselor)")]
    AccountDisabled,
    /// No account has this name.
    #[error("没有这个用户，请检查姓名 (no such user: check the name)")]
    UnknownUser,
    /// An account with this name already exists.
    #[error("已有同名用户，请换一个名字 (a user with this name already exists)")]
    DuplicateUser,
    /// The passphrase is wrong; nothing was changed.
    #[error("口令不正确，请重新输入 (wrong passphrase: try again)")]
    WrongPassphrase,
    /// Too many wrong passphrases: wait before trying again.
    #[error(
        "口令错误次数过多，请 {wait_seconds} 秒后再试 \
         (too many wrong passphrases: wait {wait_seconds} s)"
    )]
    TooManyAttempts {
        /// Seconds until the next attempt is accepted.
        wait_seconds: u64,
    },
    /// A new passphrase is too short.
    #[error("口令至少需要 {min} 个字符 (the passphrase needs at least {min} characters)")]
    WeakPassphrase {
        /// The minimum length in characters.
        min: usize,
    },
    /// The recovery code is mistyped or is not this vault's.
    #[error("恢复码不正确，请核对后重新输入 (the recovery code is wrong: check and retype it)")]
    WrongRecoveryCode,
    /// The acting user's role may not do this.
    #[error(
        "您的角色（{}）无权{} (your role ({}) may not {})",
        role.label(),
        deed.zh(),
        role.as_str(),
        deed.en()
    )]
    Forbidden {
        /// The acting role.
        role: Role,
        /// What was attempted.
        deed: Deed,
    },
    /// The role reads this kind of data, but the account has not been given its key yet: a new
    /// account receives its keys when a counselor approves it.
    #[error(
        "您的账户还没有获得这类数据的密钥，请等专职心理教师批准您的账户后再试 \
         (keys not granted yet: a counselor must approve the account first)"
    )]
    KeysPending,
    /// An input field is missing or malformed.
    #[error("{}", invalid_text(*.field, .problem))]
    Invalid {
        /// The field, as the form labels it.
        field: Field,
        /// What is wrong with it.
        problem: Problem,
    },
    /// A record was not found (or is not visible to this user).
    #[error("找不到该{}，可能已被删除 (no such {})", kind.zh(), kind.en())]
    NotFound {
        /// The kind of record.
        kind: Kind,
    },
    /// A record with the same key already exists.
    #[error("{}已存在 ({} already exists)", what.text().0, what.text().1)]
    Duplicate {
        /// What already exists.
        what: Existing,
    },
    /// A stored record failed to decrypt: it was altered, moved, or its key is gone.
    #[error("{}记录 {id} 无法解密：{source}", kind.zh())]
    Undecryptable {
        /// The kind of record.
        kind: Kind,
        /// Its id (never its content).
        id: String,
        /// Why.
        source: xinyu_vault::Error,
    },
    /// The database could not be read or written.
    #[error(
        "数据库读写失败（{operation}），请检查磁盘空间后重试 \
         (storage error during {operation}: {detail})"
    )]
    Storage {
        /// What the core was doing.
        operation: &'static str,
        /// The database's own message (never record content).
        detail: String,
    },
    /// A cryptographic step failed.
    #[error("{0}")]
    Crypto(#[from] xinyu_vault::Error),
    /// An unexpected internal failure; the detail is for the log, not the screen.
    #[error("程序内部出错，请重试；若仍出错请联系信息管理员 (internal error: {detail})")]
    Internal {
        /// What failed, without any record content.
        detail: String,
    },
}

/// `字段：问题 (field: problem)`, as the CLI prints an [`Error::Invalid`].
fn invalid_text(field: Field, problem: &Problem) -> String {
    let (zh, en) = problem.text();
    if en.is_empty() {
        // A file's own error already says it in both languages.
        format!("{}：{zh}", field.zh())
    } else {
        format!("{}：{zh} ({}: {en})", field.zh(), field.en())
    }
}

impl Error {
    /// An [`Error::Invalid`] for `field`.
    pub fn invalid(field: Field, problem: Problem) -> Self {
        Error::Invalid { field, problem }
    }

    /// A storage error while doing `operation`.
    pub(crate) fn storage(operation: &'static str, e: impl std::fmt::Display) -> Self {
        Error::Storage {
            operation,
            detail: e.to_string(),
        }
    }

    /// Every code [`Error::code`] can return.
    pub const CODES: &'static [&'static str] = &[
        "not_initialized",
        "already_initialized",
        "locked",
        "unknown_user",
        "account_disabled",
        "stale_keys",
        "vault_in_use",
        "duplicate_user",
        "wrong_passphrase",
        "too_many_attempts",
        "weak_passphrase",
        "wrong_recovery_code",
        "forbidden",
        "keys_pending",
        "invalid",
        "not_found",
        "duplicate",
        "tampered",
        "storage",
        "crypto",
        "internal",
    ];

    /// A stable machine-readable code; the UI maps it to its own text and never parses messages.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotInitialized => "not_initialized",
            Error::AlreadyInitialized => "already_initialized",
            Error::Locked => "locked",
            Error::UnknownUser => "unknown_user",
            Error::AccountDisabled => "account_disabled",
            Error::StaleKeys => "stale_keys",
            Error::VaultInUse => "vault_in_use",
            Error::DuplicateUser => "duplicate_user",
            Error::WrongPassphrase => "wrong_passphrase",
            Error::TooManyAttempts { .. } => "too_many_attempts",
            Error::WeakPassphrase { .. } => "weak_passphrase",
            Error::WrongRecoveryCode => "wrong_recovery_code",
            Error::Forbidden { .. } => "forbidden",
            Error::KeysPending => "keys_pending",
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Duplicate { .. } => "duplicate",
            Error::Undecryptable { .. } => "tampered",
            Error::Storage { .. } => "storage",
            Error::Crypto(xinyu_vault::Error::Tampered) => "tampered",
            Error::Crypto(_) => "crypto",
            Error::Internal { .. } => "internal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_error_reaches_the_ui_with_a_stable_code_and_chinese_text() {
        let e: CommandError = Error::Internal {
            detail: "disk full".into(),
        }
        .into();
        assert_eq!(e.code, "internal");
        assert!(e.message.starts_with("程序内部出错"));
    }

    #[test]
    fn a_tampered_record_says_so_in_chinese_and_names_only_its_id() {
        let e: CommandError = Error::Undecryptable {
            kind: Kind::Student,
            id: "abc123".into(),
            source: xinyu_vault::Error::Tampered,
        }
        .into();
        assert_eq!(e.code, "tampered");
        assert!(e.message.contains("abc123"), "{}", e.message);
        assert!(e.message.contains("篡改"), "{}", e.message);
    }
}
