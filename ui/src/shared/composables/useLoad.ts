// Load-on-show for a page or panel: it asks at once (and again when `watch` changes), and gives
// what was loaded, a loading flag, the problem as plain text, and `reload` for after a change.
// The newest load wins when loads overlap (say, the address changed while an answer was on its way).
import { ref, shallowRef, watch, type Ref, type ShallowRef, type WatchSource } from 'vue'
import { errorText } from '@/api'

export interface Load<T> {
  /** The last answer (null before the first, or after a load failed). */
  data: ShallowRef<T | null>
  loading: Ref<boolean>
  /** The problem of the last load, as text for the screen. */
  error: Ref<string | null>
  /** Load again; resolves when done (the answer, or undefined when it failed or was overtaken). */
  reload: () => Promise<T | undefined>
}

export interface LoadOptions {
  /** Load again whenever this changes (e.g. the route's id); loads at once either way. */
  watch?: WatchSource
  /** Keep the previous answer on screen when loading again fails (default: show none). */
  keepOnError?: boolean
  /** Ask the backend only when this is true (e.g. the role may read it); otherwise do nothing. */
  enabled?: () => boolean
}

export function useLoad<T>(fetch: () => Promise<T>, options: LoadOptions = {}): Load<T> {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let latest = 0

  async function reload(): Promise<T | undefined> {
    if (options.enabled && !options.enabled()) return undefined
    const mine = ++latest
    loading.value = true
    error.value = null
    try {
      const answer = await fetch()
      if (mine !== latest) return undefined
      data.value = answer
      return answer
    } catch (e) {
      if (mine !== latest) return undefined
      if (!options.keepOnError) data.value = null
      error.value = errorText(e)
      return undefined
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  if (options.watch) watch(options.watch, () => void reload())
  void reload()
  return { data, loading, error, reload }
}
