/**
 * fish's quoting, and the home's session variables written in fish. Private to the program
 * modules (the leading `_` keeps it out of the module list).
 *
 * The session file for POSIX shells (`session-vars.sh`, see `home/session.ts`) writes every
 * value in double quotes, so `$NAME` and `${NAME}` expand there and everything else is literal
 * (the backquote is escaped). The fish file keeps that meaning: a value made of text and
 * `$NAME`/`${NAME}` references becomes a fish double-quoted string with the same references;
 * a value using any other expansion (`$(cmd)`, `${X:-default}`, `$1` …), which fish has no
 * equal for, is handed to `/bin/sh` at startup so it expands exactly as in the POSIX file.
 */

/**
 * A word for fish: unquoted when it is plain, else in single quotes (where fish only knows
 * the escapes `\\` and `\'`).
 *
 * @example
 * fishQuote("ls -l") // "'ls -l'"
 */
export function fishQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * A POSIX double-quoted value as a fish expression with the same value, or null when the
 * value uses an expansion fish cannot spell (command substitution, `${X:-y}`, `$1`, `$$` …).
 *
 * @example
 * fishDoubleQuoted("$HOME/bin") // '"$HOME/bin"'
 * fishDoubleQuoted("${HOME}x")  // '"$HOME""x"'
 */
export function fishDoubleQuoted(value: string): string | null {
  let out = '"';
  let i = 0;
  let afterName = false; // the last thing written was a $NAME, so a name character must not follow
  while (i < value.length) {
    const c = value[i]!;
    if (c === "$") {
      const rest = value.slice(i + 1);
      const plain = NAME.exec(rest);
      const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
      if (plain) {
        out += `$${plain[0]}`;
        i += 1 + plain[0].length;
        afterName = true;
        continue;
      }
      if (braced) {
        out += `$${braced[1]}`;
        i += 1 + braced[0].length;
        afterName = true;
        continue;
      }
      // `$` before something that is no expansion in sh ("$ ", "$/", a final "$") is literal.
      if (rest === "" || /^[^A-Za-z0-9_{(@*#?$!-]/.test(rest)) {
        out += "\\$";
        i++;
        afterName = false;
        continue;
      }
      return null;
    }
    if (afterName && /[A-Za-z0-9_[]/.test(c)) out += '""';
    afterName = false;
    out += c === '"' || c === "\\" ? `\\${c}` : c;
    i++;
  }
  return `${out}"`;
}

/** A `set -gx` of one variable whose value means what it means in session-vars.sh. */
function setLine(name: string, value: string): string {
  const fish = fishDoubleQuoted(value);
  if (fish !== null) return `set -gx ${name} ${fish}`;
  const sh = `printf %s "${value.replace(/["\\`]/g, (c) => `\\${c}`)}"`;
  return `set -gx ${name} (command sh -c ${fishQuote(sh)} | string collect)`;
}

/**
 * The text of session-vars.fish: the same variables and PATH as session-vars.sh, once per
 * session (the guard variable is shared, so a fish started from a login bash skips it).
 */
export function fishSessionVarsScript(
  vars: Record<string, unknown>,
  path: readonly string[],
  xdg: Record<string, string> | undefined,
): string {
  const lines = [
    "# Written by confed: the session variables of this home, for fish. Sourced once per session.",
    "if not set -q __CONFED_SESS_VARS_SOURCED",
    "    set -gx __CONFED_SESS_VARS_SOURCED 1",
  ];
  for (const [k, v] of Object.entries(xdg ?? {})) lines.push(`    ${setLine(k, v)}`);
  for (const k of Object.keys(vars).sort()) lines.push(`    ${setLine(k, String(vars[k]))}`);
  if (path.length) {
    const entries = path.map((p) => {
      const q = fishDoubleQuoted(p);
      return (
        q ??
        `(command sh -c ${fishQuote(`printf %s "${p.replace(/["\\`]/g, (c) => `\\${c}`)}"`)} | string collect)`
      );
    });
    lines.push(`    set -gx PATH ${entries.join(" ")} $PATH`);
  }
  lines.push("end");
  return `${lines.join("\n")}\n`;
}
