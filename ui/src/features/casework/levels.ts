// The school's levels of attention, read once per page (get_levels) and shared by every badge,
// radio group and hint that names a level. A level is never a diagnosis.
import { computed, ref } from 'vue'
import { api, errorText, type LevelDef } from '@/api'

const levels = ref<LevelDef[]>([])

/** Read the levels again; answers the problem as text, or null. The last list stays on failure. */
export async function loadLevels(): Promise<string | null> {
  try {
    levels.value = await api.getLevels()
    return null
  } catch (e) {
    return errorText(e)
  }
}

/** Remember levels just saved. */
export function setLevels(saved: LevelDef[]): void {
  levels.value = saved
}

export function useLevels() {
  const list = computed(() => levels.value)
  function levelOf(rank: number): LevelDef | undefined {
    return levels.value.find((l) => l.rank === rank)
  }
  return { levels: list, levelOf }
}
