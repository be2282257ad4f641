/**
 * Types built from other types: lists, attribute sets, null-or, either, coercion, functions,
 * unique, numbers.
 */
import { ModuleError, messages } from "../../errors/index.ts";
import { isPlainObject, showOption } from "../../lib/index.ts";
import type { DefinitionValue } from "../infer.ts";
import { type Def, finalDefinitions, getFiles, mergeFinal, mergeUniqueOption } from "../merge.ts";
import { showDefs } from "../show.ts";
import { mergeAttrsOf } from "./attrs-merge.ts";
import {
  type DescriptionClass,
  descriptionPhrase,
  elemTypeFunctor,
  type Functor,
  mkOptionType,
  type OptionType,
} from "./base.ts";
import { addCheck, float, int } from "./basic.ts";

/**
 * Types are immutable, so `listOf(str)` made twice is the same type: one object per element type
 * and constructor, instead of a dozen fresh closures per option that declares it.
 */
const memos = new Map<string, WeakMap<OptionType, OptionType>>();
function memoOf(name: string): WeakMap<OptionType, OptionType> {
  let m = memos.get(name);
  if (!m) memos.set(name, (m = new WeakMap()));
  return m;
}

const nounOrComposite = (c: DescriptionClass | null) => c === "noun" || c === "composite";
const nounOrConjunction = (c: DescriptionClass | null) => c === "noun" || c === "conjunction";

/** A list; each element is merged on its own, so `mkIf` inside a list works. */
export function listOf<T, D = never>(
  elemType: OptionType<T, D>,
): OptionType<T[], readonly DefinitionValue<T, D>[]>;
export function listOf<T>(elemType: OptionType<T>): OptionType<T[]> {
  const hit = memoOf("listOf").get(elemType);
  if (hit) return hit as any;
  const made = makeListOf(elemType);
  memoOf("listOf").set(elemType, made);
  return made;
}

function makeListOf<T>(elemType: OptionType<T>): OptionType<any> {
  return mkOptionType<T[]>({
    name: "listOf",
    description: () => `list of ${descriptionPhrase(nounOrComposite, elemType)}`,
    descriptionClass: "composite",
    check: Array.isArray,
    merge: (loc, defs) => {
      const out: T[] = [];
      for (let n = 0; n < defs.length; n++) {
        const d = defs[n];
        const list = d.value as unknown[];
        for (let m = 0; m < list.length; m++) {
          const l = [...loc, `[definition ${n + 1}-entry ${m + 1}]`];
          const final = finalDefinitions(l, [{ file: d.file, value: list[m] }]);
          if (final.values.length === 0) continue;
          try {
            out.push(mergeFinal(l, elemType, final) as T);
          } catch (e) {
            // Nix checks an element only when it is read: keep the failure in that element
            // (a getter that throws it), so the rest of the list stays usable.
            if (!(e instanceof ModuleError)) throw e;
            const i = out.length;
            out.push(undefined as T);
            Object.defineProperty(out, i, {
              enumerable: true,
              configurable: true,
              get() {
                throw e;
              },
            });
          }
        }
      }
      return out;
    },
    emptyValue: { value: [] },
    getSubOptions: (prefix) => elemType.getSubOptions([...prefix, "*"]),
    getSubModules: elemType.getSubModules,
    substSubModules: (m) => listOf(elemType.substSubModules(m) as OptionType<T>),
    functor: elemTypeFunctor("listOf", { elemType }, (p) => listOf(p.elemType)),
    nestedTypes: { elemType },
  });
}

/** A non-empty list. */
export function nonEmptyListOf<T, D = never>(
  elemType: OptionType<T, D>,
): OptionType<T[], readonly DefinitionValue<T, D>[]>;
export function nonEmptyListOf<T>(elemType: OptionType<T>): OptionType<T[]> {
  const l = addCheck(listOf(elemType), (x) => x.length > 0);
  return {
    ...l,
    description: `non-empty ${descriptionPhrase((c) => c === "noun", l)}`,
    emptyValue: {},
    substSubModules: (m) => nonEmptyListOf(elemType.substSubModules(m) as OptionType<T>),
  };
}

