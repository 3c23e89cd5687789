// 悄悄话信箱 in the workbench: the inbox in the backend's order with its crisis banner (never any
// letter text), a letter with its crisis words, thread and reply, the handling controls, the
// counselor's link to a warning file, and typing in a paper letter.
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElSelect, ElSwitch } from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend, type LetterSummary, type LetterView } from '@/api'
import { today } from '@/shared/dates'
import { listItem, student, studentPage, summary } from './casework'
import { letTimePass, mockBackend, mountApp, staff, vaultStatus, type MockBackend, rejection } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

function letter(overrides: Partial<LetterSummary> = {}): LetterSummary {
  return {
    id: 'letter-1',
    date: '2026-03-02',
    source: 'kiosk',
    urgent: false,
    status: 'unread',
    category: '',
    signed_as: '',
    thread_letters: 1,
    linked_file: null,
    ...overrides,
  }
}

const urgentKiosk = letter({ id: 'letter-urgent', urgent: true, date: '2026-03-03', thread_letters: 2 })
const paperRead = letter({ id: 'letter-paper', source: 'paper', status: 'read', category: '人际', signed_as: '小树', date: '2026-03-01' })
const replied = letter({ id: 'letter-replied', status: 'replied', category: '学业', date: '2026-02-20' })
const archived = letter({ id: 'letter-archived', status: 'archived', date: '2026-02-10' })

function view(overrides: Partial<LetterView> = {}, s: Partial<LetterSummary> = {}): LetterView {
  return {
    summary: letter({ status: 'read', ...s }),
    text: '最近考试没考好，有时候觉得不想活了。',
    matched_terms: ['不想活'],
    thread: [],
    posted_reply: null,
    ...overrides,
  }
}

async function openLetter(backend: MockBackend, v: LetterView) {
  backend.readLetter.mockResolvedValue(v)
  return mountApp(`/mailbox/${v.summary.id}`, backend)
}

function select(w: VueWrapper, testid: string) {
  const found = w.findAllComponents(ElSelect).find((c) => c.attributes('data-testid') === testid)
  if (!found) throw new Error(`no select ${testid}`)
  return found
}

