/**
 * TOML settings (TOML 1.0): keys sorted; at each level the plain keys first, then `[tables]`,
 * then `[[arrays of tables]]`. A list holding tables among other values, or inside another list,
 * is written inline (`{ a = 1 }`), as TOML has no other way to write it.
 */
import { ConfedError } from "../errors/index.ts";
import { isPlainObject } from "../lib/index.ts";
import { types } from "../module-system/index.ts";
import { type Format, sortedKeys, type TomlValue, valueType } from "./value.ts";

type Table = { [key: string]: TomlValue };

const tomlValue = valueType<TomlValue>("tomlValue", "TOML value", false);

/** A basic string with TOML's escapes; other control characters as `\uXXXX`. */
export function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate is not a Unicode scalar value: TOML cannot hold it.
      throw new ConfedError(
        "E_FORMAT_VALUE",
        `TOML: the string ${JSON.stringify(s)} is not valid Unicode.`,
      );
    } else out += ch;
  }
  return `${out}"`;
}

function key(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

function isTable(v: unknown): v is Table {
  return isPlainObject(v);
}

function isArrayOfTables(v: unknown): v is Table[] {
  return Array.isArray(v) && v.length > 0 && v.every(isTable);
}

function inline(v: TomlValue, where: string): string {
  if (typeof v === "string") return tomlString(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      throw new ConfedError(
        "E_FORMAT_VALUE",
        `TOML: ${where} is ${v}, which is not a finite number.`,
      );
    }
    return Object.is(v, -0) ? "-0.0" : String(v);
  }
  if (Array.isArray(v)) return `[${v.map((e, i) => inline(e, `${where}[${i}]`)).join(", ")}]`;
  if (isTable(v)) {
    const ks = sortedKeys(v);
    if (ks.length === 0) return "{}";
    return `{ ${ks.map((k) => `${key(k)} = ${inline(v[k], `${where}.${k}`)}`).join(", ")} }`;
  }
  throw new ConfedError(
    "E_FORMAT_VALUE",
    `TOML: ${where} is ${v === null ? "null" : typeof v}, which TOML cannot hold.`,
  );
}

function table(out: string[], path: string[], t: Table, header: string | null): void {
  const ks = sortedKeys(t);
  const plain = ks.filter((k) => !isTable(t[k]) && !isArrayOfTables(t[k]));
  const show = path.map(key).join(".");
  // A table with its own keys, or an empty one, needs its header; one holding only
  // sub-tables is defined by theirs.
  if (header !== null && (plain.length > 0 || ks.length === 0 || header.startsWith("[["))) {
    if (out.length) out.push("");
    out.push(header);
  }
  for (const k of plain) out.push(`${key(k)} = ${inline(t[k], [...path, k].join("."))}`);
  for (const k of ks) {
    const v = t[k];
    const sub = [...path, k];
    if (isTable(v)) table(out, sub, v, `[${[show, key(k)].filter(Boolean).join(".")}]`);
  }
  for (const k of ks) {
    const v = t[k];
    const sub = [...path, k];
    if (isArrayOfTables(v)) {
      for (const e of v) table(out, sub, e, `[[${[show, key(k)].filter(Boolean).join(".")}]]`);
    }
  }
}

/**
 * The TOML format: the value is the top-level table.
 *
 * @example
 * toml().generate("starship.toml", { add_newline: false, character: { success_symbol: "➜" } })
 * // 'add_newline = false\n\n[character]\nsuccess_symbol = "➜"\n'
 */
export function toml(): Format<Record<string, TomlValue>> {
  return {
    type: types.attrsOf(tomlValue),
    generate: (_name, value) => {
      const out: string[] = [];
      table(out, [], value, null);
      return out.length ? `${out.join("\n")}\n` : "";
    },
  };
}
