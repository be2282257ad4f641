/**
 * The option types of settings formats: one recursive value type per format (JSON and YAML
 * have null, TOML and INI do not). Attribute sets merge entry by entry as `types.anything`
 * does, so `settings` defined in several modules combine; lists concatenate, as nixpkgs'
 * `pkgs.formats` types do (they are `listOf` the value type); scalars must be equal.
 */
import { isPlainObject } from "../lib/index.ts";
import { mergeEqualOption, mkOptionType, type OptionType, types } from "../module-system/index.ts";

/** A scalar every format here can write. */
export type Scalar = string | number | boolean;

/**
 * A JSON (and YAML) value.
 *
 * @example
 * const v: JsonValue = { a: [1, "two", null], b: { c: true } };
 */
export type JsonValue = null | Scalar | JsonValue[] | { [key: string]: JsonValue };

/**
 * A TOML value (TOML has no null).
 *
 * @example
 * const v: TomlValue = { server: { port: 8080, hosts: ["a", "b"] } };
 */
export type TomlValue = Scalar | TomlValue[] | { [key: string]: TomlValue };

/**
 * A settings format: its option type, and the text of a value of that type.
 *
 * @example
 * const toml = formats.toml();
 * mkOption({ type: toml.type, default: {} });
 * toml.generate("starship.toml", { add_newline: false }); // "add_newline = false\n"
 */
export interface Format<T> {
  readonly type: OptionType<T>;
  /** The file's text; `name` names the file in error messages. */
  generate(name: string, value: T): string;
}

function isScalar(v: unknown): v is Scalar {
  return (
    typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))
  );
}

/**
 * A recursive value type: scalars (and null when `nullable`), lists and attribute sets of itself.
 * Nested values are checked as they are merged, so an error names the exact entry.
 *
 * @example
 * const tomlValue = valueType<TomlValue>("tomlValue", "TOML value", false);
 */
export function valueType<T>(name: string, description: string, nullable: boolean): OptionType<T> {
  const self: OptionType<T> = mkOptionType<T>({
    name,
    description,
    descriptionClass: "noun",
    check: (v) => (nullable && v === null) || isScalar(v) || Array.isArray(v) || isPlainObject(v),
    merge: (loc, defs) => {
      // The element types are made on first use: `self` must exist before attrsOf(self).
      if (defs.every((d) => isPlainObject(d.value)))
        return types.attrsOf(self).merge(loc, defs) as T;
      if (defs.every((d) => Array.isArray(d.value)))
        return types.listOf(self).merge(loc, defs) as T;
      return mergeEqualOption(loc, defs) as T;
    },
  });
  return self;
}

/** Keys in code-point order: generated files do not depend on the order of definitions. */
export function sortedKeys(o: object): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
