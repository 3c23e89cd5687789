// Starts the front end: Element Plus (whole, its CSS as a bundled file), i18n, the router, the app.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import '@/shared/styles/base.css'
import '@/shared/styles/list-table.css'
import App from './App.vue'
import { currentLocale, i18n } from './i18n'
import { createAppRouter } from './router'

document.documentElement.lang = currentLocale()

createApp(App).use(ElementPlus).use(i18n).use(createAppRouter()).mount('#app')