describe('inbox', () => {
  it('lists the letters in the backend order with date, 紧急, status, source, category, signature and thread', async () => {
    const backend = mockBackend()
    backend.mailboxInbox.mockResolvedValue([urgentKiosk, paperRead, replied, archived])
    const { wrapper } = await mountApp('/mailbox', backend)

    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('悄悄话信箱')
    expect(wrapper.get('[data-testid="mailbox-count"]').text()).toBe('共 4 封来信')
    const rows = wrapper.findAll('[data-testid="letter-row"]')
    // Archived letters are hidden by default.
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['2026年3月3日', '紧急', '未读', '信箱终端', '未分类', '—', '共 2 封', '—'],
      ['2026年3月1日', '', '已读', '纸质', '人际', '小树', '—', '—'],
      ['2026年2月20日', '', '已回复', '信箱终端', '学业', '—', '—', '—'],
    ])
    expect(rows[0]!.find('[data-testid="letter-urgent"]').exists()).toBe(true)
    expect(rows[1]!.find('[data-testid="letter-urgent"]').exists()).toBe(false)
    expect(rows[0]!.get('[data-testid="letter-open"]').attributes('href')).toBe('/mailbox/letter-urgent')

    select(wrapper, 'mailbox-filter-status').vm.$emit('update:modelValue', 'all')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="letter-row"]')).toHaveLength(4)
    wrapper.unmount()
  })

  it('an unread urgent letter raises the crisis banner with the protocol, and no letter text', async () => {
    const backend = mockBackend()
    backend.mailboxInbox.mockResolvedValue([urgentKiosk, paperRead])
    const { wrapper } = await mountApp('/mailbox', backend)

    const banner = wrapper.get('[data-testid="mailbox-crisis-banner"]')
    expect(banner.text()).toContain('有 1 封紧急来信还没有阅读')
    expect(banner.text()).toContain('确保学生安全')
    expect(banner.text()).toContain('当面通知班主任、监护人、校长')
    expect(banner.text()).toContain('120 / 110')
    expect(banner.text()).toContain('记录通知时间')
    expect(backend.readLetter).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('no banner once the urgent letters are read', async () => {
    const backend = mockBackend()
    backend.mailboxInbox.mockResolvedValue([{ ...urgentKiosk, status: 'read' }, paperRead])
    const { wrapper } = await mountApp('/mailbox', backend)

    expect(wrapper.find('[data-testid="mailbox-crisis-banner"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="letter-urgent"]')).toHaveLength(1)
    wrapper.unmount()
  })

  it('a row opens its letter', async () => {
    const backend = mockBackend()
    backend.mailboxInbox.mockResolvedValue([urgentKiosk])
    backend.readLetter.mockResolvedValue(view({}, { id: 'letter-urgent', urgent: true }))
    const { wrapper, router } = await mountApp('/mailbox', backend)

    await wrapper.get('[data-testid="letter-row"] td:nth-child(4)').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/mailbox/letter-urgent')
    expect(backend.readLetter).toHaveBeenCalledWith('letter-urgent')
    wrapper.unmount()
  })

  it('with no letters, says how letters arrive', async () => {
    const { wrapper } = await mountApp('/mailbox')

    expect(wrapper.get('[data-testid="mailbox-empty"]').text()).toContain('录入纸质来信')
    expect(wrapper.get('[data-testid="mailbox-empty"]').text()).toContain('信箱模式')
    wrapper.unmount()
  })

  it('other roles are told the letters are not theirs, and nothing is asked', async () => {
    for (const user of [staff.teacher, staff.principal, staff.admin]) {
      const backend = mockBackend(vaultStatus(user))
      const { wrapper } = await mountApp('/mailbox', backend)
      expect(wrapper.get('[data-testid="mailbox-not-yours"]').text()).toContain('只有专职心理教师能阅读')
      expect(wrapper.find('[data-testid="paper-letter-new"]').exists()).toBe(false)
      expect(backend.mailboxInbox).not.toHaveBeenCalled()
      wrapper.unmount()
    }
  })

  it('a teacher cannot open a letter by its address', async () => {
    const backend = mockBackend(vaultStatus(staff.teacher))
    const { router, wrapper } = await mountApp('/mailbox/letter-1', backend)
    expect(router.currentRoute.value.path).not.toBe('/mailbox/letter-1')
    expect(backend.readLetter).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('a failure is explained', async () => {
    const backend = mockBackend()
    backend.mailboxInbox.mockRejectedValue({ code: 'storage', message: 'disk' })
    const { wrapper } = await mountApp('/mailbox', backend)
    expect(wrapper.get('[data-testid="mailbox-error"]').text()).toContain('数据库读写失败')
    wrapper.unmount()
  })
})

describe('paper letters', () => {
  it('录入纸质来信 types in a letter with its day, signature, category and urgency', async () => {
    const backend = mockBackend()
    backend.addPaperLetter.mockResolvedValue(paperRead)
    const { wrapper } = await mountApp('/mailbox', backend)

    await wrapper.get('[data-testid="paper-letter-new"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="paper-submit"]').attributes('disabled')).toBeDefined()
    expect((wrapper.get('[data-testid="paper-received-on"] input').element as HTMLInputElement).value).toBe(today())
    await wrapper.get('[data-testid="paper-text"]').setValue('老师，我和同桌吵架了，怎么和好？')
    const day = wrapper.get('[data-testid="paper-received-on"] input')
    await day.setValue('2026-03-01')
    await day.trigger('keydown', { key: 'Enter', code: 'Enter' })
    await wrapper.get('[data-testid="paper-signed-as"]').setValue(' 小树 ')
    select(wrapper, 'paper-category').vm.$emit('update:modelValue', '人际')
    await wrapper.get('[data-testid="paper-urgent"] input').setValue(true)
    await flushPromises()

    backend.mailboxInbox.mockResolvedValue([paperRead])
    await wrapper.get('[data-testid="paper-submit"]').trigger('click')
    await flushPromises()

    expect(backend.addPaperLetter).toHaveBeenCalledWith({
      text: '老师，我和同桌吵架了，怎么和好？',
      received_on: '2026-03-01',
      signed_as: '小树',
      category: '人际',
      urgent: true,
    })
    expect(wrapper.get('[data-testid="mailbox-saved"]').text()).toBe('纸质来信已录入。')
    expect(backend.mailboxInbox).toHaveBeenCalledTimes(2)
    expect(wrapper.findAll('[data-testid="letter-row"]')).toHaveLength(1)
    wrapper.unmount()
  })

  it('a refusal stays in the dialog', async () => {
    const backend = mockBackend()
    backend.addPaperLetter.mockRejectedValue(rejection('invalid', { field: 'letter', problem: { code: 'required' } }))
    const { wrapper } = await mountApp('/mailbox', backend)

    await wrapper.get('[data-testid="paper-letter-new"]').trigger('click')
    await wrapper.get('[data-testid="paper-text"]').setValue('x')
    await wrapper.get('[data-testid="paper-submit"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="paper-error"]').text()).toBe('信的内容：不能为空')
    wrapper.unmount()
  })
})

