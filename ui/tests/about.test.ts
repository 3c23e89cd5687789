// 关于心语 reads the build's versions from the backend, says it is loading, and explains failures in Chinese.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resetBackend, type AppInfo } from '@/api'
import { mockBackend, mountApp } from './helpers'

const info: AppInfo = { product_name: '心语', core_version: '0.1.0', vault_format_version: 1 }

describe('about page', () => {
  let backend: ReturnType<typeof mockBackend>

  beforeEach(() => {
    backend = mockBackend()
  })
  afterEach(() => {
    resetBackend()
    document.body.innerHTML = ''
  })

  it('shows the product name, core version and data format version from the backend', async () => {
    backend.appInfo.mockResolvedValue(info)
    const { wrapper } = await mountApp('/settings/about', backend)

    expect(wrapper.get('h1').text()).toBe('关于心语')
    expect(wrapper.get('[data-testid="about-product-name"]').text()).toBe('心语')
    expect(wrapper.get('[data-testid="about-core-version"]').text()).toBe('0.1.0')
    expect(wrapper.get('[data-testid="about-format-version"]').text()).toBe('1')
    expect(wrapper.text()).toContain('产品名称')
    expect(wrapper.text()).toContain('核心版本')
    expect(wrapper.text()).toContain('数据格式版本')
    expect(backend.appInfo).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  it('says it is reading while the backend has not answered', async () => {
    backend.appInfo.mockReturnValue(new Promise<AppInfo>(() => {}))
    const { wrapper } = await mountApp('/settings/about', backend)

    expect(wrapper.text()).toContain('正在读取版本信息')
    expect(wrapper.find('[data-testid="about-core-version"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('explains a failed call in plain Chinese and offers to try again', async () => {
    backend.appInfo.mockRejectedValueOnce({ code: 'internal', message: 'x' })
    const { wrapper } = await mountApp('/settings/about', backend)

    const alert = wrapper.get('[data-testid="about-error"]')
    expect(alert.text()).toContain('程序内部出错，请重试；若仍出错请联系信息管理员')
    expect(wrapper.find('[data-testid="about-core-version"]').exists()).toBe(false)

    backend.appInfo.mockResolvedValueOnce(info)
    const retry = wrapper.findAll('button').find((b) => b.text() === '重试')
    expect(retry).toBeDefined()
    await retry?.trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="about-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="about-core-version"]').text()).toBe('0.1.0')
    wrapper.unmount()
  })
})
