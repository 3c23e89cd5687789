// Sections not built yet say so honestly: their title, 即将推出, one sentence, and no made-up data.
import { afterEach, describe, expect, it } from 'vitest'
import { zhCN } from '@/app/messages'
import { mountApp } from './helpers'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('coming-soon pages', () => {
  it('报表 shows its Chinese title, 即将推出 and what it will do, with no table', async () => {
    const { wrapper } = await mountApp('/reports')

    const page = wrapper.get('[data-testid="coming-soon"]')
    expect(page.get('[data-testid="page-title"]').text()).toBe('报表')
    expect(page.text()).toContain('即将推出')
    expect(page.text()).toContain(zhCN.comingSoon.descriptions.reports)
    expect(wrapper.find('table').exists()).toBe(false)
    expect(wrapper.find('.el-table').exists()).toBe(false)
    wrapper.unmount()
  })

  it.each([['/reports', '报表']])('%s is titled %s and marked 即将推出', async (path, title) => {
    const { wrapper } = await mountApp(path)

    expect(wrapper.get('[data-testid="page-title"]').text()).toBe(title)
    expect(wrapper.get('[data-testid="coming-soon"]').text()).toContain('即将推出')
    wrapper.unmount()
  })

  it('the app opens on 工作台', async () => {
    const { wrapper, router } = await mountApp('/')

    expect(router.currentRoute.value.path).toBe('/dashboard')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('工作台')
    wrapper.unmount()
  })
})
