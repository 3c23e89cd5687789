// Simplified Chinese, the default language: every string the screens show.
// en.ts must have exactly the same keys (a test and the type checker both check it).
const zhCN = {
  app: {
    name: '心语',
    tagline: '心理辅导工作台',
  },
  nav: {
    label: '主导航',
    dashboard: '工作台',
    students: '学生',
    warningFiles: '预警档案',
    sessions: '辅导记录',
    mailbox: '悄悄话信箱',
    screening: '心理测评',
    reports: '报表',
    settings: '设置',
  },
  comingSoon: {
    badge: '即将推出',
    descriptions: {
      dashboard: '每天打开先看这里：今天到期和已逾期的跟踪、新到的悄悄话来信和待复核的测评结果。',
      students: '导入学校花名册，按姓名、学号、班级或拼音首字母即时找到学生，查看每位学生的时间线和一生一策成长档案。',
      warningFiles: '为需要重点关注的学生建立心理预警档案，记录关注等级、跟踪记录、转介、家校沟通、家访和危机事件，并提醒到期的跟踪。',
      sessions: '记录个体辅导和团体辅导，签名后锁定、之后只能添加补充记录，也登记热线转介、教师培训和心理健康活动。',
      mailbox: '录入信箱里的纸质来信，或开启自助投信模式让学生匿名写信、凭取信码阅读回信，含危机词的来信会立即置顶。',
      screening: '在知情同意的前提下按学期组织测评批次，按量表计分，关键条目和需关注的结果进入筛查关注名单，由老师复核。',
      reports: '生成校长简报、个案档案、家长告知书、转介单和年度工作统计，打印 PDF 或导出 Excel，并向区县报送去标识化的汇总数据。',
    },
  },
  privacy: {
    button: '遮挡屏幕',
    buttonHint: '立即遮挡整个窗口（也可连按两次 Esc）',
    message: '屏幕已遮挡 · 按任意键或点击返回',
  },
  settings: {
    title: '设置',
    language: '界面语言',
    languageHint: '选择后立即生效，下次打开仍使用此语言。',
    languages: {
      zhCN: '中文',
      en: 'English',
    },
    about: '关于心语',
    aboutHint: '查看产品名称、核心版本和数据格式版本。',
  },
  about: {
    title: '关于心语',
    back: '返回设置',
    productName: '产品名称',
    coreVersion: '核心版本',
    formatVersion: '数据格式版本',
    loading: '正在读取版本信息…',
    retry: '重试',
  },
  errors: {
    generic: '出错了：{message}，请重试；若仍出错请联系信息管理员',
    codes: {
      internal: '程序内部出错，请重试；若仍出错请联系信息管理员。',
      no_backend: '此页面需要在心语桌面程序中打开，浏览器里无法读取数据。',
    },
  },
}

export type MessageSchema = typeof zhCN

export default zhCN
