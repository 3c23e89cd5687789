// 共享给 under a note: the author picks colleagues (counselors and teachers only — never the
// principal) and the note is shared through the backend.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { note, sessionView } from './sessionFixtures'
import { mockBackend, mountApp, staff, vaultStatus } from './helpers'

afterEach(() => resetBackend())

describe('sharing a note', () => {
  it('offers counselors and teachers but not the principal, and saves the choice', async () => {
    const backend = mockBackend()
    backend.getSession.mockResolvedValue(sessionView({ status: 'signed' }))
    backend.shareSession.mockResolvedValue(note({ status: 'signed', shared_with: [staff.teacher.id] }))
    const { wrapper } = await mountApp('/sessions/a1b2c3d4-note2', backend)
    await flushPromises()
    expect(wrapper.find('[data-testid="session-share"]').exists()).toBe(true)
    const options = document.querySelectorAll('[data-testid^="session-share-with-"]')
    const ids = Array.from(options).map((o) => o.getAttribute('data-testid'))
    expect(ids).toContain(`session-share-with-${staff.teacher.id}`)
    expect(ids).not.toContain(`session-share-with-${staff.principal.id}`)
    expect(ids).not.toContain(`session-share-with-${staff.counselor.id}`)

    const select = wrapper.findComponent({ name: 'ElSelect' })
    select.vm.$emit('update:modelValue', [staff.teacher.id])
    await wrapper.find('[data-testid="session-share-save"]').trigger('click')
    await flushPromises()
    expect(backend.shareSession).toHaveBeenCalledWith('a1b2c3d4-note2', [staff.teacher.id])
    expect(wrapper.find('[data-testid="session-shared"]').text()).toContain('已保存共享设置')
    wrapper.unmount()
  })

  it('is not offered on a colleague’s note to a teacher', async () => {
    const backend = mockBackend()
    backend.vaultStatus.mockResolvedValue(vaultStatus(staff.teacher))
    backend.getSession.mockResolvedValue(
      sessionView({ status: 'signed', shared_with: [staff.teacher.id] }, { is_author: false }),
    )
    const { wrapper } = await mountApp('/sessions/a1b2c3d4-note2', backend)
    await flushPromises()
    expect(wrapper.find('[data-testid="session-locked"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="session-share"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
