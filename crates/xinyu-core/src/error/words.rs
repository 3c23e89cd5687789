//! The fixed words an error is built from: which form field, which deed a role was refused,
//! which kind of record. Each is a stable code for the UI (which words it in its own locale
//! files) and a Chinese and English label for the CLI's messages.

use serde::Serialize;
use ts_rs::TS;

/// Declares a fieldless enum whose variants each have a code, a Chinese and an English label.
macro_rules! words {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $zh:literal, $en:literal), )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )*
        }

        impl $name {
            /// Every value, for the UI's check that each has a text in both languages.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable code the UI looks up.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// The Chinese label, for the CLI.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh,)* }
            }

            /// The English label, for the CLI's echo.
            pub fn en(self) -> &'static str {
                match self { $($name::$variant => $en,)* }
            }
        }
    };
}

words! {
    /// The form field an [`Invalid`](crate::Error::Invalid) error concerns, as the form labels it.
    pub enum Field {
        /// 学校名称.
        SchoolName = ("school_name", "学校名称", "school name"),
        /// 姓名.
        Name = ("name", "姓名", "name"),
        /// 学号.
        StudentNo = ("student_no", "学号", "student number"),
        /// 年级.
        Grade = ("grade", "年级", "grade"),
        /// 班级.
        Class = ("class", "班级", "class"),
        /// 学生.
        Student = ("student", "学生", "student"),
        /// 自动锁定.
        AutoLock = ("auto_lock", "自动锁定", "auto-lock"),
        /// 账户.
        Account = ("account", "账户", "account"),
        /// 密钥指纹.
        Fingerprint = ("fingerprint", "密钥指纹", "key fingerprint"),
        /// 花名册文件.
        RosterFile = ("roster_file", "花名册文件", "roster file"),
        /// 预警档案.
        WarningFile = ("warning_file", "预警档案", "warning file"),
        /// 建档原因.
        FileReason = ("file_reason", "建档原因", "reason for the file"),
        /// 关注等级.
        Levels = ("levels", "关注等级", "levels of attention"),
        /// 等级名称.
        LevelName = ("level_name", "等级名称", "level name"),
        /// 档案类别.
        Categories = ("categories", "档案类别", "categories"),
        /// 调整原因.
        ChangeReason = ("change_reason", "调整原因", "reason for the change"),
        /// 原因.
        Reason = ("reason", "原因", "reason"),
        /// 跟踪内容.
        FollowUpContent = ("follow_up_content", "跟踪内容", "follow-up"),
        /// 沟通对象.
        ContactPerson = ("contact_person", "沟通对象", "person contacted"),
        /// 沟通内容.
        ContactContent = ("contact_content", "沟通内容", "what was discussed"),
        /// 家访人员.
        Visitors = ("visitors", "家访人员", "visitors"),
        /// 家访内容.
        VisitContent = ("visit_content", "家访内容", "home visit notes"),
        /// 转介机构.
        ReferralInstitution = ("referral_institution", "转介机构", "institution"),
        /// 转介原因.
        ReferralReason = ("referral_reason", "转介原因", "reason for referral"),
        /// 告知人.
        InformedBy = ("informed_by", "告知人", "who told the family"),
        /// 告知方式.
        InformMethod = ("inform_method", "告知方式", "how the family was told"),
        /// 反馈来源.
        FeedbackSource = ("feedback_source", "反馈来源", "source of feedback"),
        /// 反馈内容.
        FeedbackContent = ("feedback_content", "反馈内容", "feedback"),
        /// 评估内容.
        Assessment = ("assessment", "评估内容", "assessment"),
        /// 事件经过.
        CrisisAccount = ("crisis_account", "事件经过", "what happened"),
        /// 发生地点.
        Place = ("place", "发生地点", "place"),
        /// 确保安全.
        SafetyEnsured = ("safety_ensured", "确保安全", "safety"),
        /// 通知记录.
        Notifications = ("notifications", "通知记录", "notifications"),
        /// 负责人.
        Owner = ("owner", "负责人", "owner"),
        /// 共享给.
        SharedWith = ("shared_with", "共享给", "shared with"),
        /// 目标 (一生一策).
        Goals = ("goals", "目标", "goals"),
        /// 责任人 (一生一策).
        Responsible = ("responsible", "责任人", "person responsible"),
        /// 辅导记录.
        Note = ("note", "辅导记录", "session note"),
        /// 主要问题.
        MainConcern = ("main_concern", "主要问题", "main concern"),
        /// 时长.
        Duration = ("duration", "时长", "duration"),
        /// 来访者称呼.
        VisitorLabel = ("visitor_label", "来访者称呼", "visitor's label"),
        /// 补充记录.
        Addendum = ("addendum", "补充记录", "addendum"),
        /// 补充内容.
        AddendumText = ("addendum_text", "补充内容", "addendum text"),
        /// 活动名称.
        ActivityName = ("activity_name", "活动名称", "activity"),
        /// 活动类型.
        ActivityKind = ("activity_kind", "活动类型", "kind of activity"),
        /// 主题.
        Topic = ("topic", "主题", "topic"),
        /// 带领者.
        Leader = ("leader", "带领者", "leader"),
        /// 参与人员.
        Participants = ("participants", "参与人员", "participants"),
        /// 咨询主题.
        ConsultTopic = ("consult_topic", "咨询主题", "consultation topic"),
        /// 提供的热线.
        HotlinesGiven = ("hotlines_given", "提供的热线", "hotlines given"),
        /// 培训名称.
        TrainingName = ("training_name", "培训名称", "training"),
        /// 学时.
        Hours = ("hours", "学时", "hours"),
        /// 张贴位置.
        PosterPlace = ("poster_place", "张贴位置", "where it was posted"),
        /// 统计时段.
        Period = ("period", "统计时段", "period"),
        /// 悄悄话信箱.
        Mailbox = ("mailbox", "悄悄话信箱", "whisper mailbox"),
        /// 信的内容.
        Letter = ("letter", "信的内容", "letter"),
        /// 取信码.
        PickupCode = ("pickup_code", "取信码", "pickup code"),
        /// 回信内容.
        Reply = ("reply", "回信内容", "reply"),
        /// 危机关键词.
        CrisisTerms = ("crisis_terms", "危机关键词", "crisis words"),
        /// 量表.
        Instrument = ("instrument", "量表", "instrument"),
        /// 量表定义.
        InstrumentDefinition = ("instrument_definition", "量表定义", "instrument definition"),
        /// 测评文件.
        ScreeningFile = ("screening_file", "测评文件", "screening file"),
        /// 结束日期.
        EndDate = ("end_date", "结束日期", "end date"),
        /// 关注阈值.
        Threshold = ("threshold", "关注阈值", "review threshold"),
        /// 复核结果.
        ReviewOutcome = ("review_outcome", "复核结果", "review outcome"),
    }
}

