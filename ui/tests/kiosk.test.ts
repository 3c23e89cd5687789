// The whisper mailbox kiosk: write a letter and see the pickup code once; the hotlines at once for
// an urgent letter; read replies with a code (or the same "no reply yet" for a wrong one); the
// 教师入口; and the return to the start, cleared, after two minutes without input.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetKioskBackend, setKioskBackend, type KioskBackend } from '@/api/kiosk'
import KioskApp from '@/features/kiosk/components/KioskApp.vue'
import { kioskI18n, setKioskLocale } from '@/features/kiosk/i18n'
import { IDLE_RESET_MS, IDLE_WARN_MS } from '@/features/kiosk/idle'
import kioskEn from '@/features/kiosk/locales/en'
import kioskZh from '@/features/kiosk/locales/zh-CN'
import { rejection } from './helpers'

type MockKiosk = { [K in keyof KioskBackend]: ReturnType<typeof vi.fn<KioskBackend[K]>> }

function mockKiosk(ready = true): MockKiosk {
  return {
    kioskInfo: vi.fn<KioskBackend['kioskInfo']>().mockResolvedValue({ school_name: '第一中学', ready, fingerprint: ready ? '3F2A-91C0-77E4-0B1D-A95C' : null }),
    kioskSubmit: vi.fn<KioskBackend['kioskSubmit']>().mockResolvedValue({ code: '7K2Q-MX9D-4RTV', urgent: false }),
    kioskReplies: vi.fn<KioskBackend['kioskReplies']>().mockResolvedValue([]),
    leaveKiosk: vi.fn<KioskBackend['leaveKiosk']>().mockResolvedValue(undefined),
  }
}

