// ESLint flat config: Vue 3 recommended rules plus typescript-eslint, zero warnings allowed.
// Architecture rule: only src/api/ may import @tauri-apps/api; everything else goes through `api`.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

export default defineConfigWithVueTs(
  {
    name: 'xinyu/ignores',
    // Bindings are generated from the Rust types by ts-rs; they are checked by the type checker.
    ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'src/api/bindings/**'],
  },
  js.configs.recommended,
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    name: 'xinyu/backend-only-through-api',
    files: ['**/*.{ts,vue}'],
    ignores: ['src/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tauri-apps/*'],
              message: 'Only src/api/ talks to the backend: use `api` from "@/api".',
            },
          ],
        },
      ],
    },
  },
)
