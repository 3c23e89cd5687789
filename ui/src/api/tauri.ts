// The Backend over Tauri IPC: each method is one `invoke` of the command of the same name.
// Every rejection is turned into an AppError, so the screens see one error shape.
import { invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core'
import type { AppInfo } from './bindings/AppInfo'
import type { Backend } from './backend'
import { AppError, toAppError } from './errors'

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

export const tauriBackend: Backend = {
  appInfo: () => call<AppInfo>('app_info'),
}
