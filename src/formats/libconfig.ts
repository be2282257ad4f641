/**
 * libconfig files (picom's format): `name = value;` settings, groups in braces, lists in
 * brackets. At the top level a group is written `name: { … };`, inside a group `name = { … };`
 * (both are libconfig). libconfig tells integers from floats and JavaScript cannot (`1.0` is
 * `1`), so the format takes the names of the settings that are floats and writes them with a
 * decimal point; other whole numbers are integers.
 */
import { ConfedError } from "../errors/index.ts";
import { types } from "../module-system/index.ts";
import { type Format, sortedKeys, type TomlValue, valueType } from "./value.ts";

/** Options of {@link libconfig}. */
export interface LibconfigOptions {
  /** Setting names (at any depth) whose numbers are floats: `opacity` → `1.0`. */
  floats?: readonly string[];
}

const NAME = /^[A-Za-z*][-A-Za-z0-9_*]*$/;

/**
 * The libconfig format.
 *
 * @example
 * libconfig({ floats: ["shadow-opacity"] }).generate("picom.conf", { shadow: true, "shadow-opacity": 1 })
 * // 'shadow = true;\nshadow-opacity = 1.0;\n'
 */
export function libconfig(opts: LibconfigOptions = {}): Format<Record<string, TomlValue>> {
  const floats = new Set(opts.floats ?? []);
  const value = (file: string, path: string, name: string, v: TomlValue): string => {
    if (typeof v === "boolean") return v ? "true" : "false";
    if (typeof v === "number") {
      if (floats.has(name) && Number.isInteger(v)) return v.toFixed(1);
      return String(v);
    }
    if (typeof v === "string") {
      const esc: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t" };
      return `"${v.replace(/["\\\n\t]/g, (c) => esc[c]!)}"`;
    }
    if (Array.isArray(v)) {
      return `[ ${v.map((e, i) => value(file, `${path}[${i}]`, name, e)).join(", ")} ]`;
    }
    return `{ ${group(file, path, v, " = ").join(" ")} }`;
  };
  const group = (file: string, path: string, o: Record<string, TomlValue>, sep: string) =>
    sortedKeys(o).map((k) => {
      const where = path === "" ? k : `${path}.${k}`;
      if (!NAME.test(k)) {
        throw new ConfedError(
          "E_FORMAT_VALUE",
          `${file}: \`${where}' is not a libconfig setting name (a letter or *, then letters, digits, -, _ or *).`,
        );
      }
      const v = o[k]!;
      const s = sep === ": " && (typeof v !== "object" || Array.isArray(v)) ? " = " : sep;
      return `${k}${s}${value(file, where, k, v)};`;
    });
  return {
    type: types.attrsOf(valueType<TomlValue>("libconfigValue", "libconfig value", false)),
    generate: (name, v) => {
      const lines = group(name, "", v, ": ");
      return lines.length ? `${lines.join("\n")}\n` : "";
    },
  };
}
