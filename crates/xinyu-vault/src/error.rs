//! The one error type of the vault, with messages that read "中文 (English)".
//! No message ever carries record content, a key, a passphrase or a code.

use crate::key::{KeyClass, KeyVersion};

/// A `Result` whose error is the vault's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while deriving keys, wrapping them, or sealing and opening data.
///
/// Match on the variant (the desktop shell maps each to a stable code); the `Display` text is a
/// ready-made "中文 (English)" sentence for logs and command-line tools.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are shorter than the smallest valid value of their format.
    #[error(
        "数据不完整：{len} 字节，至少需要 {min_len} 字节 \
         (data truncated: {len} bytes, at least {min_len} needed)"
    )]
    Truncated {
        /// How many bytes were given.
        len: usize,
        /// The smallest valid length.
        min_len: usize,
    },

    /// The bytes do not start with the envelope magic `XY`: they are not a Xinyu record.
    #[error("不是心语加密记录 (not a Xinyu encrypted record)")]
    NotAnEnvelope,

    /// The data was written in a format version this build does not know (written by a newer
    /// Xinyu, or damaged).
    #[error(
        "数据格式版本 {version} 无法识别，请升级心语 \
         (unknown format version {version}: update Xinyu)"
    )]
    UnknownFormat {
        /// The format version found in the data.
        version: u8,
    },

    /// The header names a key class code this build does not know.
    #[error("未知的数据类别代码 {code} (unknown key class code {code})")]
    UnknownKeyClass {
        /// The key class code found in the header.
        code: u8,
    },

    /// The caller offered a key for one class and version, but the record was sealed under
    /// another.
    #[error(
        "密钥与记录不匹配：提供的是 {expected_class} {expected_version}，记录需要 \
         {found_class} {found_version} (wrong key: got {expected_class} {expected_version}, \
         the record needs {found_class} {found_version})"
    )]
    WrongKey {
        /// The class of the key the caller offered.
        expected_class: KeyClass,
        /// The version of the key the caller offered.
        expected_version: KeyVersion,
        /// The class named in the record's header.
        found_class: KeyClass,
        /// The key version named in the record's header.
        found_version: KeyVersion,
    },

    /// The keyring holds no key of this class at all: this user's role does not read or write
    /// this kind of record.
    #[error(
        "没有此类数据（{class}）的密钥，无权访问 (no {class} key: not accessible to this role)"
    )]
    ClassUnavailable {
        /// The class asked for.
        class: KeyClass,
    },

    /// The keyring holds keys of the class, but not the version the record was sealed under
    /// (a retired key version, or a record from a rekey this keyring has not caught up with).
    #[error(
        "没有打开此记录所需的密钥版本（{class} {version}） \
         (no key to open this record: {class} {version})"
    )]
    KeyUnavailable {
        /// The class named in the record's header.
        class: KeyClass,
        /// The key version named in the record's header.
        version: KeyVersion,
    },

    /// Authentication failed: the ciphertext, its header or the row it is bound to changed
    /// since it was sealed (or the key is not the one it was sealed with).
    #[error("记录已被篡改或移动，无法解密 (record was altered or moved and cannot be decrypted)")]
    Tampered,

    /// The cipher refused to seal the data (only possible for absurdly large inputs).
    #[error("加密失败：数据过大（{len} 字节） (encryption failed: {len} bytes is too large)")]
    SealFailed {
        /// The length of the data that could not be sealed.
        len: usize,
    },

    /// A key wrapped under a passphrase (or recovery code) did not open: the passphrase is
    /// wrong, or the wrapped key belongs to another user, class or version.
    #[error("口令不正确 (wrong passphrase)")]
    WrongPassphrase,

    /// A key wrapped under another data key did not open: wrong wrapping key, or the wrapped
    /// key belongs to another holder, class or version.
    #[error(
        "密钥无法解开：包装密钥不对，或数据已被改动 \
         (key could not be unwrapped: wrong wrapping key, or the wrapped key was altered)"
    )]
    UnwrapFailed,

    /// A wrapped key does not have the fixed layout of its format.
    #[error("密钥数据已损坏（{len} 字节） (wrapped key is damaged: {len} bytes)")]
    WrappedKeyMalformed {
        /// How many bytes were given.
        len: usize,
    },

    /// Argon2id parameters are below the vault's minimum (64 MiB, one pass, one lane) or above
    /// its sanity limits.
    #[error(
        "密钥派生参数超出允许范围（内存 {m_cost_kib} KiB，迭代 {t_cost}，并行 {p_cost}） \
         (key derivation parameters out of range: m={m_cost_kib} KiB, t={t_cost}, p={p_cost})"
    )]
    KdfParamsOutOfRange {
        /// Memory cost in KiB.
        m_cost_kib: u32,
        /// Number of passes.
        t_cost: u32,
        /// Degree of parallelism.
        p_cost: u32,
    },

    /// Argon2id itself failed (for instance it could not allocate its memory).
    #[error("密钥派生失败：{reason} (key derivation failed: {reason})")]
    Kdf {
        /// The Argon2 implementation's own description of the failure.
        reason: String,
    },

    /// A recovery code has the wrong number of characters, or a character outside its
    /// alphabet.
    #[error(
        "恢复码有误：应为 {expected_chars} 位字母和数字，请核对后重新输入 \
         (recovery code mistyped: {expected_chars} letters and digits expected; check and retype)"
    )]
    RecoveryCodeMalformed {
        /// How many letters and digits a recovery code has (dashes and spaces aside).
        expected_chars: usize,
    },

    /// A recovery code is well formed but its check characters do not match: a character was
    /// mistyped or two were swapped.
    #[error("恢复码有误，请核对后重新输入 (recovery code mistyped: check and retype)")]
    RecoveryCodeChecksum,

    /// A pickup code has the wrong number of characters, or a character outside its alphabet.
    #[error(
        "取信码有误：应为 {expected_chars} 位字母和数字，请核对后重新输入 \
         (pickup code mistyped: {expected_chars} letters and digits expected; check and retype)"
    )]
    PickupCodeMalformed {
        /// How many letters and digits a pickup code has (dashes and spaces aside).
        expected_chars: usize,
    },

    /// A reply did not open with the key derived from the pickup code: the code is wrong, or
    /// the reply was altered or belongs to another letter thread.
    #[error("取信码不正确，或回信已损坏 (wrong pickup code, or the reply was damaged)")]
    WrongPickupCode,

    /// A letter thread locator is not 64 hexadecimal digits.
    #[error("信件编号格式有误 (letter thread locator malformed)")]
    LocatorMalformed,

    /// A sealed letter did not open with this mailbox's key: it was sealed to another mailbox,
    /// or damaged.
    #[error(
        "信件无法解密：不是投给本信箱的，或已损坏 \
         (letter cannot be opened: sealed to another mailbox, or damaged)"
    )]
    LetterUnreadable,
}
