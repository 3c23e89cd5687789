// The panic blank: the toolbar button or Esc pressed twice within 600 ms hides the whole window
// at once; any key or click brings it back. One state for the whole app.
import { nextTick, readonly, ref } from 'vue'

/** Two Esc presses at most this far apart blank the screen. */
export const DOUBLE_ESC_MS = 600

const blanked = ref(false)
let lastEscAt = Number.NEGATIVE_INFINITY
let focusBeforeBlank: HTMLElement | null = null

export function blank(): void {
  if (blanked.value) return
  const active = document.activeElement
  focusBeforeBlank = active instanceof HTMLElement ? active : null
  blanked.value = true
}

export function restore(): void {
  lastEscAt = Number.NEGATIVE_INFINITY
  if (!blanked.value) return
  blanked.value = false
  const target = focusBeforeBlank
  focusBeforeBlank = null
  // Give focus back once the page is visible (and no longer inert) again.
  void nextTick(() => target?.focus())
}

/** Window keydown handler (capture phase), so no page can swallow the Esc before we see it. */
function onKeydown(event: KeyboardEvent): void {
  if (event.repeat) return
  if (blanked.value) {
    // The key only restores the screen; it must not also act on the page underneath.
    event.preventDefault()
    event.stopImmediatePropagation()
    restore()
    return
  }
  if (event.key !== 'Escape') return
  const now = Date.now()
  const elapsed = now - lastEscAt
  if (elapsed >= 0 && elapsed <= DOUBLE_ESC_MS) {
    lastEscAt = Number.NEGATIVE_INFINITY
    blank()
  } else {
    lastEscAt = now
  }
}

/** Start listening for the double Esc; returns the function that stops it. */
export function listenForPanicKey(target: Window = window): () => void {
  target.addEventListener('keydown', onKeydown, { capture: true })
  return () => target.removeEventListener('keydown', onKeydown, { capture: true })
}

export function usePrivacyScreen() {
  return { blanked: readonly(blanked), blank, restore }
}
