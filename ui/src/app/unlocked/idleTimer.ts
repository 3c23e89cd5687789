// Idle auto-lock: after N minutes with no key, click, mouse move or wheel, call `onIdle` once.
// Activity only stamps the time; one timer checks it when due, so a moving mouse costs nothing.
import { onBeforeUnmount, onMounted, toValue, watch, type MaybeRefOrGetter } from 'vue'

/** The events that count as someone being at the computer. */
export const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel'] as const

/** How often, at most, activity is reported to the backend, whose idle lock counts separately. */
export const KEEP_ALIVE_MS = 60_000

/**
 * Start watching `target` for activity; `onIdle` runs after `minutes` without any (0: never).
 * `onActive` (if given) runs at most once a minute while there is activity, so the backend's own
 * idle lock does not fire while someone types a long note without saving.
 * Returns the function that stops watching.
 */
export function startIdleTimer(
  minutes: number,
  onIdle: () => void,
  target: Window = window,
  onActive?: () => void,
): () => void {
  if (!(minutes > 0)) return () => {}
  const limit = minutes * 60_000
  let lastActivity = Date.now()
  let lastReported = lastActivity
  let timer: ReturnType<typeof setTimeout> | undefined

  const activity = (): void => {
    lastActivity = Date.now()
    if (onActive && lastActivity - lastReported >= KEEP_ALIVE_MS) {
      lastReported = lastActivity
      onActive()
    }
  }
  const check = (): void => {
    const idle = Date.now() - lastActivity
    if (idle >= limit) {
      stop()
      onIdle()
    } else {
      timer = setTimeout(check, limit - idle)
    }
  }
  const stop = (): void => {
    clearTimeout(timer)
    timer = undefined
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, activity, { capture: true })
  }

  for (const name of ACTIVITY_EVENTS) {
    target.addEventListener(name, activity, { capture: true, passive: true })
  }
  timer = setTimeout(check, limit)
  return stop
}

/**
 * In a component: run `onIdle` after `minutes` of no activity while the component is mounted;
 * a change of `minutes` restarts the count.
 */
export function useIdleTimer(
  minutes: MaybeRefOrGetter<number>,
  onIdle: () => void,
  onActive?: () => void,
): void {
  let stop: (() => void) | undefined
  const restart = (): void => {
    stop?.()
    stop = startIdleTimer(toValue(minutes), onIdle, window, onActive)
  }
  onMounted(restart)
  watch(() => toValue(minutes), restart)
  onBeforeUnmount(() => {
    stop?.()
    stop = undefined
  })
}
