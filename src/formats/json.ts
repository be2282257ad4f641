/**
 * JSON settings: keys sorted (as Nix's `builtins.toJSON` writes attribute sets), two-space
 * indentation, a final newline.
 */
import { isPlainObject } from "../lib/index.ts";
import { type Format, type JsonValue, sortedKeys, valueType } from "./value.ts";

const jsonValue = valueType<JsonValue>("jsonValue", "JSON value", true);

function sorted(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sorted);
  if (isPlainObject(v)) {
    const out: Record<string, JsonValue> = Object.create(null);
    for (const k of sortedKeys(v)) out[k] = sorted(v[k] as JsonValue);
    return out;
  }
  return v;
}

/**
 * The JSON format.
 *
 * @example
 * json().generate("settings.json", { b: 1, a: [true] }) // '{\n  "a": [\n    true\n  ],\n  "b": 1\n}\n'
 */
export function json(): Format<JsonValue> {
  return {
    type: jsonValue,
    generate: (_name, value) => `${JSON.stringify(sorted(value), null, 2)}\n`,
  };
}
