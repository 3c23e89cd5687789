// The passphrase rule (at least 10 characters, as the backend checks) and a simple strength
// estimate from length and character variety, shown as 弱/中/强 while the user types.

/** The backend's minimum, counted in characters (not bytes). */
export const MIN_PASSPHRASE_CHARS = 10

export type Strength = 'weak' | 'medium' | 'strong'

/** Length in characters as the backend counts them (a Han character or 𠈌 is one). */
export function charCount(text: string): number {
  return Array.from(text).length
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]|[\u{20000}-\u{3134f}]/u

/** Weak, medium or strong: length, with Han characters counting double, plus variety of kinds. */
export function passphraseStrength(text: string): Strength {
  const chars = Array.from(text)
  if (chars.length < MIN_PASSPHRASE_CHARS) return 'weak'
  const han = chars.filter((c) => HAN.test(c)).length
  const effective = chars.length + han
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, HAN, /[^a-zA-Z0-9\u3400-\u9fff]/u].filter((re) => re.test(text)).length
  let points = 0
  if (effective >= 16) points += 1
  if (effective >= 24) points += 1
  if (kinds >= 2) points += 1
  if (kinds >= 3) points += 1
  if (points >= 3) return 'strong'
  if (points >= 1) return 'medium'
  return 'weak'
}

/** What is still wrong with a new passphrase and its confirmation, or null when both are fine. */
export function passphraseProblem(
  passphrase: string,
  confirm: string,
): { kind: 'short'; missing: number } | { kind: 'mismatch' } | null {
  const count = charCount(passphrase)
  if (count < MIN_PASSPHRASE_CHARS) return { kind: 'short', missing: MIN_PASSPHRASE_CHARS - count }
  if (passphrase !== confirm) return { kind: 'mismatch' }
  return null
}
