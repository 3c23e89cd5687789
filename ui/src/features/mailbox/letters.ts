// The whisper mailbox's words and small rules shared by its screens: statuses, the categories a
// letter may be given, which letters call for the crisis banner, and the highlighting of the
// crisis words a letter matched.
import type { LetterStatus, LetterSummary } from '@/api'

export const LETTER_STATUSES: readonly LetterStatus[] = ['unread', 'read', 'replied', 'archived']

/**
 * Categories offered for a letter. Stored as written (in Chinese, like the school's own
 * categories); the counselor may type another, and any category already used is offered too.
 */
export const LETTER_CATEGORIES: readonly string[] = ['学业', '人际', '家庭', '情绪', '青春期', '其他']

/** The offered categories plus those already in use, without repeats. */
export function categoryChoices(used: readonly string[]): string[] {
  return [...new Set([...LETTER_CATEGORIES, ...used.map((c) => c.trim()).filter((c) => c !== '')])]
}

/** Urgent letters nobody has opened yet: what the crisis banner counts. */
export function unreadUrgent(letters: readonly LetterSummary[]): number {
  return letters.filter((l) => l.urgent && l.status === 'unread').length
}

export interface TextPart {
  text: string
  /** One of the matched crisis words. */
  term: boolean
}

/**
 * `text` cut into plain parts and the parts that are one of `terms` (longest first, so 不想活了
 * marks 不想活 rather than a shorter word inside it). The backend matches on folded text, so a
 * term written with spaces or in traditional characters may not be found here: the screen lists
 * the matched words as well.
 */
export function highlightTerms(text: string, terms: readonly string[]): TextPart[] {
  const words = [...new Set(terms.filter((t) => t !== ''))].sort((a, b) => b.length - a.length)
  if (words.length === 0) return [{ text, term: false }]
  const lower = text.toLowerCase()
  const parts: TextPart[] = []
  let plain = ''
  let i = 0
  while (i < text.length) {
    const word = words.find((w) => lower.startsWith(w.toLowerCase(), i))
    if (word) {
      if (plain) parts.push({ text: plain, term: false })
      plain = ''
      parts.push({ text: text.slice(i, i + word.length), term: true })
      i += word.length
    } else {
      plain += text[i]
      i += 1
    }
  }
  if (plain) parts.push({ text: plain, term: false })
  return parts
}
