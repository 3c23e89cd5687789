// Simplified Chinese, the default language — the shell: product name, navigation, privacy screen, the gate (set-up, lock, recovery), words every page shares (common, roles) (the backend's errors are in errors/).
// en.ts beside it has exactly the same keys (the type checker and tests/locales.test.ts check it);
// app/messages.ts merges every feature's strings into one message tree.
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
  common: {
    retry: '重试',
    cancel: '取消',
    backToSettings: '返回设置',
    none: '—',
  },
  roles: {
    counselor: '专职心理教师',
    teacher: '兼职心理教师',
    principal: '校长',
    admin: '信息管理员',
  },
  gate: {
    loading: '正在打开数据保险箱…',
    errorTitle: '无法打开数据保险箱',
  },
  passphrase: {
    rule: '至少 10 个字符，可以是一句好记的话',
    tooShort: '还差 {n} 个字符',
    mismatch: '两次输入的口令不一致',
    strengthLabel: '口令强度：',
    strength: {
      weak: '弱',
      medium: '中',
      strong: '强',
    },
  },
  setup: {
    title: '初始设置',
    intro: '第一次使用心语：为本校建立数据保险箱。所有记录都加密保存在这台电脑上。',
    steps: {
      school: '学校',
      counselor: '专职心理教师',
      recovery: '恢复码',
    },
    schoolName: '学校名称',
    schoolPlaceholder: '例如：第一中学',
    schoolHint: '显示在锁定界面和打印的文件上。',
    counselorIntro: '第一位用户是专职心理教师。其他老师之后可以在「设置 › 用户管理」中添加。',
    userName: '姓名',
    userNamePlaceholder: '例如：王老师',
    passphrase: '口令',
    passphraseConfirm: '确认口令',
    next: '下一步',
    back: '上一步',
    finish: '完成设置',
    working: '正在根据本机性能设置加密强度…',
    workingHint: '这需要几秒钟，请不要关闭程序。',
    recoveryTitle: '恢复码',
    recoveryExplain: '这是恢复码，只显示这一次。请打印后交校长保管在保险柜中。忘记口令时，用它重设口令。',
    print: '打印',
    confirmLabel: '请输入恢复码的最后一组，确认您已打印或抄下',
    confirmPlaceholder: '最后一组，不区分大小写',
    confirmMismatch: '与恢复码的最后一组不一致，请核对',
    done: '我已妥善保存',
    printTitle: '心语 · 数据保险箱恢复码',
    printSchool: '学校：{school}',
    printDate: '打印日期：{date}',
    printKeeper: '保管人签名：',
    printAdvice: '请将本页保管在保险柜中，不要拍照或存放在电脑里。',
  },
  lock: {
    title: '心语',
    locked: '数据保险箱已锁定',
    chooseUser: '选择用户',
    passphrase: '口令',
    submit: '解锁',
    forgot: '忘记口令？',
    idleNotice: '因长时间未操作，已自动锁定。',
    noUsers: '还没有任何用户，请联系信息管理员。',
    recovered: '口令已重设，请用新口令解锁。',
  },
  recover: {
    title: '用恢复码重设口令',
    intro: '恢复码在初始设置时打印，一般由校长保管。',
    user: '用户',
    code: '恢复码',
    codePlaceholder: '例如：7K2QM-X9D4R-…（不区分大小写）',
    newPassphrase: '新口令',
    confirm: '确认新口令',
    submit: '重设口令',
  },
  unreadable: {
    withLink: '有 {n} 条记录无法打开（可能被改动或密钥已失效）。请到 {link} 查看。',
    withoutLink: '有 {n} 条记录无法打开（可能被改动或密钥已失效）。请告知专职心理教师或信息管理员。',
    link: '设置 › 数据完整性',
  },
  topBar: {
    lock: '锁定',
    lockHint: '立即锁定数据保险箱，离开电脑时使用',
    currentUser: '当前用户',
  },
}

export type AppMessages = typeof zhCN

export default zhCN