/** Attribute sets of one element type, with options for laziness and the doc placeholder. */
export function attrsWith<T, D = never>(spec: {
  elemType: OptionType<T, D>;
  lazy?: boolean;
  placeholder?: string;
}): OptionType<Record<string, T>, Record<string, DefinitionValue<T, D>>>;
export function attrsWith<T>(spec: {
  elemType: OptionType<T>;
  lazy?: boolean;
  placeholder?: string;
}): OptionType<Record<string, T>> {
  const { elemType } = spec;
  const lazy = spec.lazy ?? false;
  const placeholder = spec.placeholder ?? "name";
  return mkOptionType<Record<string, T>>({
    name: lazy ? "lazyAttrsOf" : "attrsOf",
    description: () =>
      `${lazy ? "lazy attribute set" : "attribute set"} of ${descriptionPhrase(nounOrComposite, elemType)}`,
    descriptionClass: "composite",
    check: isPlainObject,
    merge: (loc, defs) => mergeAttrsOf(loc, defs, elemType, lazy) as Record<string, T>,
    emptyValue: { value: {} },
    getSubOptions: (prefix) => elemType.getSubOptions([...prefix, `<${placeholder}>`]),
    getSubModules: elemType.getSubModules,
    substSubModules: (m) =>
      attrsWith({ elemType: elemType.substSubModules(m) as OptionType<T>, lazy, placeholder }),
    functor: {
      name: "attrsWith",
      type: (p: { elemType: OptionType<T>; lazy: boolean; placeholder: string }) => attrsWith(p),
      wrapped: null,
      payload: { elemType, lazy, placeholder },
      binOp: (a, b) => {
        const e = a.elemType.typeMerge(b.elemType.functor);
        const lz = a.lazy === b.lazy ? a.lazy : null;
        const ph =
          a.placeholder === b.placeholder
            ? a.placeholder
            : a.placeholder === "name"
              ? b.placeholder
              : b.placeholder === "name"
                ? a.placeholder
                : null;
        return e === null || lz === null || ph === null
          ? null
          : { elemType: e, lazy: lz, placeholder: ph };
      },
    },
    nestedTypes: { elemType },
  });
}

/** An attribute set of values of one type. */
export function attrsOf<T, D = never>(
  elemType: OptionType<T, D>,
): OptionType<Record<string, T>, Record<string, DefinitionValue<T, D>>>;
export function attrsOf<T>(elemType: OptionType<T>): OptionType<Record<string, T>> {
  const hit = memoOf("attrsOf").get(elemType);
  if (hit) return hit as any;
  const made = makeAttrsOf(elemType);
  memoOf("attrsOf").set(elemType, made);
  return made;
}

function makeAttrsOf<T>(elemType: OptionType<T>): OptionType<any> {
  return attrsWith({ elemType });
}

/** Like attrsOf, but values stay lazy: a `mkIf false` entry still has its name. */
export function lazyAttrsOf<T, D = never>(
  elemType: OptionType<T, D>,
): OptionType<Record<string, T>, Record<string, DefinitionValue<T, D>>>;
export function lazyAttrsOf<T>(elemType: OptionType<T>): OptionType<Record<string, T>> {
  const hit = memoOf("lazyAttrsOf").get(elemType);
  if (hit) return hit as any;
  const made = makeLazyAttrsOf(elemType);
  memoOf("lazyAttrsOf").set(elemType, made);
  return made;
}

function makeLazyAttrsOf<T>(elemType: OptionType<T>): OptionType<any> {
  return attrsWith({ elemType, lazy: true });
}

/** Null, or a value of `elemType`; null and non-null definitions do not mix. */
export function nullOr<T, D = never>(
  elemType: OptionType<T, D>,
): OptionType<T | null, DefinitionValue<T, D> | null>;
export function nullOr<T>(elemType: OptionType<T>): OptionType<T | null> {
  const hit = memoOf("nullOr").get(elemType);
  if (hit) return hit as any;
  const made = makeNullOr(elemType);
  memoOf("nullOr").set(elemType, made);
  return made;
}

