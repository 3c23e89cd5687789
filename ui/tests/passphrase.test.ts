// 修改口令, and the rule and strength meter every new passphrase goes through.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { resetBackend } from '@/api'
import { passphraseProblem, passphraseStrength } from '@/shared/passphrase'
import { mockBackend, mountApp } from './helpers'

afterEach(() => {
  resetBackend()
  document.body.innerHTML = ''
})

describe('passphrase strength', () => {
  it.each([
    ['abc', 'weak'],
    ['abcdefghij', 'weak'],
    ['correct horse battery', 'medium'],
    ['我家门前有两棵枣树呀', 'medium'],
    ['我家门前有两棵枣树，2024', 'strong'],
    ['Tr0ub4dor&3-Xinyu', 'strong'],
  ] as const)('%s is %s', (passphrase, strength) => {
    expect(passphraseStrength(passphrase)).toBe(strength)
  })

  it('counts characters, not bytes: ten Han characters are enough', () => {
    expect(passphraseProblem('我家门前有两棵枣树呀', '我家门前有两棵枣树呀')).toBeNull()
    expect(passphraseProblem('我家门前有两棵枣树', '我家门前有两棵枣树')).toEqual({ kind: 'short', missing: 1 })
    expect(passphraseProblem('𠈌𠈌𠈌𠈌𠈌𠈌𠈌𠈌𠈌𠈌', '𠈌𠈌𠈌𠈌𠈌𠈌𠈌𠈌𠈌𠈌')).toBeNull()
    expect(passphraseProblem('我家门前有两棵枣树呀', '我家门前有两棵枣树')).toEqual({ kind: 'mismatch' })
  })
})

describe('change passphrase page', () => {
  it('changes the passphrase and says 口令已修改', async () => {
    const { wrapper, backend } = await mountApp('/settings/passphrase')

    expect(wrapper.get('h1').text()).toBe('修改口令')
    await wrapper.get('[data-testid="passwd-old"]').setValue('我家门前有两棵枣树呀')
    await wrapper.get('[data-testid="passwd-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-confirm"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-submit"]').trigger('submit')
    await flushPromises()

    expect(backend.changePassphrase).toHaveBeenCalledWith({
      old_passphrase: '我家门前有两棵枣树呀',
      new_passphrase: '窗前明月光，疑是地上霜',
    })
    expect(wrapper.get('[data-testid="passwd-done"]').text()).toBe('口令已修改')
    expect(wrapper.get<HTMLInputElement>('[data-testid="passwd-new"]').element.value).toBe('')
    wrapper.unmount()
  })

  it('is blocked until the new passphrase is long enough and typed the same twice', async () => {
    const { wrapper, backend } = await mountApp('/settings/passphrase')
    const submit = wrapper.get('[data-testid="passwd-submit"]')

    await wrapper.get('[data-testid="passwd-old"]').setValue('我家门前有两棵枣树呀')
    await wrapper.get('[data-testid="passwd-new"]').setValue('短')
    expect(submit.attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="passwd-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-confirm"]').setValue('窗前明月光，疑是地上')
    expect(submit.attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('两次输入的口令不一致')
    await submit.trigger('submit')
    expect(backend.changePassphrase).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('a wrong current passphrase is said in Chinese', async () => {
    const backend = mockBackend()
    backend.changePassphrase.mockRejectedValue({ code: 'wrong_passphrase', message: '口令不正确，请重新输入 (wrong passphrase: try again)' })
    const { wrapper } = await mountApp('/settings/passphrase', backend)

    await wrapper.get('[data-testid="passwd-old"]').setValue('忘了是什么了忘了是什么')
    await wrapper.get('[data-testid="passwd-new"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-confirm"]').setValue('窗前明月光，疑是地上霜')
    await wrapper.get('[data-testid="passwd-submit"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="passwd-error"]').text()).toBe('口令不正确，请重新输入')
    expect(wrapper.find('[data-testid="passwd-done"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
