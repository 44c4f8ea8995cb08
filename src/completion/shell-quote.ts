/** A word as a POSIX shell (bash, zsh) reads it back unchanged: single quotes, `'` as `'\''`. */
export function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A word as fish reads it back unchanged: single quotes, `\` and `'` escaped. */
export function fishQuote(word: string): string {
  return `'${word.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** `printf '%s\n' 'a' 'b'`: words one a line, for a shell function to print (`:` when there are none). */
export function printWords(words: readonly string[]): string {
  return words.length === 0 ? ":" : `printf '%s\\n' ${words.map(shQuote).join(" ")}`;
}