function makeNullOr<T>(elemType: OptionType<T>): OptionType<any> {
  return mkOptionType<T | null>({
    name: "nullOr",
    description: () => `null or ${descriptionPhrase(nounOrConjunction, elemType)}`,
    descriptionClass: "conjunction",
    check: (v) => v === null || elemType.check(v),
    merge: (loc, defs) => {
      let nulls = 0;
      for (const d of defs) if (d.value === null) nulls++;
      if (nulls === 0) return elemType.merge(loc, defs);
      if (nulls === defs.length) return null;
      const path = showOption(loc);
      throw new ModuleError("E_CONFLICT", messages.nullAndNotNull(path, getFiles(defs)), {
        optionPath: path,
        files: getFiles(defs),
      });
    },
    emptyValue: { value: null },
    getSubOptions: (prefix) => elemType.getSubOptions(prefix),
    getSubModules: elemType.getSubModules,
    substSubModules: (m) => nullOr(elemType.substSubModules(m) as OptionType<T>),
    functor: elemTypeFunctor("nullOr", { elemType }, (p) => nullOr(p.elemType)),
    nestedTypes: { elemType },
  });
}

/** A value of one of two types; all definitions must agree on which. */
export function either<A, B>(t1: OptionType<A>, t2: OptionType<B>): OptionType<A | B> {
  const description = () =>
    t1.descriptionClass === "nonRestrictiveClause"
      ? `${t1.description}, or ${descriptionPhrase(nounOrConjunction, t2)}`
      : `${descriptionPhrase(nounOrConjunction, t1)} or ${descriptionPhrase(
          (c) => c === "noun" || c === "conjunction" || c === "composite",
          t2,
        )}`;
  const functor: Functor = {
    name: "either",
    type: (p: { elemType: [OptionType<A>, OptionType<B>] }) => either(p.elemType[0], p.elemType[1]),
    wrapped: null,
    payload: { elemType: [t1, t2] },
    binOp: () => null,
  };
  const self: OptionType<A | B> = mkOptionType<A | B>({
    name: "either",
    description,
    descriptionClass: "conjunction",
    check: (v) => t1.check(v) || t2.check(v),
    merge: (loc, defs) => {
      if (defs.every((d) => t1.check(d.value))) return t1.merge(loc, defs);
      if (defs.every((d) => t2.check(d.value))) return t2.merge(loc, defs);
      const path = showOption(loc);
      throw new ModuleError(
        "E_TYPE",
        messages.neitherType(path, t1.description, t2.description, showDefs(defs)),
        {
          optionPath: path,
          files: getFiles(defs),
        },
      );
    },
    typeMerge: (f) => {
      if (f.name !== "either") return null;
      const [o1, o2] = f.payload.elemType as [OptionType, OptionType];
      const m1 = t1.typeMerge(o1.functor);
      const m2 = t2.typeMerge(o2.functor);
      return m1 !== null && m2 !== null ? either(m1, m2) : null;
    },
    functor,
    nestedTypes: { left: t1, right: t2 },
  });
  return self;
}

/** A value of any of the types, tried in order. */
export function oneOf<const Ts extends readonly OptionType<any>[]>(
  ts: Ts,
): OptionType<Ts[number] extends OptionType<infer V> ? V : never> {
  if (ts.length === 0) throw new TypeError("types.oneOf needs at least one type");
  return ts.slice(1).reduce((acc: OptionType<any>, t) => either(acc, t), ts[0]) as any;
}

