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
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('node_modules/@element-plus')) {
            return 'element-plus'
          }
          if (id.includes('node_modules/')) return 'vendor'
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
