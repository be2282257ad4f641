/**
 * Merging the definitions of one option: discharge mkMerge/mkIf, keep only the definitions at the
 * best priority (mkOverride), sort by mkOrder, type-check, then let the type merge. The order and
 * priorities follow nixpkgs' lib/modules.nix exactly.
 */
import { ModuleError, messages } from "../errors/index.ts";
import { deepEqual, isPlainObject, showOption } from "../lib/index.ts";
import {
  type Condition,
  DEFAULT_ORDER_PRIORITY,
  DEFAULT_OVERRIDE_PRIORITY,
  isDefinition,
  isIf,
  isMerge,
  isOrder,
  isOverride,
} from "./properties.ts";
import { defRefs, showDefs } from "./show.ts";
import type { OptionType } from "./types/base.ts";
import { force, isTransient } from "./value.ts";

/** One definition: a value and the file it came from. */
export interface Def {
  file: string;
  value: unknown;
  /** mkOrder position, once the order wrapper is stripped. */
  priority?: number;
}

/** Runs an mkIf condition once and checks it is a boolean. */
export function evalCondition(c: Condition, file: string): boolean {
  if (c.state !== 2) {
    if (c.state === 1) {
      throw new ModuleError("E_RECURSION", messages.recursionCondition(file), { files: [file] });
    }
    if (c.state === 3) throw c.value;
    c.state = 1;
    try {
      c.value = force((c.source as () => unknown)());
      c.state = 2;
    } catch (e) {
      if (isTransient(e)) c.state = 0;
      else {
        c.state = 3;
        c.value = e;
      }
      throw e;
    }
  }
  const v = c.value;
  if (typeof v !== "boolean") {
    throw new ModuleError("E_TYPE", messages.nonBoolCondition(file, kindOf(v)), { files: [file] });
  }
  return v;
}

/** Expands mkMerge and evaluates mkIf, appending the surviving definitions to `out`. */
export function discharge(file: string, value: unknown, out: Def[], loc?: readonly string[]): void {
  value = force(value, loc);
  if (isMerge(value)) {
    for (const c of value.contents) discharge(file, c, out, loc);
  } else if (isIf(value)) {
    if (evalCondition(value.cond, file)) discharge(file, value.content, out, loc);
  } else if (isDefinition(value)) {
    out.push({ file: value.file, value: value.value });
  } else if (value === undefined) {
    // `undefined` is "not defined here" (a JavaScript-only case; Nix has no undefined), so
    // `{ port: cond ? 80 : undefined }` reads as intended.
  } else {
    out.push({ file, value });
  }
}

/** The definitions that count, after properties, and the priority they won at. */
export interface FinalDefs {
  readonly values: Def[];
  readonly highestPrio: number;
}

/** Discharges, filters by priority and sorts by order (Nix's `defsFinal'`). */
export function finalDefinitions(loc: readonly string[], defs: readonly Def[]): FinalDefs {
  // Fast path: one definition without any property wrapper.
  if (defs.length === 1) {
    const d = defs[0];
    const v = force(d.value, loc);
    if (!isWrapper(v) && v !== undefined) {
      return {
        values: [v === d.value ? d : { file: d.file, value: v }],
        highestPrio: DEFAULT_OVERRIDE_PRIORITY,
      };
    }
  }
  const discharged: Def[] = [];
  for (const d of defs) {
    try {
      discharge(d.file, d.value, discharged, loc);
    } catch (e) {
      if (e instanceof ModuleError && !isTransient(e)) {
        e.addContext(`while evaluating definitions from \`${d.file}'`);
      }
      throw e;
    }
  }
  let highestPrio = 9999;
  for (const d of discharged) {
    const p = isOverride(d.value) ? d.value.priority : DEFAULT_OVERRIDE_PRIORITY;
    if (p < highestPrio) highestPrio = p;
  }
  return new FilteredDefs(loc, discharged, highestPrio);
}

/**
 * The definitions at the winning priority, stripped of mkOverride and sorted by mkOrder. The
 * priority is known without forcing the winners' contents (Nix's `highestPrio` is lazy in them
 * too); `values` forces them on first read.
 */
class FilteredDefs implements FinalDefs {
  private _values: Def[] | undefined;
  constructor(
    private readonly loc: readonly string[],
    private readonly discharged: Def[],
    readonly highestPrio: number,
  ) {}

  get values(): Def[] {
    if (this._values) return this._values;
    const { loc, highestPrio } = this;
    const values: Def[] = [];
    let ordered = false;
    for (const d of this.discharged) {
      const v = d.value;
      if (isOverride(v)) {
        if (v.priority === highestPrio) {
          const content = force(v.content, loc);
          if (isOrder(content)) ordered = true;
          values.push({ file: d.file, value: content });
        }
      } else if (highestPrio === DEFAULT_OVERRIDE_PRIORITY) {
        if (isOrder(v)) ordered = true;
        values.push(d);
      }
    }
    if (!ordered) return (this._values = values);
    const stripped = values.map((d) =>
      isOrder(d.value)
        ? { file: d.file, value: force(d.value.content, loc), priority: d.value.priority }
        : d,
    );
    // Array.prototype.sort is stable, as Nix's sort is.
    stripped.sort(
      (a, b) => (a.priority ?? DEFAULT_ORDER_PRIORITY) - (b.priority ?? DEFAULT_ORDER_PRIORITY),
    );
    return (this._values = stripped);
  }
}

