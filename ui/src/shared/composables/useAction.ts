// One form's submit: a working flag while the command runs and its problem as plain text.
import { ref } from 'vue'
import { errorText } from '@/api'

export function useAction() {
  const working = ref(false)
  const error = ref<string | null>(null)

  /** Run `command` once (not again while it runs); its answer, or undefined when it failed. */
  async function run<T>(command: () => Promise<T>): Promise<T | undefined> {
    if (working.value) return undefined
    working.value = true
    error.value = null
    try {
      return await command()
    } catch (e) {
      error.value = errorText(e)
      return undefined
    } finally {
      working.value = false
    }
  }

  return { working, error, run }
}
