// The kiosk's privacy timer: after two minutes with no key, touch, click or mouse move, the
// screen goes back to the start and forgets everything; twenty seconds before, a notice asks
// whether someone is still there. Activity only stamps the time; a one-second tick checks it.
import { onBeforeUnmount, onMounted, ref } from 'vue'

/** No input for this long: back to the start, everything cleared. */
export const IDLE_RESET_MS = 120_000
/** No input for this long: say that the screen is about to clear. */
export const IDLE_WARN_MS = 100_000

const ACTIVITY = ['keydown', 'pointerdown', 'mousedown', 'mousemove', 'touchstart', 'wheel', 'input'] as const
const TICK_MS = 1_000

/**
 * While the component is mounted: `warning` is true in the last twenty seconds before `onIdle`
 * runs; `onIdle` runs after two minutes without input, and the count starts over.
 */
export function useKioskIdle(onIdle: () => void) {
  const warning = ref(false)
  let last = Date.now()
  let timer: ReturnType<typeof setInterval> | undefined

  const activity = (): void => {
    last = Date.now()
    warning.value = false
  }
  const tick = (): void => {
    const idle = Date.now() - last
    if (idle >= IDLE_RESET_MS) {
      activity()
      onIdle()
    } else {
      warning.value = idle >= IDLE_WARN_MS
    }
  }

  onMounted(() => {
    last = Date.now()
    for (const name of ACTIVITY) window.addEventListener(name, activity, { capture: true, passive: true })
    timer = setInterval(tick, TICK_MS)
  })
  onBeforeUnmount(() => {
    clearInterval(timer)
    for (const name of ACTIVITY) window.removeEventListener(name, activity, { capture: true })
  })

  return { warning }
}