describe('a letter', () => {
  it('shows the text with its crisis words marked and listed, and the crisis protocol', async () => {
    const backend = mockBackend()
    const { wrapper } = await openLetter(backend, view({}, { urgent: true }))

    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('来信 · 2026年3月2日')
    expect(wrapper.get('[data-testid="letter-urgent"]').text()).toBe('紧急')
    expect(wrapper.get('[data-testid="letter-status"]').text()).toBe('已读')
    const text = wrapper.get('[data-testid="letter-text"]')
    expect(text.text()).toBe('最近考试没考好，有时候觉得不想活了。')
    expect(text.findAll('mark').map((m) => m.text())).toEqual(['不想活'])
    expect(wrapper.get('[data-testid="letter-terms"]').text()).toBe('含危机词：不想活')
    expect(wrapper.get('[data-testid="letter-crisis-protocol"]').text()).toContain('当面通知班主任、监护人、校长')
    wrapper.unmount()
  })

  it('a kiosk letter shows its thread, and a reply is sent for its code', async () => {
    const backend = mockBackend()
    const thread = view({
      text: '上次的事好多了',
      matched_terms: [],
      thread: [
        { date: '2026-02-20', from_student: true, text: '我和同桌吵架了' },
        { date: '2026-02-22', from_student: false, text: '谢谢你写信，下周二可以来聊聊' },
        { date: '2026-03-02', from_student: true, text: '上次的事好多了' },
      ],
    }, { thread_letters: 2 })
    const { wrapper } = await openLetter(backend, thread)

    expect(wrapper.find('[data-testid="letter-terms"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="letter-crisis-protocol"]').exists()).toBe(false)
    const messages = wrapper.findAll('[data-testid="thread-message"]')
    expect(messages.map((m) => m.text())).toEqual([
      expect.stringContaining('学生来信 · 2026年2月20日'),
      expect.stringContaining('回信 · 2026年2月22日'),
      expect.stringContaining('（本信）'),
    ])
    expect(wrapper.find('[data-testid="letter-posted-where"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="letter-reply-submit"]').attributes('disabled')).toBeDefined()

    await wrapper.get('[data-testid="letter-reply-text"]').setValue('  真为你高兴！  ')
    backend.readLetter.mockResolvedValue({ ...thread, summary: { ...thread.summary, status: 'replied' } })
    await wrapper.get('[data-testid="letter-reply-submit"]').trigger('click')
    await flushPromises()

    expect(backend.replyLetter).toHaveBeenCalledWith('letter-1', '真为你高兴！', '')
    expect(wrapper.get('[data-testid="letter-replied"]').text()).toBe('回信已保存。')
    expect(wrapper.get('[data-testid="letter-status"]').text()).toBe('已回复')
    expect((wrapper.get('[data-testid="letter-reply-text"]').element as HTMLTextAreaElement).value).toBe('')
    wrapper.unmount()
  })

  it('a paper letter asks where the reply is posted, and shows the posted reply', async () => {
    const backend = mockBackend()
    const paper = view({ matched_terms: [], text: '怎么和好？' }, { source: 'paper', signed_as: '小树' })
    const { wrapper } = await openLetter(backend, paper)

    expect(wrapper.get('[data-testid="letter-signed-as"]').text()).toBe('小树')
    await wrapper.get('[data-testid="letter-reply-text"]').setValue('先说一声对不起试试')
    expect(wrapper.get('[data-testid="letter-reply-submit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="letter-posted-where"]').setValue('心理角公告栏')

    backend.readLetter.mockResolvedValue({
      ...paper,
      summary: { ...paper.summary, status: 'replied' },
      posted_reply: { text: '先说一声对不起试试', posted_where: '心理角公告栏', posted_on: '2026-03-03' },
    })
    await wrapper.get('[data-testid="letter-reply-submit"]').trigger('click')
    await flushPromises()

    expect(backend.replyLetter).toHaveBeenCalledWith('letter-1', '先说一声对不起试试', '心理角公告栏')
    const posted = wrapper.get('[data-testid="letter-posted-reply"]')
    expect(posted.text()).toContain('2026年3月3日 · 张贴于心理角公告栏')
    expect(posted.text()).toContain('先说一声对不起试试')
    wrapper.unmount()
  })

  it('category, urgency and archiving are saved at once', async () => {
    const backend = mockBackend()
    const { wrapper } = await openLetter(backend, view({}, { urgent: true, category: '' }))

    select(wrapper, 'letter-category').vm.$emit('update:modelValue', '情绪')
    await flushPromises()
    expect(backend.updateLetter).toHaveBeenLastCalledWith('letter-1', 'read', '情绪', true)
    expect(wrapper.get('[data-testid="letter-handling-result"]').text()).toBe('已保存。')

    const toggle = wrapper.findAllComponents(ElSwitch).find((c) => c.attributes('data-testid') === 'letter-urgent-toggle')!
    toggle.vm.$emit('update:modelValue', false)
    await flushPromises()
    expect(backend.updateLetter).toHaveBeenLastCalledWith('letter-1', 'read', '情绪', false)
    expect(wrapper.find('[data-testid="letter-urgent"]').exists()).toBe(false)

    await wrapper.get('[data-testid="letter-archive"]').trigger('click')
    await flushPromises()
    expect(backend.updateLetter).toHaveBeenLastCalledWith('letter-1', 'archived', '情绪', false)
    expect(wrapper.get('[data-testid="letter-status"]').text()).toBe('已归档')
    expect(wrapper.get('[data-testid="letter-archive"]').text()).toBe('取消归档')

    await wrapper.get('[data-testid="letter-archive"]').trigger('click')
    await flushPromises()
    expect(backend.updateLetter).toHaveBeenLastCalledWith('letter-1', 'read', '情绪', false)
    wrapper.unmount()
  })

  it('links the letter to a student’s open warning file, with the note on anonymity, and unlinks', async () => {
    const backend = mockBackend()
    backend.searchStudents.mockResolvedValue([student])
    backend.getStudentPage.mockResolvedValue(
      studentPage({ files: [listItem({ id: 'file-open' }), listItem({ id: 'file-closed', status: 'closed', closed_on: '2026-01-01' })] }),
    )
    const { wrapper } = await openLetter(backend, view())

    expect(wrapper.get('[data-testid="letter-link-note"]').text()).toContain('来信是匿名的')
    await wrapper.get('[data-testid="letter-link-file"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="letter-link-submit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="letter-link-search"]').setValue('张')
    await wrapper.get('[data-testid="letter-link-search-submit"]').trigger('click')
    await flushPromises()
    expect(backend.searchStudents).toHaveBeenCalledWith('张', 8)

    await wrapper.get('[data-testid="letter-link-student"]').trigger('click')
    await flushPromises()
    expect(backend.getStudentPage).toHaveBeenCalledWith(student.id)
    // Only the open file is offered, and being the only one it is chosen.
    expect(wrapper.findAll('[data-testid="letter-link-file-option"]')).toHaveLength(1)
    await wrapper.get('[data-testid="letter-link-submit"]').trigger('click')
    await flushPromises()

    expect(backend.linkLetter).toHaveBeenCalledWith('letter-1', 'file-open')
    expect(wrapper.get('[data-testid="letter-linked"]').attributes('href')).toBe('/warning-files/file-open')
    expect(wrapper.get('[data-testid="letter-handling-result"]').text()).toBe('已关联预警档案。')

    await wrapper.get('[data-testid="letter-unlink"]').trigger('click')
    await flushPromises()
    expect(backend.linkLetter).toHaveBeenLastCalledWith('letter-1', null)
    expect(wrapper.find('[data-testid="letter-linked"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="letter-link-file"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('a student with no open file is said so', async () => {
    const backend = mockBackend()
    backend.searchStudents.mockResolvedValue([student])
    backend.getStudentPage.mockResolvedValue(studentPage({ files: [listItem({ status: 'closed' })] }))
    const { wrapper } = await openLetter(backend, view())

    await wrapper.get('[data-testid="letter-link-file"]').trigger('click')
    await wrapper.get('[data-testid="letter-link-search"]').setValue('张')
    await wrapper.get('[data-testid="letter-link-search"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    await wrapper.get('[data-testid="letter-link-student"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="letter-link-no-file"]').text()).toContain('没有未解除的预警档案')
    expect(wrapper.get('[data-testid="letter-link-submit"]').attributes('disabled')).toBeDefined()
    wrapper.unmount()
  })

  it('a letter that cannot be opened says so', async () => {
    const backend = mockBackend()
    backend.readLetter.mockRejectedValue(rejection('not_found', { kind: 'letter' }))
    const { wrapper } = await mountApp('/mailbox/gone', backend)
    expect(wrapper.get('[data-testid="letter-error"]').text()).toContain('找不到该来信')
    wrapper.unmount()
  })

  it('the linked file keeps the summary of the letter linked', async () => {
    const backend = mockBackend()
    const { wrapper } = await openLetter(backend, view({}, { linked_file: summary().id }))
    expect(wrapper.get('[data-testid="letter-linked"]').attributes('href')).toBe(`/warning-files/${summary().id}`)
    wrapper.unmount()
  })
})

describe('an unsaved reply', () => {
  it('leaving asks first; 继续写 stays with the reply kept', async () => {
    const backend = mockBackend()
    const { wrapper, router } = await openLetter(backend, view())

    await wrapper.get('[data-testid="letter-reply-text"]').setValue('写了一半')
    void router.push('/mailbox')
    await flushPromises()
    const box = document.querySelector('.el-message-box')
    expect(box?.textContent).toContain('回信还没有保存')
    const stay = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((b) => b.textContent?.includes('继续写'))!
    await letTimePass(50, () => stay.click())
    expect(router.currentRoute.value.path).toBe('/mailbox/letter-1')
    expect((wrapper.get('[data-testid="letter-reply-text"]').element as HTMLTextAreaElement).value).toBe('写了一半')
    wrapper.unmount()
  })
})