async function mountKiosk(backend: MockKiosk = mockKiosk()) {
  setKioskBackend(backend)
  const wrapper = mount(KioskApp, { global: { plugins: [kioskI18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, backend }
}

async function click(w: VueWrapper, testid: string): Promise<void> {
  await w.get(`[data-testid="${testid}"]`).trigger('click')
  await flushPromises()
}

async function write(w: VueWrapper, text: string): Promise<void> {
  await click(w, 'kiosk-write')
  await w.get('[data-testid="kiosk-letter"]').setValue(text)
}

beforeEach(() => {
  setKioskLocale('zh-CN')
})

afterEach(() => {
  resetKioskBackend()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('kiosk start', () => {
  it('offers the two choices, says it is anonymous, and names the school', async () => {
    const { wrapper } = await mountKiosk()

    expect(wrapper.get('[data-testid="kiosk-title"]').text()).toBe('第一中学 · 悄悄话信箱')
    expect(wrapper.get('[data-testid="kiosk-write"]').text()).toContain('写一封信')
    expect(wrapper.get('[data-testid="kiosk-read"]').text()).toContain('凭取信码看回信')
    expect(wrapper.get('[data-testid="kiosk-reassurance"]').text()).toBe(
      '匿名，不记录姓名和设备，只记下写信的日期（不记几点），只有心理老师能读。',
    )
    // The helplines are on the home screen at all times, not only after an urgent letter.
    const lines = wrapper.get('[data-testid="kiosk-home-hotlines"]').text()
    expect(lines).toContain('12356')
    expect(lines).toContain('12355')
    expect(wrapper.get('[data-testid="kiosk-fingerprint"]').text()).toBe('信箱密钥 3F2A-91C0-77E4-0B1D-A95C')
    wrapper.unmount()
  })

  it('before a counselor has unlocked once, the write screen says the mailbox is not ready', async () => {
    const { wrapper } = await mountKiosk(mockKiosk(false))

    await click(wrapper, 'kiosk-write')
    expect(wrapper.get('[data-testid="kiosk-not-ready"]').text()).toBe('信箱尚未启用，请心理老师先登录一次。')
    expect(wrapper.find('[data-testid="kiosk-letter"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('switches to English and back', async () => {
    const { wrapper } = await mountKiosk()

    await click(wrapper, 'kiosk-language')
    expect(wrapper.get('[data-testid="kiosk-write"]').text()).toContain('Write a letter')
    expect(document.documentElement.lang).toBe('en')
    await click(wrapper, 'kiosk-language')
    expect(wrapper.get('[data-testid="kiosk-write"]').text()).toContain('写一封信')
    wrapper.unmount()
  })
})

describe('writing a letter', () => {
  it('send is greyed out until something is written', async () => {
    const { wrapper } = await mountKiosk()

    await click(wrapper, 'kiosk-write')
    expect(wrapper.get('[data-testid="kiosk-send"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="kiosk-letter"]').setValue('   ')
    expect(wrapper.get('[data-testid="kiosk-send"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="kiosk-letter"]').setValue('最近和同桌闹别扭了')
    expect(wrapper.get('[data-testid="kiosk-send"]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('shows a spinner while sending, then the code once, in groups; done clears everything', async () => {
    const backend = mockKiosk()
    let answer: (r: { code: string; urgent: boolean }) => void = () => {}
    backend.kioskSubmit.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    const { wrapper } = await mountKiosk(backend)

    await write(wrapper, '最近和同桌闹别扭了，不知道怎么办')
    await wrapper.get('[data-testid="kiosk-send"]').trigger('click')
    await flushPromises()
    expect(backend.kioskSubmit).toHaveBeenCalledWith('最近和同桌闹别扭了，不知道怎么办', null)
    expect(wrapper.find('[data-testid="kiosk-sending"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="kiosk-send"]').text()).toContain('正在投递')
    expect(wrapper.get('[data-testid="kiosk-send"]').attributes('disabled')).toBeDefined()

    answer({ code: '7K2Q-MX9D-4RTV', urgent: false })
    await flushPromises()
    const code = wrapper.get('[data-testid="kiosk-code"]')
    expect(code.findAll('.kiosk-sent__group').map((s) => s.text())).toEqual(['7K2Q', 'MX9D', '4RTV'])
    expect(code.text()).toBe('7K2Q-MX9D-4RTV')
    expect(document.activeElement?.textContent).toContain('信已经投进信箱了')
    expect(wrapper.text()).toContain('只显示这一次')
    expect(wrapper.text()).toContain('抄在纸上')
    expect(wrapper.find('[data-testid="kiosk-hotlines"]').exists()).toBe(false)
    // Nothing of the letter is left on screen once it is sent.
    expect(wrapper.text()).not.toContain('闹别扭')
    expect(document.body.textContent).not.toContain('闹别扭')

    await click(wrapper, 'kiosk-done')
    expect(wrapper.find('[data-testid="kiosk-code"]').exists()).toBe(false)
    expect(document.body.textContent).not.toContain('7K2Q')
    expect(wrapper.find('[data-testid="kiosk-write"]').exists()).toBe(true)

    // Writing again starts blank: no earlier letter or code comes back.
    await click(wrapper, 'kiosk-write')
    expect((wrapper.get('[data-testid="kiosk-letter"]').element as HTMLTextAreaElement).value).toBe('')
    wrapper.unmount()
  })

  it('打印取信条 prints the slip: the code and how to use it, never the letter', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    const { wrapper } = await mountKiosk()

    await write(wrapper, '我想说说考试的事')
    await click(wrapper, 'kiosk-send')
    const slip = wrapper.get('[data-testid="kiosk-slip"]')
    expect(slip.get('[data-testid="kiosk-slip-code"]').text()).toBe('7K2Q - MX9D - 4RTV')
    expect(slip.text()).toContain('凭取信码看回信')
    expect(slip.text()).not.toContain('考试')

    await click(wrapper, 'kiosk-print-slip')
    expect(print).toHaveBeenCalledTimes(1)
    await click(wrapper, 'kiosk-done')
    expect(wrapper.find('[data-testid="kiosk-slip"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('an urgent letter shows the hotlines at once, above the code', async () => {
    const backend = mockKiosk()
    backend.kioskSubmit.mockResolvedValue({ code: 'ABCD-EFGH-JKMN', urgent: true })
    const { wrapper } = await mountKiosk(backend)

    await write(wrapper, '我不想活了')
    await click(wrapper, 'kiosk-send')
    const hotlines = wrapper.get('[data-testid="kiosk-hotlines"]')
    expect(hotlines.text()).toContain('12356')
    expect(hotlines.text()).toContain('心理援助热线')
    expect(hotlines.text()).toContain('12355')
    expect(hotlines.text()).toContain('青少年服务台')
    expect(hotlines.text()).toContain('你也可以现在就去心理辅导室找老师')
    const order = hotlines.element.compareDocumentPosition(wrapper.get('[data-testid="kiosk-code"]').element)
    expect(order & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    wrapper.unmount()
  })

  it('continues an earlier letter with its code (typed loosely), and shows no new code', async () => {
    const backend = mockKiosk()
    backend.kioskSubmit.mockResolvedValue({ code: null, urgent: false })
    const { wrapper } = await mountKiosk(backend)

    await write(wrapper, '上次说的事情好多了')
    await wrapper.get('[data-testid="kiosk-continue"]').setValue(true)
    expect(wrapper.get('[data-testid="kiosk-send"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="kiosk-code-existing"]').setValue('7k2q mx9d-4rt')
    expect(wrapper.get('[data-testid="kiosk-code-existing-count"]').text()).toContain('已输入 11 / 12 位')
    expect(wrapper.get('[data-testid="kiosk-send"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="kiosk-code-existing"]').setValue('7k2q mx9d-4rtv')
    await click(wrapper, 'kiosk-send')

    expect(backend.kioskSubmit).toHaveBeenCalledWith('上次说的事情好多了', '7K2QMX9D4RTV')
    expect(wrapper.find('[data-testid="kiosk-code"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="kiosk-continued"]').text()).toContain('原来的取信码')
    wrapper.unmount()
  })

  it('a refused letter is explained kindly and kept for correcting', async () => {
    const backend = mockKiosk()
    backend.kioskSubmit.mockRejectedValue(rejection('invalid', { field: 'letter', problem: { code: 'code_in_letter' } }))
    const { wrapper } = await mountKiosk(backend)

    await write(wrapper, '我的码是 7K2Q-MX9D-4RTV')
    await wrapper.get('[data-testid="kiosk-continue"]').setValue(true)
    await wrapper.get('[data-testid="kiosk-code-existing"]').setValue('7K2Q-MX9D-4RTV')
    await click(wrapper, 'kiosk-send')

    expect(wrapper.get('[data-testid="kiosk-error"]').text()).toBe(
      '信里写了你的取信码。为了保护你，取信码只有你自己知道就好，请把它从信里删掉再发送。',
    )
    expect((wrapper.get('[data-testid="kiosk-letter"]').element as HTMLTextAreaElement).value).toBe('我的码是 7K2Q-MX9D-4RTV')
    wrapper.unmount()
  })

  it('any other failure says to try again or go to the counseling room', async () => {
    const backend = mockKiosk()
    backend.kioskSubmit.mockRejectedValue({ code: 'storage', message: '数据库读写失败 (storage error)' })
    const { wrapper } = await mountKiosk(backend)

    await write(wrapper, '你好')
    await click(wrapper, 'kiosk-send')
    expect(wrapper.get('[data-testid="kiosk-error"]').text()).toContain('信没有送出去，请再试一次')
    wrapper.unmount()
  })
})

describe('reading replies', () => {
  it('a code with no reply (or a wrong one) gets the same kind answer', async () => {
    const { wrapper, backend } = await mountKiosk()

    await click(wrapper, 'kiosk-read')
    expect(wrapper.get('[data-testid="kiosk-read-submit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="kiosk-code-input"]').setValue(' 7k2q-mx9d-4rtv ')
    await click(wrapper, 'kiosk-read-submit')

    expect(backend.kioskReplies).toHaveBeenCalledWith('7K2QMX9D4RTV')
    expect(wrapper.get('[data-testid="kiosk-no-reply"]').text()).toBe('还没有回信，过几天再来看看。')
    expect(wrapper.findAll('[data-testid="kiosk-reply"]')).toHaveLength(0)
    wrapper.unmount()
  })

  it('shows the replies with their days', async () => {
    const backend = mockKiosk()
    backend.kioskReplies.mockResolvedValue([
      { date: '2026-03-02', text: '谢谢你写信给我。\n下周二午休可以来辅导室聊聊。' },
      { date: '2026-03-05', text: '上次聊完感觉怎么样？' },
    ])
    const { wrapper } = await mountKiosk(backend)

    await click(wrapper, 'kiosk-read')
    await wrapper.get('[data-testid="kiosk-code-input"]').setValue('7K2QMX9D4RTV')
    await wrapper.get('[data-testid="kiosk-code-input"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()

    const replies = wrapper.findAll('[data-testid="kiosk-reply"]')
    expect(replies).toHaveLength(2)
    expect(replies[0]!.text()).toContain('2026年3月2日 回信')
    expect(replies[0]!.text()).toContain('下周二午休可以来辅导室聊聊。')
    expect(replies[1]!.text()).toContain('2026年3月5日')
    expect(wrapper.find('[data-testid="kiosk-no-reply"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('too many wrong codes: says how long to wait', async () => {
    const backend = mockKiosk()
    backend.kioskReplies.mockRejectedValue(rejection('too_many_attempts', { seconds: 40 }))
    const { wrapper } = await mountKiosk(backend)

    await click(wrapper, 'kiosk-read')
    await wrapper.get('[data-testid="kiosk-code-input"]').setValue('AAAA-BBBB-CCCC')
    await click(wrapper, 'kiosk-read-submit')
    expect(wrapper.get('[data-testid="kiosk-error"]').text()).toBe('试的次数有点多了，请等 40 秒 再试。')

    backend.kioskReplies.mockRejectedValue(rejection('too_many_attempts', { seconds: 160 }))
    await click(wrapper, 'kiosk-read-submit')
    expect(wrapper.get('[data-testid="kiosk-error"]').text()).toBe('试的次数有点多了，请等 3 分钟 再试。')
    wrapper.unmount()
  })
})

describe('教师入口', () => {
  it('a counselor unlocks with name and passphrase to leave the kiosk', async () => {
    const { wrapper, backend } = await mountKiosk()

    await click(wrapper, 'kiosk-staff')
    expect(wrapper.get('[data-testid="kiosk-staff-dialog"]').attributes('role')).toBe('dialog')
    expect(wrapper.get('[data-testid="kiosk-staff-submit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="kiosk-staff-name"]').setValue(' 王老师 ')
    await wrapper.get('[data-testid="kiosk-staff-passphrase"]').setValue('correct horse battery')
    await click(wrapper, 'kiosk-staff-submit')

    expect(backend.leaveKiosk).toHaveBeenCalledWith({ user_name: '王老师', passphrase: 'correct horse battery' })
    wrapper.unmount()
  })

  it('a wrong passphrase or a teacher who is not a counselor is told why; the passphrase is cleared', async () => {
    const backend = mockKiosk()
    backend.leaveKiosk.mockRejectedValue(rejection('wrong_passphrase'))
    const { wrapper } = await mountKiosk(backend)

    await click(wrapper, 'kiosk-staff')
    await wrapper.get('[data-testid="kiosk-staff-name"]').setValue('王老师')
    await wrapper.get('[data-testid="kiosk-staff-passphrase"]').setValue('wrong one')
    await click(wrapper, 'kiosk-staff-submit')
    expect(wrapper.get('[data-testid="kiosk-staff-error"]').text()).toBe('口令不正确，请重新输入')
    expect((wrapper.get('[data-testid="kiosk-staff-passphrase"]').element as HTMLInputElement).value).toBe('')

    backend.leaveKiosk.mockRejectedValue(rejection('forbidden', { role: 'teacher', deed: 'leave_kiosk' }))
    await wrapper.get('[data-testid="kiosk-staff-passphrase"]').setValue('teacher pass')
    await click(wrapper, 'kiosk-staff-submit')
    expect(wrapper.get('[data-testid="kiosk-staff-error"]').text()).toBe('只有专职心理教师可以退出信箱模式。')

    await click(wrapper, 'kiosk-staff-cancel')
    expect(wrapper.find('[data-testid="kiosk-staff-dialog"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('privacy on a shared PC', () => {
  it('after two minutes without input, a half-written letter is gone and the start is back', async () => {
    vi.useFakeTimers()
    const { wrapper } = await mountKiosk()

    await write(wrapper, '写到一半的信')
    vi.advanceTimersByTime(IDLE_WARN_MS + 1_000)
    await flushPromises()
    expect(wrapper.get('[data-testid="kiosk-idle-warning"]').text()).toContain('马上会回到首页')

    vi.advanceTimersByTime(IDLE_RESET_MS - IDLE_WARN_MS)
    await flushPromises()
    expect(wrapper.find('[data-testid="kiosk-letter"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="kiosk-idle-warning"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="kiosk-write"]').exists()).toBe(true)
    await click(wrapper, 'kiosk-write')
    expect((wrapper.get('[data-testid="kiosk-letter"]').element as HTMLTextAreaElement).value).toBe('')
    wrapper.unmount()
  })

  it('input keeps the screen; the code screen clears too when left alone', async () => {
    vi.useFakeTimers()
    const { wrapper } = await mountKiosk()

    await write(wrapper, '你好')
    vi.advanceTimersByTime(IDLE_WARN_MS - 10_000)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    vi.advanceTimersByTime(IDLE_WARN_MS - 10_000)
    await flushPromises()
    expect(wrapper.find('[data-testid="kiosk-letter"]').exists()).toBe(true)

    await click(wrapper, 'kiosk-send')
    expect(wrapper.find('[data-testid="kiosk-code"]').exists()).toBe(true)
    vi.advanceTimersByTime(IDLE_RESET_MS + 1_000)
    await flushPromises()
    expect(wrapper.find('[data-testid="kiosk-code"]').exists()).toBe(false)
    expect(document.body.textContent).not.toContain('7K2Q')
    wrapper.unmount()
  })
})

describe('kiosk locales', () => {
  function keysOf(messages: object, prefix = ''): string[] {
    return Object.entries(messages).flatMap(([key, value]) =>
      typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
    )
  }

  it('zh-CN and en have the same keys, none empty', () => {
    expect(keysOf(kioskEn).sort()).toEqual(keysOf(kioskZh).sort())
    for (const messages of [kioskZh, kioskEn]) {
      for (const key of keysOf(messages)) {
        const value = key.split('.').reduce<unknown>((m, k) => (m as Record<string, unknown>)[k], messages)
        expect(typeof value === 'string' && value.trim() !== '', key).toBe(true)
      }
    }
  })
})
