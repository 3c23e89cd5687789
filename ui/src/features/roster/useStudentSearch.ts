// A student search box as the students page and the pickers use it: once typing pauses, ask
// search_students (names, 学号, class, pinyin initials); only the newest query's answer is
// kept; an empty box means no search (hits null).
import { onBeforeUnmount, ref, watch } from 'vue'
import { api, errorText, type Student } from '@/api'

/** How long typing must pause before the search runs. */
export const SEARCH_DELAY_MS = 150

export function useStudentSearch(limit: number) {
  const query = ref('')
  /** The hits of the current query, best first; null while the box is empty. */
  const hits = ref<Student[] | null>(null)
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  /** Counts searches, so an answer that arrives after a newer query was typed is dropped. */
  let seq = 0

  async function search(text: string): Promise<void> {
    const mine = ++seq
    try {
      const found = await api.searchStudents(text, limit)
      if (mine !== seq) return
      hits.value = found
      error.value = null
    } catch (e) {
      if (mine === seq) error.value = errorText(e)
    }
  }

  watch(query, (value) => {
    clearTimeout(timer)
    const text = value.trim()
    if (text === '') {
      seq += 1
      hits.value = null
      error.value = null
      return
    }
    timer = setTimeout(() => void search(text), SEARCH_DELAY_MS)
  })

  onBeforeUnmount(() => clearTimeout(timer))

  /** Ask again for what is in the box (after the list changed); nothing when it is empty. */
  async function searchAgain(): Promise<void> {
    const text = query.value.trim()
    if (text !== '') await search(text)
  }

  return { query, hits, error, searchAgain }
}
