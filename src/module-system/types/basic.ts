/**
 * The scalar types: strings, numbers, booleans, paths, enums and the catch-alls.
 */
import { isPackage, isPlainObject } from "../../lib/index.ts";
import type { Package } from "../infer.ts";
import { type Def, mergeEqualOption, mergeOneOption, mergeUniqueOption } from "../merge.ts";
import { mergeAnything } from "./anything.ts";
import { type DescriptionClass, type Functor, mkOptionType, type OptionType } from "./base.ts";

const builtin = <T>(
  name: string,
  description: string,
  check: (v: unknown) => boolean,
  merge: (loc: readonly string[], defs: readonly Def[]) => T,
  extra: {
    descriptionClass?: DescriptionClass;
    emptyValue?: { value?: unknown };
    functor?: Functor;
  } = {},
): OptionType<T> =>
  mkOptionType<T>({
    name,
    description,
    descriptionClass: extra.descriptionClass ?? "noun",
    check,
    merge,
    emptyValue: extra.emptyValue,
    functor: extra.functor,
    selfMerge: true,
  });

const isString = (v: unknown): v is string => typeof v === "string";
/** Integers: JavaScript safe integers (a deliberate divergence: no 64-bit integers). */
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
/** Floats: any finite number (JavaScript cannot tell 1.0 from 1). */
const isFloat = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

export const str = builtin<string>("str", "string", isString, mergeEqualOption as any);
export const bool = builtin<boolean>(
  "bool",
  "boolean",
  (v) => typeof v === "boolean",
  mergeEqualOption as any,
);
/** Booleans merged with OR. */
export const boolByOr = builtin<boolean>(
  "boolByOr",
  "boolean (merged using or)",
  (v) => typeof v === "boolean",
  (_loc, defs) => defs.some((d) => d.value === true),
);
export const int = builtin<number>("int", "signed integer", isInt, mergeEqualOption as any);
export const float = builtin<number>(
  "float",
  "floating point number",
  isFloat,
  mergeEqualOption as any,
);

export const nonEmptyStr = builtin<string>(
  "nonEmptyStr",
  "non-empty string",
  (v) => isString(v) && !/^[ \t\n]*$/.test(v),
  mergeEqualOption as any,
);

/** A string that matches the whole of a JavaScript regular expression. */
export function strMatching(pattern: string | RegExp): OptionType<string> {
  const source = typeof pattern === "string" ? pattern : pattern.source;
  const re = new RegExp(
    `^(?:${source})$`,
    typeof pattern === "string" ? "su" : pattern.flags.replace("g", ""),
  );
  return mkOptionType<string>({
    name: `strMatching ${JSON.stringify(source)}`,
    description: `string matching the pattern ${source}`,
    descriptionClass: "noun",
    check: (v) => isString(v) && re.test(v),
    merge: mergeEqualOption as any,
    functor: {
      name: "strMatching",
      type: (p: { pattern: string }) => strMatching(p.pattern),
      wrapped: null,
      payload: { pattern: source },
      binOp: (a, b) => (a.pattern === b.pattern ? a : null),
    },
  });
}

export const singleLineStr: OptionType<string> = mkOptionType<string>({
  name: "singleLineStr",
  description: "(optionally newline-terminated) single-line string",
  descriptionClass: "noun",
  check: (v) => isString(v) && /^[^\n\r]*\n?$/.test(v),
  merge: (loc, defs) => {
    const s = mergeEqualOption(loc, defs) as string;
    return s.endsWith("\n") ? s.slice(0, -1) : s;
  },
  selfMerge: true,
});

/** Strings joined with a separator (`lines` is "\n", `commas` is ","). */
export function separatedString(sep: string): OptionType<string> {
  return mkOptionType<string>({
    name: "separatedString",
    description: `strings concatenated with ${JSON.stringify(sep)}`,
    descriptionClass: "noun",
    check: isString,
    merge: (_loc, defs) => defs.map((d) => d.value as string).join(sep),
    functor: {
      name: "separatedString",
      type: (p: { sep: string }) => separatedString(p.sep),
      wrapped: null,
      payload: { sep },
      binOp: (a, b) => (a.sep === b.sep ? { sep: a.sep } : null),
    },
  });
}
export const lines = separatedString("\n");
export const commas = separatedString(",");
export const envVar = separatedString(":");