words! {
    /// What a role was refused, in a [`Forbidden`](crate::Error::Forbidden) error.
    pub enum Deed {
        /// 添加用户.
        AddUser = ("add_user", "添加用户", "add users"),
        /// 批准账户.
        ApproveUser = ("approve_user", "批准账户", "approve accounts"),
        /// 停用账户.
        DisableUser = ("disable_user", "停用账户", "disable accounts"),
        /// 启用账户.
        EnableUser = ("enable_user", "启用账户", "enable accounts"),
        /// 删除账户.
        RemoveUser = ("remove_user", "删除账户", "remove accounts"),
        /// 修改自动锁定时间.
        SetAutoLock = ("set_auto_lock", "修改自动锁定时间", "change the auto-lock"),
        /// 更换密钥.
        Rekey = ("rekey", "更换密钥", "change the keys"),
        /// 查看访问日志.
        ViewAccessLog = ("view_access_log", "查看访问日志", "read the access log"),
        /// 检查访问日志.
        CheckAccessLog = ("check_access_log", "检查访问日志", "check the access log"),
        /// 生成演示数据.
        GenerateDemo = ("generate_demo", "生成演示数据", "generate demo data"),
        /// 退出信箱模式.
        LeaveKiosk = ("leave_kiosk", "退出信箱模式", "leave mailbox mode"),
        /// 添加学生.
        AddStudent = ("add_student", "添加学生", "add students"),
        /// 查看学生.
        ViewStudent = ("view_student", "查看学生", "view students"),
        /// 查看学生名单.
        ViewRoster = ("view_roster", "查看学生名单", "view the roster"),
        /// 导入学生名单.
        ImportRoster = ("import_roster", "导入学生名单", "import the roster"),
        /// 升级学年.
        RollOver = ("roll_over", "升级学年", "move to the next school year"),
        /// 修改学籍状态.
        ChangeEnrolment = ("change_enrolment", "修改学籍状态", "change enrolment status"),
        /// 建立预警档案.
        OpenFile = ("open_file", "建立预警档案", "open warning files"),
        /// 查看预警档案.
        ViewFiles = ("view_files", "查看预警档案", "view warning files"),
        /// 调整关注等级.
        ChangeLevel = ("change_level", "调整关注等级", "change the level"),
        /// 更改档案状态.
        ChangeFileStatus = ("change_file_status", "更改档案状态", "change a file's status"),
        /// 记录跟踪.
        RecordFollowUp = ("record_follow_up", "记录跟踪", "record follow-ups"),
        /// 记录转介.
        RecordReferral = ("record_referral", "记录转介", "record referrals"),
        /// 记录转介反馈.
        RecordFeedback = ("record_feedback", "记录转介反馈", "record referral feedback"),
        /// 记录家校沟通.
        RecordContact = ("record_contact", "记录家校沟通", "record contacts with parents"),
        /// 记录家访.
        RecordHomeVisit = ("record_home_visit", "记录家访", "record home visits"),
        /// 查看跟踪记录.
        ViewFollowUps = ("view_follow_ups", "查看跟踪记录", "view follow-ups"),
        /// 记录复学评估.
        RecordReturn = ("record_return", "记录复学评估", "record return assessments"),
        /// 记录危机事件.
        RecordCrisis = ("record_crisis", "记录危机事件", "record crisis events"),
        /// 分配或共享档案.
        AssignFile = ("assign_file", "分配或共享档案", "assign or share files"),
        /// 查看一生一策.
        ViewPlan = ("view_plan", "查看一生一策", "view support plans"),
        /// 编写一生一策.
        WritePlan = ("write_plan", "编写一生一策", "write support plans"),
        /// 修改关注等级设置.
        SetLevels = ("set_levels", "修改关注等级设置", "change the levels"),
        /// 修改档案类别.
        SetCategories = ("set_categories", "修改档案类别", "change the categories"),
        /// 查看辅导记录.
        ViewNotes = ("view_notes", "查看辅导记录", "read session notes"),
        /// 记录个体辅导.
        WriteNote = ("write_note", "记录个体辅导", "write session notes"),
        /// 修改他人的辅导记录.
        EditOthersNote = ("edit_others_note", "修改他人的辅导记录", "edit another counselor's note"),
        /// 替他人签名.
        SignForOthers = ("sign_for_others", "替他人签名", "sign for someone else"),
        /// 共享他人的辅导记录.
        ShareOthersNote = ("share_others_note", "共享他人的辅导记录", "share another counselor's note"),
        /// 为他人的记录添加补充.
        AddToOthersNote = ("add_to_others_note", "为他人的记录添加补充", "add to another counselor's note"),
        /// 记录工作日志.
        LogWork = ("log_work", "记录工作日志", "log work"),
        /// 查看工作日志.
        ViewWorkLog = ("view_work_log", "查看工作日志", "view the work log"),
        /// 查看工作统计.
        ViewFigures = ("view_figures", "查看工作统计", "view work figures"),
        /// 查看悄悄话信箱.
        ViewInbox = ("view_inbox", "查看悄悄话信箱", "read the whisper mailbox"),
        /// 录入来信.
        EnterLetter = ("enter_letter", "录入来信", "enter letters"),
        /// 处理来信.
        HandleLetter = ("handle_letter", "处理来信", "handle letters"),
        /// 关联来信与预警档案.
        LinkLetter = ("link_letter", "关联来信与预警档案", "link letters to warning files"),
        /// 修改危机关键词.
        SetCrisisTerms = ("set_crisis_terms", "修改危机关键词", "change the crisis words"),
        /// 添加量表.
        AddInstrument = ("add_instrument", "添加量表", "add instruments"),
        /// 查看测评活动.
        ViewCampaigns = ("view_campaigns", "查看测评活动", "view screening campaigns"),
        /// 创建测评活动.
        CreateCampaign = ("create_campaign", "创建测评活动", "create screening campaigns"),
        /// 记录知情同意.
        RecordConsent = ("record_consent", "记录知情同意", "record consent"),
        /// 修改关注阈值.
        SetThreshold = ("set_threshold", "修改关注阈值", "change review thresholds"),
        /// 导入测评结果.
        ImportResults = ("import_results", "导入测评结果", "import screening results"),
        /// 查看测评结果.
        ViewResults = ("view_results", "查看测评结果", "view screening results"),
        /// 查看测评概况.
        ViewScreeningOverview = ("view_screening_overview", "查看测评概况", "view screening overviews"),
        /// 查看筛查关注名单.
        ViewReviewList = ("view_review_list", "查看筛查关注名单", "view the review list"),
        /// 记录复核结果.
        RecordReview = ("record_review", "记录复核结果", "record reviews"),
    }
}

