/**
 * Short renderings of definitions for error messages. Never runs getters, never forces more than
 * a couple of levels, never throws: an error message must not fail while being built.
 */

import type { DefinitionRef } from "../errors/index.ts";
import { isPlainObject } from "../lib/index.ts";
import type { Def } from "./merge.ts";
import { isIf, isMerge, isOrder, isOverride } from "./properties.ts";
import { Thunk } from "./value.ts";

const MAX_STRING = 200;
const MAX_ITEMS = 8;

/** A one-line rendering of a value, like Nix's showDefs does with `toPretty`. */
export function showValue(v: unknown, depth = 2): string {
  try {
    return render(v, depth);
  } catch {
    return "«error while showing the value»";
  }
}

function render(v: unknown, depth: number): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (v instanceof Thunk) return v.state === 2 ? render(v.value, depth) : "«getter»";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v);
    case "number":
    case "boolean":
    case "bigint":
      return String(v);
    case "function":
      return "«function»";
    case "symbol":
      return v.toString();
  }
  if (isIf(v))
    return `mkIf(${typeof v.condition === "function" ? "«function»" : String(v.condition)}, ${render(v.content, depth - 1)})`;
  if (isMerge(v))
    return `mkMerge([${v.contents
      .slice(0, MAX_ITEMS)
      .map((c) => render(c, depth - 1))
      .join(", ")}])`;
  if (isOverride(v)) return `mkOverride(${v.priority}, ${render(v.content, depth - 1)})`;
  if (isOrder(v)) return `mkOrder(${v.priority}, ${render(v.content, depth - 1)})`;
  if (Array.isArray(v)) {
    if (depth <= 0) return v.length ? "[ … ]" : "[ ]";
    const items = v.slice(0, MAX_ITEMS).map((x) => render(x, depth - 1));
    if (v.length > MAX_ITEMS) items.push("…");
    return `[ ${items.join(" ")} ]`;
  }
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (depth <= 0) return keys.length ? "{ … }" : "{ }";
    const parts: string[] = [];
    for (const k of keys.slice(0, MAX_ITEMS)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      parts.push(`${k} = ${d && "value" in d ? render(d.value, depth - 1) : "«getter»"};`);
    }
    if (keys.length > MAX_ITEMS) parts.push("…");
    return `{ ${parts.join(" ")} }`;
  }
  const name = (v as object).constructor?.name;
  return `«${name || "object"}»`;
}

/** The definitions of an option as a message shows them: one line per file. */
export function showDefs(defs: readonly Def[]): string {
  return defs.map((d) => `\n- In \`${d.file}': ${showValue(d.value)}`).join("");
}

/** The definitions as errors carry them (file and a short rendering of the value). */
export function defRefs(defs: readonly Def[]): DefinitionRef[] {
  return defs.map((d) => ({ file: d.file, value: showValue(d.value) }));
}