/**
 * Absolute paths, as strings (confed has no separate path values; write paths relative to a
 * file as `path(import.meta, "../x")`).
 */
export const path = builtin<string>(
  "path",
  "absolute path",
  (v) => isString(v) && v.startsWith("/"),
  mergeEqualOption as any,
);

/** Any attribute set, merged shallowly (later definitions win per key). */
export const attrs = builtin<Record<string, unknown>>(
  "attrs",
  "attribute set",
  isPlainObject,
  (_loc, defs) => Object.assign(Object.create(null), ...defs.map((d) => d.value)),
  { emptyValue: { value: {} } },
);
(attrs as { descriptionClass: unknown }).descriptionClass = null;

/** A package reference: a distro package or a store-built package (anything with the brand). */
export const packageType = builtin<Package>("package", "package", isPackage, mergeOneOption as any);

/** A value that is never merged: exactly one definition. */
export const raw = builtin<unknown>("raw", "raw value", () => true, mergeOneOption);

/** Untyped: merged like an option without a type. */
export const unspecified = mkOptionType<unknown>({
  name: "unspecified",
  description: "unspecified value",
  descriptionClass: "noun",
  selfMerge: true,
});

/** Anything: attribute sets merge recursively, lists and scalars must be equal. */
export const anything = builtin<unknown>(
  "anything",
  "anything",
  () => true,
  (loc, defs) => mergeAnything(loc, defs),
);

/** One of the given values. */
export function enumType<const V extends string | number | boolean>(
  values: readonly V[],
): OptionType<V> {
  const show = (v: unknown) =>
    typeof v === "string"
      ? JSON.stringify(v)
      : typeof v === "number" || typeof v === "boolean"
        ? String(v)
        : `<${typeof v}>`;
  const description =
    values.length === 0
      ? "impossible (empty enum)"
      : values.length === 1
        ? `value ${show(values[0])} (singular enum)`
        : `one of ${values.map(show).join(", ")}`;
  return mkOptionType<V>({
    name: "enum",
    description,
    descriptionClass: values.length < 2 ? "noun" : "conjunction",
    check: (v) => values.includes(v as V),
    merge: mergeEqualOption as any,
    functor: {
      name: "enum",
      type: (p: { values: V[] }) => enumType(p.values),
      wrapped: null,
      payload: { values },
      binOp: (a, b) => ({ values: [...new Set([...a.values, ...b.values])] }),
    },
  });
}

/**
 * A type with an extra check. Keeps the base type's functor, so two declarations merge into the
 * base type, as in Nix.
 */
export function addCheck<T>(base: OptionType<T>, check: (v: T) => boolean): OptionType<T> {
  return { ...base, check: (v: unknown) => base.check(v) && check(v as T) };
}

const betweenDesc = (lo: number, hi: number) => `${lo} and ${hi} (both inclusive)`;

function intBetween(lo: number, hi: number): OptionType<number> {
  if (lo > hi) throw new RangeError("ints.between: lowest must be smaller than highest");
  return {
    ...addCheck(int, (x) => x >= lo && x <= hi),
    name: "intBetween",
    description: `integer between ${betweenDesc(lo, hi)}`,
  };
}
function sized(bits: number, signed: boolean): OptionType<number> {
  const range = 2 ** bits;
  const lo = signed ? -range / 2 : 0;
  const hi = signed ? range / 2 - 1 : range - 1;
  return {
    ...intBetween(lo, hi),
    name: `${signed ? "signedInt" : "unsignedInt"}${bits}`,
    description: `${bits} bit ${signed ? "signed" : "unsigned"} integer; between ${betweenDesc(lo, hi)}`,
  };
}

export const ints = {
  between: intBetween,
  unsigned: {
    ...addCheck(int, (x) => x >= 0),
    name: "unsignedInt",
    description: "unsigned integer, meaning >=0",
    descriptionClass: "nonRestrictiveClause",
  } as OptionType<number>,
  positive: {
    ...addCheck(int, (x) => x > 0),
    name: "positiveInt",
    description: "positive integer, meaning >0",
    descriptionClass: "nonRestrictiveClause",
  } as OptionType<number>,
  u8: sized(8, false),
  u16: sized(16, false),
  u32: sized(32, false),
  s8: sized(8, true),
  s16: sized(16, true),
  s32: sized(32, true),
};

export const port = ints.u16;

/** Unique with a custom message: at most one definition. */
export { mergeUniqueOption };