words! {
    /// A kind of record, in [`NotFound`](crate::Error::NotFound) and
    /// [`Undecryptable`](crate::Error::Undecryptable) errors.
    pub enum Kind {
        /// 学生.
        Student = ("student", "学生", "student"),
        /// 预警档案.
        WarningFile = ("warning_file", "预警档案", "warning file"),
        /// 预警档案摘要.
        CaseSummary = ("case_summary", "预警档案摘要", "warning file summary"),
        /// 跟踪记录.
        CaseEvent = ("case_event", "跟踪记录", "follow-up record"),
        /// 一生一策.
        SupportPlan = ("support_plan", "一生一策", "support plan"),
        /// 辅导记录.
        SessionNote = ("session_note", "辅导记录", "session note"),
        /// 辅导记录摘要.
        SessionSummary = ("session_summary", "辅导记录摘要", "session summary"),
        /// 补充记录.
        Addendum = ("addendum", "补充记录", "addendum"),
        /// 工作记录.
        WorkLog = ("work_log", "工作记录", "work log entry"),
        /// 信箱密钥.
        MailboxKey = ("mailbox_key", "信箱密钥", "mailbox key"),
        /// 来信.
        Letter = ("letter", "来信", "letter"),
        /// 来信处理记录.
        LetterState = ("letter_state", "来信处理记录", "letter's handling record"),
        /// 量表.
        Instrument = ("instrument", "量表", "instrument"),
        /// 测评活动.
        Campaign = ("campaign", "测评活动", "screening campaign"),
        /// 测评结果.
        ScreeningResult = ("screening_result", "测评结果", "screening result"),
        /// 测评复核.
        ScreeningReview = ("screening_review", "测评复核", "screening review"),
    }
}
