import { ModuleError, messages } from "../../errors/index.ts";
/**
 * Types whose values are modules: submodules (evaluated, one evaluation per value), deferred
 * modules (kept as modules for another evaluation to import).
 */
import { isPlainObject, showOption } from "../../lib/index.ts";
import { type Evaluation, evalModules, submoduleRef } from "../eval-modules.ts";
import type { ConfigOf, DefinitionOf, ModuleArgs } from "../infer.ts";
import type { Def } from "../merge.ts";
import { mkOptionDefault } from "../properties.ts";
import {
  type DescriptionClass,
  descriptionPhrase,
  type Functor,
  mkOptionType,
  type OptionType,
} from "./base.ts";

export interface SubmoduleWithSpec {
  modules: readonly unknown[];
  specialArgs?: Record<string, unknown>;
  /** When true, a plain-object definition is the config of a module (not a module). */
  shorthandOnlyDefinesConfig?: boolean | null;
  description?: string | null;
  class?: string | null;
}

const moduleCheck = (v: unknown) =>
  isPlainObject(v) || typeof v === "function" || (typeof v === "string" && v.startsWith("/"));

/** The evaluation behind each submodule value, for tools that need its options (`confed why`). */
const evaluations = new WeakMap<object, Evaluation>();

/**
 * The evaluation a submodule value came from (its `options`, for example), if it is one.
 *
 * @example
 * evaluationOf(config.home.users.myme)?.options.home.username
 */
export function evaluationOf(value: unknown): Evaluation | undefined {
  return typeof value === "object" && value !== null ? evaluations.get(value) : undefined;
}

const nameDefault = {
  _file: "lib/types.nix",
  _module: { args: { name: mkOptionDefault("‹name›") } },
};

/**
 * A submodule with full control: modules, specialArgs visible inside, class, and whether a plain
 * definition is shorthand config.
 *
 * @example
 * types.submoduleWith({ modules: [userModule], specialArgs: { osConfig }, class: "home" })
 */
export function submoduleWith<T = Record<string, any>>(spec: SubmoduleWithSpec): OptionType<T> {
  const modules = spec.modules;
  const specialArgs = spec.specialArgs ?? {};
  const shorthand = spec.shorthandOnlyDefinesConfig ?? false;
  const cls = spec.class ?? null;
  let baseEval: ReturnType<typeof evalModules> | undefined;
  const base = () =>
    (baseEval ??= evalModules({
      modules: [nameDefault, ...modules],
      specialArgs,
      class: cls,
      moduleArgs: { name: "‹name›" },
    }));

  const allModules = (defs: readonly Def[]) =>
    defs.map(({ value, file }) =>
      isPlainObject(value) && shorthand
        ? { _file: file, config: value }
        : { _file: file, imports: [value] },
    );

  const functor: Functor = {
    name: "submodule",
    type: (p: SubmoduleWithSpec) => submoduleWith(p),
    wrapped: null,
    payload: {
      modules,
      class: cls,
      specialArgs,
      shorthandOnlyDefinesConfig:
        spec.shorthandOnlyDefinesConfig === undefined ? false : spec.shorthandOnlyDefinesConfig,
      description: spec.description ?? null,
    },
    binOp: (lhs: any, rhs: any) => {
      const pick = (what: string, a: any, b: any) => {
        if (a === null || a === undefined) return b ?? null;
        if (b === null || b === undefined) return a;
        if (a === b) return a;
        throw new ModuleError(
          "E_ALREADY_DECLARED",
          messages.typeMergeConflict(`conflicting ${what}`),
        );
      };
      const shared = Object.keys(lhs.specialArgs).filter((k) => Object.hasOwn(rhs.specialArgs, k));
      if (shared.length) {
        throw new ModuleError(
          "E_ALREADY_DECLARED",
          messages.typeMergeConflict(`the same specialArgs "${shared.join(" ")}"`),
        );
      }
      return {
        class: pick("class values", lhs.class, rhs.class),
        modules: [...lhs.modules, ...rhs.modules],
        specialArgs: { ...lhs.specialArgs, ...rhs.specialArgs },
        shorthandOnlyDefinesConfig: pick(
          "shorthandOnlyDefinesConfig values",
          lhs.shorthandOnlyDefinesConfig,
          rhs.shorthandOnlyDefinesConfig,
        ),
        description: pick("descriptions", lhs.description, rhs.description),
      };
    },
  };

  const t = mkOptionType<T>({
    name: "submodule",
    descriptionClass: null,
    check: moduleCheck,
    merge: (loc, defs) => {
      const name = loc.length ? loc[loc.length - 1] : "‹name›";
      const ev = evalModules({
        modules: [
          nameDefault,
          ...modules,
          { _file: "lib/types.nix", _module: { args: { name } } },
          ...allModules(defs),
        ],
        specialArgs,
        class: cls,
        prefix: loc,
        moduleArgs: { name },
      });
      evaluations.set(ev.config as object, ev);
      return ev.config as T;
    },
    getSubOptions: (prefix) =>
      evalModules({
        modules: [nameDefault, ...modules, { _module: { check: false } }],
        specialArgs,
        class: cls,
        prefix,
        moduleArgs: { name: prefix.length ? prefix[prefix.length - 1] : "‹name›" },
      }).options,
    getSubModules: modules,
    substSubModules: (m) => submoduleWith({ ...spec, modules: m }),
    functor,
  });
  // The description and the empty value need the base evaluation: compute them on demand.
  Object.defineProperty(t, "description", {
    enumerable: true,
    get() {
      if (spec.description) return spec.description;
      const ff = base()._module.freeformType as OptionType | null;
      return ff
        ? `open submodule of ${descriptionPhrase((c: DescriptionClass | null) => c === "noun" || c === "composite", ff)}`
        : "submodule";
    },
  });
  Object.defineProperty(t, "emptyValue", {
    enumerable: true,
    get() {
      return { value: base().config };
    },
  });
  Object.defineProperty(t, "nestedTypes", {
    enumerable: true,
    get() {
      const ff = base()._module.freeformType as OptionType | null;
      return ff ? { freeformType: ff } : {};
    },
  });
  return t;
}

