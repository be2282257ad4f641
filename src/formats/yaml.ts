/**
 * YAML settings in block style. Keys are sorted. Strings are plain only when they cannot be
 * read as anything else by a YAML 1.1 or 1.2 reader (`yes`, `on`, `null`, numbers, `:` and `#`
 * are quoted); otherwise double-quoted with escapes, so PyYAML and 1.2 parsers read the same.
 */
import { ConfedError } from "../errors/index.ts";
import { isPlainObject } from "../lib/index.ts";
import { type Format, type JsonValue, sortedKeys, valueType } from "./value.ts";

const yamlValue = valueType<JsonValue>("yamlValue", "YAML value", true);

// Words YAML 1.1 reads as booleans or null (any case); 1.2 reads fewer, quoting all is safe.
const RESERVED = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*( [A-Za-z0-9_./-]+)*$/;

function quoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c >= 0xd800 && c <= 0xdfff) {
      throw new ConfedError(
        "E_FORMAT_VALUE",
        `YAML: the string ${JSON.stringify(s)} is not valid Unicode.`,
      );
    } else if (
      // Outside YAML's printable set, or a line break to a YAML 1.1 reader (NEL, LS, PS), or BOM.
      c < 0x20 ||
      (c >= 0x7f && c < 0xa0) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0xfeff ||
      c === 0xfffe ||
      c === 0xffff
    ) {
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return `${out}"`;
}

function str(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) ? s : quoted(s);
}

function scalar(v: JsonValue): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      throw new ConfedError("E_FORMAT_VALUE", `YAML: ${v} is not a finite number.`);
    }
    // YAML 1.1 floats need a dot: 1e+21 is written 1.0e+21.
    const s = Object.is(v, -0) ? "-0.0" : String(v);
    return /e/.test(s) && !s.includes(".") ? s.replace("e", ".0e") : s;
  }
  if (typeof v === "string") return str(v);
  if (Array.isArray(v) && v.length === 0) return "[]";
  if (isPlainObject(v) && Object.keys(v).length === 0) return "{}";
  throw new ConfedError("E_FORMAT_VALUE", "YAML: a value is not a scalar (internal error).");
}

function isCollection(v: JsonValue): boolean {
  return (Array.isArray(v) && v.length > 0) || (isPlainObject(v) && Object.keys(v).length > 0);
}

/** The lines of a non-empty collection at column 0; callers indent them. */
function block(v: JsonValue): string[] {
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (const e of v) {
      if (!isCollection(e)) out.push(`- ${scalar(e)}`);
      else {
        // "- " then the item's first line; the rest lines up under it.
        const [first, ...rest] = block(e);
        out.push(`- ${first}`, ...rest.map((l) => `  ${l}`));
      }
    }
    return out;
  }
  const o = v as Record<string, JsonValue>;
  for (const k of sortedKeys(o)) {
    const e = o[k];
    if (!isCollection(e)) out.push(`${str(k)}: ${scalar(e)}`);
    else out.push(`${str(k)}:`, ...block(e).map((l) => `  ${l}`));
  }
  return out;
}

/**
 * The YAML format.
 *
 * @example
 * yaml().generate("alacritty.yml", { font: { size: 11 }, shell: ["zsh", "-l"] })
 * // "font:\n  size: 11\nshell:\n  - zsh\n  - \"-l\"\n"
 */
export function yaml(): Format<JsonValue> {
  return {
    type: yamlValue,
    generate: (_name, value) =>
      `${(isCollection(value) ? block(value) : [scalar(value)]).join("\n")}\n`,
  };
}
