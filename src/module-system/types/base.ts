/**
 * Option types: a check, a merge, and the metadata that lets two declarations of one option
 * combine (the functor, as in nixpkgs' lib/types.nix). `T` is the value type at the type level.
 */
import type { Def } from "../merge.ts";
import { mergeDefaultOption } from "../merge.ts";

export type DescriptionClass = "noun" | "conjunction" | "composite" | "nonRestrictiveClause";

/** How a type is rebuilt and combined with another declaration's type. */
export interface Functor {
  name: string;
  /** Rebuilds the type from a (merged) payload or wrapped type. */
  type: ((arg: any) => OptionType) | null;
  wrapped: OptionType | null;
  payload: any;
  binOp: (a: any, b: any) => any;
}

/**
 * An option type. `check` tests one definition value; `merge` combines the checked definitions.
 *
 * @example
 * const evenInt = mkOptionType({ name: "evenInt", check: (v) => Number.isSafeInteger(v) && v % 2 === 0 })
 */
export interface OptionType<T = unknown, D = never> {
  readonly _type: "option-type";
  readonly name: string;
  readonly description: string;
  readonly descriptionClass: DescriptionClass | null;
  check(v: unknown): boolean;
  merge(loc: readonly string[], defs: readonly Def[]): T;
  /** `{ value }` when the type has a value meaning "nothing" (used for undefined options). */
  readonly emptyValue: { value?: unknown };
  getSubOptions(prefix: readonly string[]): Record<string, unknown>;
  /** The modules of a submodule-like type, null for other types. */
  readonly getSubModules: readonly unknown[] | null;
  substSubModules(modules: readonly unknown[]): OptionType | null;
  typeMerge(f: Functor): OptionType | null;
  readonly functor: Functor;
  readonly nestedTypes: Record<string, OptionType>;
  readonly deprecationMessage: string | null;
  /** Phantom: the TypeScript type of the merged value. */
  readonly __value?: T;
  /**
   * Phantom: what one definition may be when that is not simply a `T` (`coercedTo` also takes
   * its input type, a submodule a partial config); `never` means "a T, or part of one". A method,
   * so it is compared bivariantly: an `OptionType<T, D>` still fits wherever an `OptionType<T>`
   * is expected.
   */
  __definition?(value: D): void;
}

/** The value type of an option type. */
export type TypeValue<T> = T extends OptionType<infer V> ? V : never;

export interface OptionTypeSpec<T> {
  name: string;
  /** A string, or a function computing it on first read (descriptions of nested submodules
   * need their evaluation, which must not run while options are being declared). */
  description?: string | (() => string);
  descriptionClass?: DescriptionClass | null;
  check?: (v: unknown) => boolean;
  merge?: (loc: readonly string[], defs: readonly Def[]) => T;
  emptyValue?: { value?: unknown };
  getSubOptions?: (prefix: readonly string[]) => Record<string, unknown>;
  getSubModules?: readonly unknown[] | null;
  substSubModules?: (m: readonly unknown[]) => OptionType | null;
  typeMerge?: (f: Functor) => OptionType | null;
  functor?: Functor;
  nestedTypes?: Record<string, OptionType>;
  deprecationMessage?: string | null;
  /** Internal: a builtin type that merges with another declaration of the same name. */
  selfMerge?: boolean;
}

/** A functor for a type without payload: two such types merge when their names are equal. */
export function defaultFunctor(name: string): Functor {
  return { name, type: null, wrapped: null, payload: null, binOp: () => null };
}

/**
 * Merges a type with the functor of another declaration's type, or null if they do not merge
 * (Nix's defaultTypeMerge).
 */
export function defaultTypeMerge(f: Functor, other: Functor): OptionType | null {
  if (f.name !== other.name) return null;
  if (
    f.wrapped === null &&
    other.wrapped === null &&
    f.payload === null &&
    other.payload === null
  ) {
    return f.type ? f.type(null) : null;
  }
  if (f.wrapped !== null && other.wrapped !== null) {
    const wrapped = f.wrapped.typeMerge(other.wrapped.functor);
    return wrapped !== null && f.type ? f.type(wrapped) : null;
  }
  if (f.payload !== null && other.payload !== null) {
    const payload = f.binOp(f.payload, other.payload);
    return payload !== null && payload !== undefined && f.type ? f.type(payload) : null;
  }
  return null;
}

/**
 * Makes an option type. Defaults as in Nix: accept anything, merge like an untyped option.
 *
 * @example
 * const upper = mkOptionType({ name: "upper", description: "upper-case string",
 *   check: (v) => typeof v === "string" && v === v.toUpperCase(), merge: mergeEqualOption })
 */
export function mkOptionType<T = unknown>(spec: OptionTypeSpec<T>): OptionType<T> {
  const t: any = {
    _type: "option-type",
    name: spec.name,
    descriptionClass: spec.descriptionClass ?? null,
    check: spec.check ?? (() => true),
    merge:
      spec.merge ?? (mergeDefaultOption as (loc: readonly string[], defs: readonly Def[]) => T),
    emptyValue: spec.emptyValue ?? {},
    getSubOptions: spec.getSubOptions ?? (() => ({})),
    getSubModules: spec.getSubModules ?? null,
    substSubModules: spec.substSubModules ?? (() => null),
    nestedTypes: spec.nestedTypes ?? {},
    deprecationMessage: spec.deprecationMessage ?? null,
  };
  const desc = spec.description;
  if (typeof desc === "function") {
    let cached: string | undefined;
    Object.defineProperty(t, "description", { enumerable: true, get: () => (cached ??= desc()) });
  } else {
    t.description = desc ?? spec.name;
  }
  const functor: Functor = spec.functor ?? defaultFunctor(spec.name);
  // A builtin type's functor rebuilds to the type itself, so two declarations with the same
  // builtin type merge. A user type made with mkOptionType has no rebuild function, and (as in
  // Nix, where `types.${name}` does not exist for it) cannot be declared twice.
  t.functor = functor.type === null && spec.selfMerge ? { ...functor, type: () => t } : functor;
  t.typeMerge = spec.typeMerge ?? ((f: Functor) => defaultTypeMerge(t.functor, f));
  return t as OptionType<T>;
}

/** A functor for a type with one element type (listOf, attrsOf, nullOr, …). */
export function elemTypeFunctor(
  name: string,
  payload: Record<string, any>,
  rebuild: (payload: any) => OptionType,
): Functor {
  return {
    name,
    type: rebuild,
    wrapped: null,
    payload,
    binOp: (a, b) => {
      const merged: Record<string, any> = {};
      for (const k of Object.keys(a)) {
        if (k === "elemType") {
          if (Array.isArray(a.elemType)) return null;
          const e = a.elemType.typeMerge(b.elemType.functor);
          if (e === null) return null;
          merged.elemType = e;
        } else if (a[k] === b[k]) merged[k] = a[k];
        else return null;
      }
      return merged;
    },
  };
}

/** True for an option type value. */
export function isOptionType(v: unknown): v is OptionType {
  return typeof v === "object" && v !== null && (v as { _type?: unknown })._type === "option-type";
}

/**
 * How a nested type's description reads inside another's ("list of (attribute set of string)"):
 * parenthesised unless its class fits.
 */
export function descriptionPhrase(
  ok: (c: DescriptionClass | null) => boolean,
  t: OptionType,
): string {
  return ok(t.descriptionClass) ? t.description : `(${t.description})`;
}
