/**
 * Option paths as lists of names, and their display form as Nix shows them: names that are not
 * identifiers are quoted (`users.users."my user".home`).
 *
 * @example
 * showOption(["users", "users", "my user", "home"]) // 'users.users."my user".home'
 */
export function showOption(loc: readonly string[]): string {
  return loc.map(showAttrName).join(".");
}

const IDENT = /^[A-Za-z0-9_][A-Za-z0-9_'-]*$/;
/** Placeholders like `<name>` and `*` are shown bare, as Nix shows them in option docs. */
const PLACEHOLDER = /^(<.+>|\*)$/s;

/** One attribute name as it appears in an option path. */
export function showAttrName(name: string): string {
  if (IDENT.test(name) || PLACEHOLDER.test(name)) return name;
  return JSON.stringify(name);
}

/**
 * Parses a dotted path with optional double-quoted segments (`homes."myme@map".config`).
 *
 * @example
 * parseAttrPath('homes."myme@map".config') // ["homes", "myme@map", "config"]
 */
export function parseAttrPath(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  if (text === "") return out;
  while (i <= text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      let seg = "";
      while (j < text.length && text[j] !== '"') {
        if (text[j] === "\\" && j + 1 < text.length) j++;
        seg += text[j];
        j++;
      }
      if (j >= text.length) throw new SyntaxError(`unterminated quote in attribute path: ${text}`);
      out.push(seg);
      i = j + 1;
    } else {
      let j = text.indexOf(".", i);
      if (j === -1) j = text.length;
      const seg = text.slice(i, j);
      if (seg === "") throw new SyntaxError(`empty name in attribute path: ${text}`);
      out.push(seg);
      i = j;
    }
    if (i >= text.length) break;
    if (text[i] !== ".")
      throw new SyntaxError(`expected "." at offset ${i} in attribute path: ${text}`);
    i++;
  }
  return out;
}
