// Idle auto-lock: after the chosen minutes with no key, click, mouse move or wheel, the vault
// locks and the lock screen says why; any activity starts the count again; 0 means never.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { resetBackend } from '@/api'
import { startIdleTimer } from '@/app/unlocked/idleTimer'
import { mockBackend, mountApp, staff, vaultStatus } from './helpers'

const MINUTE = 60_000

beforeEach(() => {
  // Only the clock and timeouts: flushPromises needs the real setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
  resetBackend()
  document.body.innerHTML = ''
})

function activity(type: 'keydown' | 'mousedown' | 'mousemove' | 'wheel'): void {
  const event = type === 'keydown' ? new KeyboardEvent(type, { key: 'a', bubbles: true }) : new MouseEvent(type, { bubbles: true })
  document.body.dispatchEvent(event)
}

describe('startIdleTimer', () => {
  it('calls onIdle after N minutes without activity, and not before', () => {
    const onIdle = vi.fn()
    const stop = startIdleTimer(10, onIdle)

    vi.advanceTimersByTime(10 * MINUTE - 1)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onIdle).toHaveBeenCalledTimes(1)

    vi.advanceTimersByTime(60 * MINUTE)
    expect(onIdle).toHaveBeenCalledTimes(1)
    stop()
  })

  it.each(['keydown', 'mousedown', 'mousemove', 'wheel'] as const)('%s starts the count again', (type) => {
    const onIdle = vi.fn()
    const stop = startIdleTimer(5, onIdle)

    vi.advanceTimersByTime(4 * MINUTE)
    activity(type)
    vi.advanceTimersByTime(4 * MINUTE)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1 * MINUTE)
    expect(onIdle).toHaveBeenCalledTimes(1)
    stop()
  })

  it('reports activity to the backend at most once a minute, and never without activity', () => {
    const onIdle = vi.fn()
    const onActive = vi.fn()
    const stop = startIdleTimer(10, onIdle, window, onActive)

    vi.advanceTimersByTime(30_000)
    activity('keydown')
    expect(onActive).not.toHaveBeenCalled()
    vi.advanceTimersByTime(31_000)
    activity('keydown')
    activity('mousemove')
    expect(onActive).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(5 * MINUTE)
    expect(onActive).toHaveBeenCalledTimes(1)
    stop()
  })

  it('0 minutes never locks', () => {
    const onIdle = vi.fn()
    const stop = startIdleTimer(0, onIdle)
    vi.advanceTimersByTime(24 * 60 * MINUTE)
    expect(onIdle).not.toHaveBeenCalled()
    stop()
  })

  it('stopped, it neither fires nor listens', () => {
    const onIdle = vi.fn()
    const remove = vi.spyOn(window, 'removeEventListener')
    const stop = startIdleTimer(5, onIdle)
    stop()
    vi.advanceTimersByTime(10 * MINUTE)
    expect(onIdle).not.toHaveBeenCalled()
    expect(remove.mock.calls.map((c) => c[0]).sort()).toEqual(['keydown', 'mousedown', 'mousemove', 'wheel'])
  })
})

describe('idle auto-lock in the app', () => {
  it('locks after idle_lock_minutes with no activity and shows why', async () => {
    const { wrapper, backend } = await mountApp('/dashboard', mockBackend(vaultStatus(staff.counselor, { idle_lock_minutes: 5 })))

    vi.advanceTimersByTime(4 * MINUTE)
    await flushPromises()
    expect(backend.lock).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)

    vi.advanceTimersByTime(1 * MINUTE)
    await flushPromises()
    expect(backend.lock).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="lock-notice"]').text()).toBe('因长时间未操作，已自动锁定。')
    wrapper.unmount()
  })

  it('a teacher typing keeps the vault open', async () => {
    const { wrapper, backend } = await mountApp('/dashboard', mockBackend(vaultStatus(staff.counselor, { idle_lock_minutes: 5 })))

    for (let i = 0; i < 6; i += 1) {
      vi.advanceTimersByTime(3 * MINUTE)
      activity('keydown')
    }
    await flushPromises()
    expect(backend.lock).not.toHaveBeenCalled()
    expect(wrapper.find('[data-testid="app-shell"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('不自动锁定 (0) never locks', async () => {
    const { wrapper, backend } = await mountApp('/dashboard', mockBackend(vaultStatus(staff.counselor, { idle_lock_minutes: 0 })))

    vi.advanceTimersByTime(8 * 60 * MINUTE)
    await flushPromises()
    expect(backend.lock).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})
