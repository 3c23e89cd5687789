//! What is wrong with a field ([`Problem`]) and what already exists ([`Existing`]): codes with
//! parameters, serialized as `{"code": …, "params": {…}}` for the UI's locale files, worded in
//! Chinese and English here for the CLI.

use serde::Serialize;
use ts_rs::TS;
use xinyu_import::{InstrumentProblem, RosterError};

/// What is wrong with a field, in an [`Invalid`](crate::Error::Invalid) error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, strum::EnumDiscriminants)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
#[strum_discriminants(
    name(ProblemCode),
    doc = "The code of a [`Problem`], to list every one.",
    derive(strum::EnumIter, strum::IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
#[non_exhaustive]
pub enum Problem {
    /// Left empty.
    Required,
    /// The auto-lock is longer than allowed.
    AutoLockMax {
        /// Minutes.
        max: u32,
    },
    /// A file that cannot be read as a table.
    File(RosterError),
    /// A screening file without a header the instrument can be read from.
    NoScreeningHeader {
        /// The instrument's short name.
        instrument: String,
        /// How many items it has.
        items: usize,
    },
    /// An instrument definition with these problems.
    Definition {
        /// Every problem found.
        problems: Vec<InstrumentProblem>,
    },
    /// The file is closed (解除): reopen it first.
    FileClosed,
    /// The number of levels is out of range.
    LevelCount {
        /// Fewest.
        min: usize,
        /// Most.
        max: usize,
    },
    /// Two levels share a name.
    RepeatedLevelName,
    /// A follow-up interval out of range.
    FollowUpDays {
        /// Fewest days.
        min: u32,
        /// Most days.
        max: u32,
    },
    /// Open files are at a level being removed.
    LevelInUse,
    /// No such level.
    NoSuchLevel,
    /// A category is too long.
    CategoryTooLong {
        /// Most characters.
        max: usize,
    },
    /// Every category was removed.
    KeepOneCategory,
    /// The student must be known safe and accompanied before a crisis is recorded.
    SafetyFirst,
    /// The homeroom teacher, the guardian and the principal must each be told, with the time.
    NotifyAll,
    /// The owner must be a counselor or a teacher.
    OwnerClinician,
    /// Only counselors and teachers can be shared with.
    ClinicianOnly,
    /// A support plan without a goal.
    NoGoal,
    /// A measure without who is responsible.
    NoResponsible,
    /// A duration out of range.
    Minutes {
        /// Fewest minutes.
        min: u32,
        /// Most minutes.
        max: u32,
    },
    /// The note is signed or older than 48 hours.
    NoteLocked,
    /// A note cannot move to another student.
    OtherStudent,
    /// A draft is edited directly; addenda are for locked notes.
    AddendumOnDraft,
    /// Hours out of range.
    Hours {
        /// Most hours.
        max: u32,
    },
    /// A period or campaign that ends before it starts.
    EndsBeforeStart,
    /// A letter longer than allowed.
    LetterTooLong {
        /// Most characters.
        max: usize,
    },
    /// Not a well-formed pickup code.
    PickupCodeFormat {
        /// Its length.
        length: usize,
    },
    /// The letter contains its own pickup code.
    CodeInLetter,
    /// The mailbox is not set up on this PC yet.
    MailboxNotReady,
    /// Every crisis word was removed.
    KeepOneTerm,
    /// A campaign without an instrument.
    NoInstrument,
    /// The campaign does not use this instrument.
    NotInCampaign {
        /// The instrument's short name.
        instrument: String,
    },
    /// A threshold above the highest total.
    AboveMaxScore {
        /// The highest total.
        max: u32,
    },
    /// A review that opens a file goes through 建立预警档案.
    UseOpenFile,
    /// The account is neither pending nor waiting for its new key to be confirmed.
    NothingToApprove,
    /// The user has not yet replaced the passphrase their creator chose.
    NoOwnPassphrase,
    /// The fingerprint is not the account's key's.
    FingerprintMismatch,
    /// One cannot disable or remove one's own account.
    NotYourself,
    /// The last active counselor cannot be disabled or removed.
    LastCounselor,
    /// Only a disabled account can be enabled.
    NothingToEnable,
}

impl Problem {
    /// The stable code, e.g. `file_closed`.
    pub fn code(&self) -> &'static str {
        ProblemCode::from(self).into()
    }

    /// `(Chinese, English)`, as the CLI prints it.
    pub fn text(&self) -> (String, String) {
        use Problem as P;
        let (zh, en): (&str, &str) = match self {
            P::AutoLockMax { max } => {
                return (format!("最长 {max} 分钟"), format!("at most {max} minutes"));
            }
            P::File(e) => return (e.to_string(), String::new()),
            P::NoScreeningHeader { instrument, items } => {
                return (
                    format!(
                        "没有找到表头：需要“学号”（或“姓名”和“班级”）列，以及 {instrument} 的各题\
                         （如“第1题”…“第{items}题”、Q1…）或“总分”列"
                    ),
                    "no header: need a student-number column, or name and class, and the \
                     item columns or a total"
                        .to_owned(),
                );
            }
            P::Definition { problems } => {
                let zh = problems.iter().map(InstrumentProblem::zh);
                let en = problems.iter().map(InstrumentProblem::en);
                return (
                    zh.collect::<Vec<_>>().join("；"),
                    en.collect::<Vec<_>>().join("; "),
                );
            }
            P::LevelCount { min, max } => {
                return (
                    format!("需要 {min} 到 {max} 个等级"),
                    format!("between {min} and {max} levels"),
                );
            }
            P::FollowUpDays { min, max } => {
                return (
                    format!("跟踪间隔应为 {min} 到 {max} 天"),
                    format!("the interval is {min} to {max} days"),
                );
            }
            P::CategoryTooLong { max } => {
                return (
                    format!("每个类别最多 {max} 个字"),
                    format!("at most {max} characters each"),
                );
            }
            P::Minutes { min, max } => {
                return (
                    format!("时长应为 {min} 到 {max} 分钟"),
                    format!("{min} to {max} minutes"),
                );
            }
            P::Hours { max } => {
                return (
                    format!("学时应在 0 到 {max} 之间"),
                    format!("more than 0, at most {max}"),
                );
            }
            P::LetterTooLong { max } => {
                return (
                    format!("最多 {max} 个字，可以分几封写"),
                    format!("at most {max} characters: write more than one letter"),
                );
            }
            P::PickupCodeFormat { length } => {
                return (
                    format!("取信码应是 {length} 个字母或数字，请核对后再输入"),
                    format!("a pickup code has {length} letters or digits"),
                );
            }
            P::NotInCampaign { instrument } => {
                return (
                    format!("本次测评活动不含量表 {instrument}"),
                    format!("the campaign does not use {instrument}"),
                );
            }
            P::AboveMaxScore { max } => {
                return (
                    format!("阈值不能超过最高分 {max}"),
                    format!("at most {max}"),
                );
            }
            P::Required => ("不能为空", "required"),
            P::FileClosed => (
                "该档案已解除，请先重新开启再记录",
                "the file is closed: reopen it first",
            ),
            P::RepeatedLevelName => ("等级名称不能重复", "level names must differ"),
            P::LevelInUse => (
                "还有未解除的档案处于要删除的等级，请先调整这些档案的等级",
                "open files are at a level you are removing: change their level first",
            ),
            P::NoSuchLevel => ("没有这个关注等级", "no such level"),
            P::KeepOneCategory => ("至少保留一个类别", "keep at least one category"),
            P::SafetyFirst => (
                "请先确认学生已在成人陪伴下处于安全环境",
                "ensure the student is safe and accompanied first",
            ),
            P::NotifyAll => (
                "班主任、监护人、校长都须当面通知并记下时间",
                "the homeroom teacher, the guardian and the principal must each be told, \
                 with the time",
            ),
            P::OwnerClinician => (
                "负责人须是专职心理教师或心理教师",
                "the owner must be a counselor or a teacher",
            ),
            P::ClinicianOnly => (
                "只能共享给心理教师，校长只看摘要",
                "share with counselors or teachers only",
            ),
            P::NoGoal => ("请至少写一个目标", "write at least one goal"),
            P::NoResponsible => (
                "每项措施都要写明责任人",
                "name who is responsible for each measure",
            ),
            P::NoteLocked => (
                "记录已签名或已超过 48 小时，不能再修改，请添加补充记录",
                "the note is locked: add an addendum instead",
            ),
            P::OtherStudent => (
                "不能把记录改到另一位学生名下",
                "a note cannot move to another student",
            ),
            P::AddendumOnDraft => (
                "草稿可以直接修改；签名后才需要补充记录",
                "a draft can still be edited: addenda are for locked notes",
            ),
            P::EndsBeforeStart => ("结束日期早于开始日期", "it ends before it starts"),
            P::CodeInLetter => (
                "信里写了你的取信码。为了保护你，取信码只有你自己知道就好，请把它从信里删掉再发送",
                "your letter contains your pickup code: keep it secret and remove it",
            ),
            P::MailboxNotReady => (
                "信箱尚未启用：请专职心理教师先在本机登录一次",
                "the mailbox is not ready: a counselor must unlock once first",
            ),
            P::KeepOneTerm => ("至少保留一个关键词", "keep at least one term"),
            P::NoInstrument => ("请至少选择一个量表", "choose at least one instrument"),
            P::NothingToApprove => (
                "该账户不需要批准：已经批准过，或已停用",
                "nothing to approve: the account is already approved or disabled",
            ),
            P::NoOwnPassphrase => (
                "该用户还没有设置自己的口令：请让本人先用初始口令登录并修改口令，再批准",
                "the user has not set their own passphrase yet: they must sign in and change it first",
            ),
            P::FingerprintMismatch => (
                "与该账户的密钥指纹不一致，请与本人屏幕上的指纹逐位核对",
                "does not match the account's key: compare it digit by digit with the user's own screen",
            ),
            P::NotYourself => (
                "不能停用或删除自己的账户",
                "you cannot disable or remove your own account",
            ),
            P::LastCounselor => (
                "这是最后一位专职心理教师，不能停用或删除",
                "this is the last counselor: the account cannot be disabled or removed",
            ),
            P::NothingToEnable => (
                "该账户没有停用，无需启用",
                "nothing to enable: the account is not disabled",
            ),
            P::UseOpenFile => (
                "请通过“建立预警档案”完成",
                "open the warning file from the list",
            ),
        };
        (zh.to_owned(), en.to_owned())
    }
}

