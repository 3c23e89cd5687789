// The kiosk's own vue-i18n: Chinese by default, English on request. Never remembered: the next
// student at this shared PC starts in Chinese again (the screen goes back to Chinese when idle).
import { createI18n } from 'vue-i18n'
import en from '@/features/kiosk/locales/en'
import zhCN, { type KioskMessages } from '@/features/kiosk/locales/zh-CN'

export type KioskLocale = 'zh-CN' | 'en'

export const kioskI18n = createI18n<[KioskMessages], KioskLocale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

/** Switch the kiosk's language now (and <html lang>, for fonts and screen readers). */
export function setKioskLocale(locale: KioskLocale): void {
  kioskI18n.global.locale.value = locale
  document.documentElement.lang = locale
}

export function kioskLocale(): KioskLocale {
  return kioskI18n.global.locale.value
}
