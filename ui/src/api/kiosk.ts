// The mailbox kiosk's only door to the backend: the four commands its window may call
// (src-tauri/commands.list) and nothing else. Kept apart from the workbench's `api` so the
// kiosk bundle carries neither the workbench's commands nor its i18n; tests swap it with
// `setKioskBackend()`. Every rejection comes out as an AppError.
import { invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core'
import type { KioskInfo } from './bindings/KioskInfo'
import type { KioskReceipt } from './bindings/KioskReceipt'
import type { KioskReply } from './bindings/KioskReply'
import type { UnlockInput } from './bindings/UnlockInput'
import { AppError, toAppError } from './appError'

export type { KioskInfo } from './bindings/KioskInfo'
export type { KioskReceipt } from './bindings/KioskReceipt'
export type { KioskReply } from './bindings/KioskReply'
export type { UnlockInput } from './bindings/UnlockInput'
export { AppError, toAppError } from './appError'

export interface KioskBackend {
  /** Command `kiosk_info`: the school's name and whether the mailbox is ready. */
  kioskInfo(): Promise<KioskInfo>
  /** Command `kiosk_submit`: send a letter; a new pickup code (once) unless `code` continues a thread. */
  kioskSubmit(text: string, code: string | null): Promise<KioskReceipt>
  /** Command `kiosk_replies`: the replies to a pickup code, oldest first (a wrong code: none). */
  kioskReplies(code: string): Promise<KioskReply[]>
  /** Command `leave_kiosk`: a counselor unlocks; the workbench comes back and this window closes. */
  leaveKiosk(input: UnlockInput): Promise<void>
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  if (!isTauri()) {
    throw new AppError('no_backend', `command ${command} needs the desktop app`)
  }
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw toAppError(e)
  }
}

export const tauriKioskBackend: KioskBackend = {
  kioskInfo: () => call<KioskInfo>('kiosk_info'),
  kioskSubmit: (text, code) => call<KioskReceipt>('kiosk_submit', { text, code }),
  kioskReplies: (code) => call<KioskReply[]>('kiosk_replies', { code }),
  leaveKiosk: async (input) => {
    await call<null>('leave_kiosk', { input })
  },
}

let current: KioskBackend = tauriKioskBackend

/** Use `backend` for every later kiosk call; returns the one it replaces. */
export function setKioskBackend(backend: KioskBackend): KioskBackend {
  const previous = current
  current = backend
  return previous
}

/** Back to the Tauri backend. */
export function resetKioskBackend(): void {
  current = tauriKioskBackend
}

async function guarded<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command()
  } catch (e) {
    throw toAppError(e)
  }
}

export function kioskInfo(): Promise<KioskInfo> {
  return guarded(() => current.kioskInfo())
}

export function kioskSubmit(text: string, code: string | null): Promise<KioskReceipt> {
  return guarded(() => current.kioskSubmit(text, code))
}

export function kioskReplies(code: string): Promise<KioskReply[]> {
  return guarded(() => current.kioskReplies(code))
}

export function leaveKiosk(input: UnlockInput): Promise<void> {
  return guarded(() => current.leaveKiosk(input))
}
