// Starts the whisper mailbox kiosk (kiosk.html): its own small app — no workbench, router,
// session or Element Plus — with its own i18n and its own four commands (src/api/kiosk.ts).
import { createApp } from 'vue'
import '@/shared/styles/base.css'
import './kiosk.css'
import KioskApp from '@/features/kiosk/components/KioskApp.vue'
import { kioskI18n } from './i18n'

document.documentElement.lang = 'zh-CN'

createApp(KioskApp).use(kioskI18n).mount('#app')
