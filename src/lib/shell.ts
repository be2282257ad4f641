/**
 * Words for POSIX shells.
 */

/**
 * `s` in single quotes, whatever it holds (a quote inside becomes `'\''`).
 *
 * @example
 * singleQuote("it's") // "'it'\\''s'"
 */
export function singleQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A word for POSIX shells: unquoted when it is plain, else in single quotes.
 *
 * @example
 * shellQuote("ls -l") // "'ls -l'"
 * shellQuote("it's")  // "'it'\\''s'"
 */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : singleQuote(s);
}
