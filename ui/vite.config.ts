// Vite (build and dev server) and Vitest settings for the desktop front end.
// The output in dist/ is loaded by the Tauri shell under a strict CSP: no inline scripts, no remote files.
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { frozenPrototypeCompat } from './vite-plugins/frozenPrototype'

export default defineConfig({
  base: '/',
  // Tauri freezes Object.prototype (freezePrototype); see vite-plugins/frozenPrototype.ts.
  plugins: [vue(), frozenPrototypeCompat()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    // vue-i18n feature flags: Composition API only, no devtools hooks in the shipped app.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  // Keep the Rust build's output visible when the Tauri CLI runs us.
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebView2 on Windows 10; WebKitGTK on UOS/Kylin can be a few years old.
    target: ['es2021', 'chrome105', 'safari15'],
    // Element Plus is imported whole; it gets its own chunk, loaded from disk, never a network.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // Two pages: the workbench, and the whisper mailbox kiosk that its own window loads.
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        kiosk: fileURLToPath(new URL('./kiosk.html', import.meta.url)),
      },
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) {
            return 'element-plus'
          }
          // What the kiosk needs too (Vue, vue-i18n, the Tauri API) apart from the rest, so the
          // kiosk page loads neither Element Plus nor its helpers (Day.js among them).
          if (/node_modules\/(vue|@vue|vue-i18n|@intlify|@tauri-apps)\//.test(id)) return 'runtime'
          if (id.includes('node_modules/')) return 'vendor'
          // The little both pages use besides: the base look, AppError, Vite's and Vue's helpers.
          if (/\/src\/(shared\/styles\/base\.css|api\/appError\.ts)$/.test(id) || /modulepreload-polyfill|plugin-vue:export-helper/.test(id)) {
            return 'shared'
          }
          return undefined
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    restoreMocks: true,
  },
})
