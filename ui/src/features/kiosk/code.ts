// Pickup codes as a student types and reads them: 12 letters or digits, shown in groups of four
// (7K2Q-MX9D-4RTV). Typing forgives case, spaces, dashes and full-width characters; the backend
// forgives look-alikes (O for 0, I and L for 1) too.

/** Letters and digits in a pickup code. */
export const CODE_LENGTH = 12

/** What was typed, as the bare code: full-width folded, upper case, letters and digits only. */
export function compactCode(typed: string): string {
  return typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
}

/** A code in groups of four, for reading aloud and copying by hand. */
export function codeGroups(code: string): string[] {
  const bare = compactCode(code)
  const groups: string[] = []
  for (let i = 0; i < bare.length; i += 4) groups.push(bare.slice(i, i + 4))
  return groups
}

/** Whether a typed code has exactly the right number of letters and digits. */
export function codeComplete(typed: string): boolean {
  return compactCode(typed).length === CODE_LENGTH
}