/**
 * A submodule: an attribute set with its own options. A plain-object definition is its config.
 *
 * @example
 * users: mkOption({ type: types.attrsOf(types.submodule(({ name }) => ({
 *   options: { home: mkOption({ type: types.str, get default() { return `/home/${name}` } }) },
 * }))) })
 */
export function submodule<O = unknown>(
  module: SubmoduleModule<O>,
): OptionType<ConfigOf<O>, DefinitionOf<O> | ((args: ModuleArgs<ConfigOf<O>>) => unknown)>;
export function submodule<T = Record<string, any>>(module: unknown): OptionType<T> {
  return submoduleWith<T>({
    modules: Array.isArray(module) ? module : [module],
    shorthandOnlyDefinesConfig: true,
  });
}

/**
 * What `types.submodule` takes, as far as the type level follows it: the options of a module
 * object or of a function returning one are inferred; anything else (a list of modules, a path)
 * leaves the value type `Record<string, any>`.
 */
export type SubmoduleModule<O> =
  | { options?: O; config?: unknown; imports?: readonly unknown[]; freeformType?: unknown }
  | ((args: ModuleArgs) => { options?: O; config?: unknown; imports?: readonly unknown[] })
  | object
  | string;

/** A module kept as a value, to be imported by another evaluation (e.g. a home profile). */
export function deferredModuleWith(
  spec: { staticModules?: readonly unknown[] } = {},
): OptionType<{ imports: unknown[] }, unknown> {
  const staticModules = spec.staticModules ?? [];
  const sub = submoduleWith({ modules: staticModules });
  return mkOptionType<{ imports: unknown[] }>({
    name: "deferredModule",
    description: "module",
    descriptionClass: "noun",
    check: moduleCheck,
    merge: (loc, defs) => ({
      imports: [
        ...staticModules,
        ...defs.map((d) => ({
          _file: `${d.file}, via option ${showOption(loc)}`,
          imports: [d.value],
        })),
      ],
    }),
    getSubOptions: (prefix) => sub.getSubOptions(prefix),
    getSubModules: staticModules,
    substSubModules: (m) => deferredModuleWith({ staticModules: m }),
    functor: {
      name: "deferredModuleWith",
      type: (p: { staticModules: unknown[] }) => deferredModuleWith(p),
      wrapped: null,
      payload: { staticModules },
      binOp: (a, b) => ({ staticModules: [...a.staticModules, ...b.staticModules] }),
    },
  });
}

export const deferredModule = deferredModuleWith();

submoduleRef.submoduleWith = submoduleWith;
