// The front end's only door to the backend: `api` forwards to the current Backend
// (Tauri IPC by default); tests swap it with `setBackend()`.
import type { Backend } from './backend'
import { tauriBackend } from './tauri'

export type { Backend } from './backend'
export type { AppInfo } from './bindings/AppInfo'
export type { CommandError } from './bindings/CommandError'
export { AppError, errorText, toAppError } from './errors'

let current: Backend = tauriBackend

/** Use `backend` for every later `api` call; returns the one it replaces. */
export function setBackend(backend: Backend): Backend {
  const previous = current
  current = backend
  return previous
}

/** Back to the Tauri backend. */
export function resetBackend(): void {
  current = tauriBackend
}

export const api: Backend = new Proxy({} as Backend, {
  get(_target, method) {
    const value: unknown = Reflect.get(current, method)
    return typeof value === 'function' ? value.bind(current) : value
  },
})
