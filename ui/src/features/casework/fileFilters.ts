// The filters of the warning-file list, kept while the app is open so the list comes back as it
// was left (docs/UI.md: lists remember their filters).
import { reactive } from 'vue'
import type { FileStatus } from '@/api'

/** '' = open files only (the default), 'all' = closed too, or one status. */
export type StatusChoice = '' | 'all' | FileStatus

export interface FileFilters {
  level: number | ''
  status: StatusChoice
  category: string
  grade: string
  className: string
  owner: string
  overdueOnly: boolean
}

export function defaultFileFilters(): FileFilters {
  return { level: '', status: '', category: '', grade: '', className: '', owner: '', overdueOnly: false }
}

export const fileFilters = reactive<FileFilters>(defaultFileFilters())

/** Back to the defaults (the 清除筛选 button, and tests). */
export function resetFileFilters(): void {
  Object.assign(fileFilters, defaultFileFilters())
}
