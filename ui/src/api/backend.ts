// The one interface through which the screens reach the Rust backend: one method per command.
// `tauri.ts` implements it with `invoke`; tests plug in a mock with `setBackend()`.
import type { AppInfo } from './bindings/AppInfo'

export interface Backend {
  /** Command `app_info`: the product name and the versions of this build. */
  appInfo(): Promise<AppInfo>
}