/// What already exists, in a [`Duplicate`](crate::Error::Duplicate) error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, strum::EnumDiscriminants)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
#[strum_discriminants(
    name(ExistingCode),
    doc = "The code of an [`Existing`], to list every one.",
    derive(strum::EnumIter, strum::IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
#[non_exhaustive]
pub enum Existing {
    /// A student with this 学号.
    StudentNo,
    /// The student's open warning file: adjust its level or record a follow-up there.
    OpenFile,
    /// An instrument with this id.
    Instrument {
        /// The instrument's id.
        id: String,
    },
    /// A campaign with this name.
    Campaign {
        /// The campaign's name.
        name: String,
    },
}

impl Existing {
    /// The stable code, e.g. `open_file`.
    pub fn code(&self) -> &'static str {
        ExistingCode::from(self).into()
    }

    /// `(Chinese, English)`, as the CLI prints it.
    pub fn text(&self) -> (String, String) {
        match self {
            Existing::StudentNo => ("该学号".into(), "this student number".into()),
            Existing::OpenFile => (
                "该学生未解除的预警档案（请在原档案中调整等级或记录跟踪）".into(),
                "the student's open warning file (change its level or record a follow-up there)"
                    .into(),
            ),
            Existing::Instrument { id } => (format!("量表 {id}"), format!("instrument {id}")),
            Existing::Campaign { name } => (
                format!("测评活动“{name}”"),
                format!("the campaign “{name}”"),
            ),
        }
    }
}