function isWrapper(v: unknown): boolean {
  return isIf(v) || isMerge(v) || isOverride(v) || isOrder(v) || isDefinition(v);
}

/** Type-checks the final definitions and merges them (Nix's `mergedValue`). */
export function mergeFinal(
  loc: readonly string[],
  type: OptionType,
  final: FinalDefs,
  declarations: readonly string[] = [],
): unknown {
  const defs = final.values;
  if (defs.length === 0) {
    if (type.emptyValue && "value" in type.emptyValue) return type.emptyValue.value;
    throw new ModuleError("E_NO_VALUE", messages.noValue(showOption(loc), declarations), {
      optionPath: showOption(loc),
      files: [...declarations],
    });
  }
  let bad: Def[] | undefined;
  for (const d of defs) {
    if (!type.check(d.value)) (bad ??= []).push(d);
  }
  if (bad) throw typeError(loc, type, bad);
  return type.merge(loc, defs);
}

/** The E_TYPE error for definitions a type refuses. */
export function typeError(
  loc: readonly string[],
  type: OptionType,
  bad: readonly Def[],
): ModuleError {
  const path = showOption(loc);
  return new ModuleError("E_TYPE", messages.notOfType(path, type.description, showDefs(bad)), {
    optionPath: path,
    files: bad.map((d) => d.file),
    definitions: defRefs(bad),
  });
}

/**
 * Merges definitions for a value of a type: `{ isDefined, value }` (value throws when read if the
 * merge fails). Used for list elements, attribute set entries and function results.
 */
export function mergeDefinitions(
  loc: readonly string[],
  type: OptionType,
  defs: readonly Def[],
): { isDefined: boolean; value: () => unknown } {
  const final = finalDefinitions(loc, defs);
  return {
    isDefined: final.values.length > 0,
    value: () => mergeFinal(loc, type, final),
  };
}

// ---------------------------------------------------------------------------------------------
// Merge functions shared by several types (Nix's lib/options.nix).

/** Values of definitions. */
export const getValues = (defs: readonly Def[]): unknown[] => defs.map((d) => d.value);
/** Files of definitions. */
export const getFiles = (defs: readonly Def[]): string[] => defs.map((d) => d.file);

/** All definitions must be equal (`str`, `int`, `bool`, `enum`, …). */
export function mergeEqualOption(loc: readonly string[], defs: readonly Def[]): unknown {
  const first = defs[0];
  for (let i = 1; i < defs.length; i++) {
    if (!deepEqual(defs[i].value, first.value)) {
      const path = showOption(loc);
      throw new ModuleError("E_CONFLICT", messages.conflicting(path, showDefs([first, defs[i]])), {
        optionPath: path,
        files: [first.file, defs[i].file],
        definitions: defRefs([first, defs[i]]),
      });
    }
  }
  return first.value;
}

/** At most one definition (`uniq`, `raw`, `package`). */
export function mergeUniqueOption(
  message: string,
  merge?: (loc: readonly string[], defs: readonly Def[]) => unknown,
): (loc: readonly string[], defs: readonly Def[]) => unknown {
  return (loc, defs) => {
    if (defs.length === 1) return merge ? merge(loc, defs) : defs[0].value;
    const path = showOption(loc);
    throw new ModuleError("E_CONFLICT", messages.notUnique(path, message, showDefs(defs)), {
      optionPath: path,
      files: getFiles(defs),
      definitions: defRefs(defs),
    });
  };
}

/** One definition only. */
export const mergeOneOption = mergeUniqueOption("");

/**
 * The merge of options without a type: concatenate lists and strings, OR booleans, shallow-merge
 * attribute sets, merge function results, keep equal integers.
 */
export function mergeDefaultOption(loc: readonly string[], defs: readonly Def[]): unknown {
  const list = getValues(defs);
  if (list.length === 1) return list[0];
  if (list.every((v) => typeof v === "function")) {
    return (x: unknown) =>
      mergeDefaultOption(
        loc,
        defs.map((d) => ({ file: d.file, value: force((d.value as (a: unknown) => unknown)(x)) })),
      );
  }
  if (list.every(Array.isArray)) return (list as unknown[][]).flat(1);
  if (list.every(isPlainObject)) return Object.assign(Object.create(null), ...list);
  if (list.every((v) => typeof v === "boolean")) return list.some((v) => v);
  if (list.every((v) => typeof v === "string")) return list.join("");
  if (list.every((v) => Number.isSafeInteger(v) && v === list[0])) return list[0];
  const path = showOption(loc);
  throw new ModuleError("E_CONFLICT", messages.cannotMerge(path, showDefs(defs)), {
    optionPath: path,
    files: getFiles(defs),
    definitions: defRefs(defs),
  });
}

/** A word for the kind of a value, for messages. */
export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (isPlainObject(v)) return "an attribute set";
  if (typeof v === "number") return Number.isSafeInteger(v) ? "an integer" : "a float";
  if (typeof v === "object") return `an object (${(v as object).constructor?.name ?? "?"})`;
  return `a ${typeof v}`;
}
