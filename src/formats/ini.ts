/**
 * INI settings: `[section]` then `key=value` lines, sections and keys sorted. A list either
 * repeats its key (systemd's and git's way of giving several values) or is joined into one
 * value; which one is an option of the format, and a list is refused when neither is chosen.
 */
import { ConfedError } from "../errors/index.ts";
import { type OptionType, types } from "../module-system/index.ts";
import { type Format, type Scalar, sortedKeys } from "./value.ts";

/** One INI value: a scalar, or a list of them. */
export type IniValue = Scalar | Scalar[];

/**
 * Options of `ini` and `keyValue`.
 *
 * @example
 * ini({ listsAsDuplicateKeys: true }) // After=a\nAfter=b
 * ini({ listSeparator: "," })         // After=a,b
 */
export interface IniOptions {
  /** A list repeats its key, once per element. */
  listsAsDuplicateKeys?: boolean;
  /** A list becomes one value, its elements joined with this. */
  listSeparator?: string;
  /** Between key and value (`"="` unless given). */
  separator?: string;
  /** How a scalar is written (booleans `true`/`false` unless given). */
  mkValue?: (v: Scalar) => string;
}

export const scalarType: OptionType<Scalar> = types.oneOf([types.str, types.number, types.bool]);

function defaultValue(v: Scalar): string {
  return typeof v === "boolean" ? (v ? "true" : "false") : String(v);
}

/** The `key<sep>value` lines of one section (or of a key-value file). */
export function keyValueLines(
  where: string,
  values: Record<string, IniValue>,
  opts: IniOptions,
): string[] {
  const sep = opts.separator ?? "=";
  const mk = opts.mkValue ?? defaultValue;
  const one = (k: string, v: Scalar) => {
    const s = mk(v);
    if (/[\r\n]/.test(s) || /[\r\n]/.test(k)) {
      throw new ConfedError(
        "E_FORMAT_VALUE",
        `${where}: ${k} has a line break, which one line cannot hold.`,
      );
    }
    return `${k}${sep}${s}`;
  };
  const out: string[] = [];
  for (const k of sortedKeys(values)) {
    const v = values[k];
    if (!Array.isArray(v)) out.push(one(k, v));
    else if (opts.listsAsDuplicateKeys) for (const e of v) out.push(one(k, e));
    else if (opts.listSeparator !== undefined)
      out.push(`${k}${sep}${v.map(mk).join(opts.listSeparator)}`);
    else {
      throw new ConfedError(
        "E_FORMAT_VALUE",
        `${where}: ${k} is a list, and this format was given no way to write lists (listsAsDuplicateKeys or listSeparator).`,
      );
    }
  }
  return out;
}

/**
 * INI text for a program that writes values its own way (quoting, booleans): `[section]` blocks
 * separated by a blank line, sections and keys sorted, `key=value` with `text(value, key)`; a
 * value with a line break is refused with the message `lineBreak(section, key)`.
 *
 * @example
 * sectionsText({ bar: { width: "100%" } }, (v) => String(v), (s, k) => `[${s}] ${k}`)
 * // "[bar]\nwidth=100%\n"
 */
export function sectionsText(
  sections: Record<string, Record<string, unknown>>,
  text: (value: unknown, key: string) => string,
  lineBreak: (section: string, key: string) => string,
): string {
  return sortedKeys(sections)
    .map((s) => {
      const lines = sortedKeys(sections[s]!).map((k) => {
        const t = text(sections[s]![k], k);
        if (/[\r\n]/.test(t)) throw new ConfedError("E_FORMAT_VALUE", lineBreak(s, k));
        return `${k}=${t}`;
      });
      return `[${s}]\n${lines.join("\n")}\n`;
    })
    .join("\n");
}

function valueType(opts: IniOptions): OptionType<IniValue> {
  const lists = opts.listsAsDuplicateKeys || opts.listSeparator !== undefined;
  return (
    lists ? types.either(scalarType, types.listOf(scalarType)) : scalarType
  ) as OptionType<IniValue>;
}

/**
 * The INI format: sections of keys.
 *
 * @example
 * ini({ listsAsDuplicateKeys: true }).generate("x.ini", { main: { a: [1, 2], b: true } })
 * // "[main]\na=1\na=2\nb=true\n"
 */
export function ini(opts: IniOptions = {}): Format<Record<string, Record<string, IniValue>>> {
  return {
    type: types.attrsOf(types.attrsOf(valueType(opts))),
    generate: (name, value) => {
      const out: string[] = [];
      for (const s of sortedKeys(value)) {
        if (/[\]\r\n]/.test(s)) {
          throw new ConfedError(
            "E_FORMAT_VALUE",
            `${name}: the section name \`${s}' cannot be written in INI.`,
          );
        }
        if (out.length) out.push("");
        out.push(`[${s}]`, ...keyValueLines(`${name} [${s}]`, value[s], opts));
      }
      return out.length ? `${out.join("\n")}\n` : "";
    },
  };
}

/**
 * The key-value format: `key = value` lines, no sections.
 *
 * @example
 * keyValue({ separator: "=" }).generate("htoprc", { delay: 15 }) // "delay=15\n"
 */
export function keyValue(opts: IniOptions = {}): Format<Record<string, IniValue>> {
  const o = { ...opts, separator: opts.separator ?? " = " };
  return {
    type: types.attrsOf(valueType(o)),
    generate: (name, value) => {
      const lines = keyValueLines(name, value, o);
      return lines.length ? `${lines.join("\n")}\n` : "";
    },
  };
}