/** Definitions of `coercedType` are converted with `coerce` into `finalType`. */
export function coercedTo<F, T, D = never>(
  coercedType: OptionType<F>,
  coerce: (v: F) => T,
  finalType: OptionType<T, D>,
): OptionType<T, F | DefinitionValue<T, D>>;
export function coercedTo<F, T>(
  coercedType: OptionType<F>,
  coerce: (v: F) => T,
  finalType: OptionType<T>,
): OptionType<T> {
  if (coercedType.getSubModules !== null) {
    throw new TypeError(
      `coercedTo: coercedType must not have submodules (it's a ${coercedType.description})`,
    );
  }
  return mkOptionType<T>({
    name: "coercedTo",
    description: () =>
      `${descriptionPhrase((c) => c === "noun", finalType)} or ${descriptionPhrase(
        (c) => c === "noun",
        coercedType,
      )} convertible to it`,
    check: (v) => (coercedType.check(v) && finalType.check(coerce(v as F))) || finalType.check(v),
    merge: (loc, defs) =>
      finalType.merge(
        loc,
        defs.map((d) =>
          coercedType.check(d.value) ? { file: d.file, value: coerce(d.value as F) } : d,
        ),
      ),
    emptyValue: finalType.emptyValue,
    getSubOptions: (prefix) => finalType.getSubOptions(prefix),
    getSubModules: finalType.getSubModules,
    substSubModules: (m) =>
      coercedTo(coercedType, coerce, finalType.substSubModules(m) as OptionType<T>),
    typeMerge: () => null,
    nestedTypes: { coercedType, finalType },
  });
}

/** A function whose results (for the same arguments) merge as `elemType`. */
export function functionTo<T>(elemType: OptionType<T>): OptionType<(...args: any[]) => T> {
  return mkOptionType<(...args: any[]) => T>({
    name: "functionTo",
    description: () =>
      `function that evaluates to a(n) ${descriptionPhrase(nounOrComposite, elemType)}`,
    descriptionClass: "composite",
    check: (v) => typeof v === "function",
    merge: (loc, defs) => (arg: unknown) => {
      const l = [...loc, "<function body>"];
      const results: Def[] = defs.map((d) => ({
        file: d.file,
        value: (d.value as (a: unknown) => unknown)(arg),
      }));
      return mergeFinal(l, elemType, finalDefinitions(l, results)) as T;
    },
    getSubOptions: (prefix) => elemType.getSubOptions([...prefix, "<function body>"]),
    getSubModules: elemType.getSubModules,
    substSubModules: (m) => functionTo(elemType.substSubModules(m) as OptionType<T>),
    functor: elemTypeFunctor("functionTo", { elemType }, (p) => functionTo(p.elemType)),
    nestedTypes: { elemType },
  });
}

/** `type`, but defined at most once (with `message` in the error). */
export function unique<T>(spec: { message: string }, type: OptionType<T>): OptionType<T> {
  return mkOptionType<T>({
    name: "unique",
    description: () => type.description,
    descriptionClass: type.descriptionClass,
    check: (v) => type.check(v),
    merge: mergeUniqueOption(spec.message, (loc, defs) => type.merge(loc, defs)) as any,
    emptyValue: type.emptyValue,
    getSubOptions: (p) => type.getSubOptions(p),
    getSubModules: type.getSubModules,
    substSubModules: (m) => unique(spec, type.substSubModules(m) as OptionType<T>),
    functor: elemTypeFunctor("unique", { elemType: type }, (p) => unique(spec, p.elemType)),
    nestedTypes: { elemType: type },
  });
}

/** `type`, but defined at most once. */
export function uniq<T>(type: OptionType<T>): OptionType<T> {
  return unique({ message: "" }, type);
}

/** An integer or a float. */
export const number: OptionType<number> = either(int, float);

export const numbers = {
  between(lo: number, hi: number): OptionType<number> {
    if (lo > hi) throw new RangeError("numbers.between: lowest must be smaller than highest");
    return {
      ...addCheck(number, (x) => x >= lo && x <= hi),
      name: "numberBetween",
      description: `integer or floating point number between ${JSON.stringify(lo)} and ${JSON.stringify(hi)} (both inclusive)`,
    };
  },
  nonnegative: {
    ...addCheck(number, (x) => x >= 0),
    name: "numberNonnegative",
    description: "nonnegative integer or floating point number, meaning >=0",
    descriptionClass: "nonRestrictiveClause",
  } as OptionType<number>,
  positive: {
    ...addCheck(number, (x) => x > 0),
    name: "numberPositive",
    description: "positive integer or floating point number, meaning >0",
    descriptionClass: "nonRestrictiveClause",
  } as OptionType<number>,
};
