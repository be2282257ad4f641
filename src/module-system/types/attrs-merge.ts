/**
 * Merging attribute sets entry by entry (attrsOf, lazyAttrsOf, anything). The definitions of
 * each name are gathered from every definition in order; a getter in a definition becomes a
 * Thunk, run only when that entry is merged.
 */
import { lazyAttrs } from "../attrs-value.ts";
import { type Def, finalDefinitions, mergeFinal } from "../merge.ts";
import { Thunk } from "../value.ts";
import type { OptionType } from "./base.ts";

/** The definitions of each name across `defs` (plain-object values), in definition order. */
export function definitionsByName(defs: readonly Def[]): Map<string, Def[]> {
  const byName = new Map<string, Def[]>();
  for (const d of defs) {
    const obj = d.value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const desc = Object.getOwnPropertyDescriptor(obj, k)!;
      const value = desc.get ? new Thunk(obj, k, desc.get, d.file) : desc.value;
      let list = byName.get(k);
      if (list === undefined) byName.set(k, (list = []));
      list.push({ file: d.file, value });
    }
  }
  return byName;
}

/**
 * attrsOf: entries whose definitions all vanish (mkIf false) are absent, so their conditions are
 * evaluated to know the keys; values merge lazily. lazyAttrsOf: every name is present, and a
 * vanished entry has the element type's empty value or fails when read.
 */
export function mergeAttrsOf(
  loc: readonly string[],
  defs: readonly Def[],
  elemType: OptionType,
  lazy: boolean,
): Record<string, unknown> {
  const byName = definitionsByName(defs);
  if (lazy) {
    return lazyAttrs(loc, [...byName.keys()], (k) => {
      const l = [...loc, k];
      const final = finalDefinitions(l, byName.get(k)!);
      if (final.values.length === 0 && elemType.emptyValue && "value" in elemType.emptyValue) {
        return elemType.emptyValue.value;
      }
      return mergeFinal(l, elemType, final);
    });
  }
  const finals = new Map<string, ReturnType<typeof finalDefinitions>>();
  for (const [k, ds] of byName) {
    const final = finalDefinitions([...loc, k], ds);
    if (final.values.length > 0) finals.set(k, final);
  }
  return lazyAttrs(loc, [...finals.keys()], (k) =>
    mergeFinal([...loc, k], elemType, finals.get(k)!),
  );
}
