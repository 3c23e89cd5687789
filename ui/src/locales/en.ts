// English, the second language: the same keys as zh-CN.ts, every one translated.
import type { MessageSchema } from './zh-CN'

const en: MessageSchema = {
  app: {
    name: 'Xinyu',
    tagline: 'Counseling room workbench',
  },
  nav: {
    label: 'Main navigation',
    dashboard: 'Dashboard',
    students: 'Students',
    warningFiles: 'Warning files',
    sessions: 'Sessions',
    mailbox: 'Whisper mailbox',
    screening: 'Screening',
    reports: 'Reports',
    settings: 'Settings',
  },
  comingSoon: {
    badge: 'Coming soon',
    descriptions: {
      dashboard: 'Start the day here: follow-ups due today or overdue, new whisper-mailbox letters and screening results waiting for review.',
      students: 'Import the school roster, find any student at once by name, student number, class or pinyin initials, and see each student’s timeline and one-student-one-plan growth file.',
      warningFiles: 'Open warning files for students who need close attention, with levels, follow-ups, referrals, parent contacts, home visits and crisis events, and reminders when a follow-up is due.',
      sessions: 'Record one-to-one and group sessions, locked once signed and amended only by dated addenda, plus hotline referrals, teacher training and activities.',
      mailbox: 'Type in the paper letters from the box, or open the kiosk so students can write anonymously and read replies with a pickup code; letters with crisis words go straight to the top.',
      screening: 'Run screening campaigns each term with informed consent, score the instruments, and put critical items and results that need attention on a review list for a counselor.',
      reports: 'Produce the principal’s brief, case files, parent notices, referral forms and annual work statistics as PDF or Excel, and send de-identified totals to the district.',
    },
  },
  privacy: {
    button: 'Hide screen',
    buttonHint: 'Blank the whole window at once (or press Esc twice)',
    message: 'Screen hidden · press any key or click to return',
  },
  settings: {
    title: 'Settings',
    language: 'Language',
    languageHint: 'Takes effect at once and is kept for next time.',
    languages: {
      zhCN: '中文',
      en: 'English',
    },
    about: 'About Xinyu',
    aboutHint: 'Product name, core version and data format version.',
  },
  about: {
    title: 'About Xinyu',
    back: 'Back to settings',
    productName: 'Product name',
    coreVersion: 'Core version',
    formatVersion: 'Data format version',
    loading: 'Reading version information…',
    retry: 'Try again',
  },
  errors: {
    generic: 'Something went wrong: {message}. Please try again; if it keeps happening, contact your IT administrator.',
    codes: {
      internal: 'An internal error occurred. Please try again; if it keeps happening, contact your IT administrator.',
      no_backend: 'This page must be opened in the Xinyu desktop app; a browser cannot read the data.',
    },
  },
}

export default en
