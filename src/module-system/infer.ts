/**
 * The module system at the type level (types only: nothing here exists at run time).
 *
 * An option tree (plain objects whose leaves are `mkOption(...)` results) gives two types: what
 * modules read (`ConfigOf`) and what one module may write (`DefinitionOf`, a deep partial that
 * also takes coercedTo inputs). Modules register their option trees in `ConfedSystemModules` /
 * `ConfedHomeModules`, one key per module, and the config of a machine or home is that of the
 * registered trees merged, so several modules can add options under one prefix (`programs`)
 * without knowing about each other.
 *
 * Where inference cannot reach (a submodule built from a list of modules, `submoduleWith`, an
 * empty registry) the type is `Record<string, any>`: nothing is checked there, and nothing valid
 * is rejected either. The catch-all option types (`anything`, `raw`, `unspecified`, an option
 * without a type) are `unknown`: readers narrow them, writers may write anything.
 *
 * Cost: every type here is a mapped or conditional type one level deep per namespace, evaluated
 * lazily, with no recursion beyond the depth of the option trees themselves; the registries are
 * merged once into one tree (an intersection of the trees, mapped once), which keeps checking a
 * definition against a hundred registered modules about as cheap as against one.
 */
import type { PACKAGE } from "../lib/index.ts";
import type { lib } from "./index.ts";
import type { OptionType } from "./types/base.ts";

/**
 * A package reference: any value carrying the package brand (`types.package` checks the brand at
 * run time).
 *
 * @example
 * const git: Package = pkgs.git;
 */
export type Package = { readonly [K in typeof PACKAGE]: true };

type Primitive = string | number | boolean | bigint | symbol | null | undefined;
type AnyFunction = (...args: any[]) => unknown;

/**
 * A definition of a value of type `T` when the option type says nothing more precise (`D` is
 * `never`): a partial value, since definitions of attribute sets merge (lists take element
 * definitions, scalars are whole). Otherwise `D`, what the type says a definition may be.
 *
 * @example
 * const def: DefinitionValue<{ a: number; b: string }> = { a: 1 };
 */
export type DefinitionValue<T, D = never> = [D] extends [never] ? PartialValue<T> : D;

// Distributes over unions (`string[] | null`); `unknown` stays `unknown`, `any` stays `any`.
type PartialValue<T> = T extends Primitive | AnyFunction | Package
  ? T
  : T extends readonly (infer E)[]
    ? readonly PartialValue<E>[]
    : T extends object
      ? { [K in keyof T]?: PartialValue<T[K]> }
      : T;

/** `any` is the one type that is both a subtype and a supertype of `1`. */
type IsAny<T> = 0 extends 1 & T ? true : false;

/**
 * The option trees inference cannot see into: `any`, `unknown`, and `never`, which is what a
 * module's own options are while TypeScript is still inferring them (a `mkIf` inside that module
 * is typed at that moment and must not be typed against nothing).
 */
type Opaque<O> = [O] extends [never]
  ? true
  : IsAny<O> extends true
    ? true
    : unknown extends O
      ? true
      : false;

// A leaf is an option: `Option` has the phantom key `__option` and no namespace does. (Plain
// assignability to `Option` would also match a namespace whose options happen to be named like
// option attributes, `default` or `example`.) The types come from phantom properties, so an
// option two modules declare (an intersection of two `Option`s, as two declarations of a
// submodule option merge) has the intersection of both values.
type ConfigTree<O> = {
  -readonly [K in keyof O]: "__option" extends keyof O[K]
    ? O[K] extends { readonly __option?: infer V }
      ? V
      : unknown
    : ConfigTree<O[K]>;
};

type DefinitionTree<O> = {
  -readonly [K in keyof O]?: "__option" extends keyof O[K]
    ? O[K] extends { readonly __definition?: infer Def }
      ? OneIndex<Def>
      : unknown
    : DefinitionTree<O[K]>;
};

// Two declarations of an attrsOf(submodule) option give `Record<string, A> & Record<string, B>`.
// TypeScript does not check an object literal for excess properties under an intersection of
// index signatures, so a typo in an entry would pass: make it one `Record<string, A & B>`.
type OneIndex<Def> =
  IsAny<Def> extends true
    ? Def
    : string extends keyof Def
      ? Record<string, Def[string & keyof Def]>
      : Def;

/**
 * The config an option tree declares: each option becomes its value type (what `apply` returns
 * when it has one), each namespace an object.
 *
 * @example
 * const options = { programs: { git: { enable: mkEnableOption("Git"), userName: mkOption({ type: types.str }) } } };
 * type Git = ConfigOf<typeof options>["programs"]["git"]; // { enable: boolean; userName: string }
 */
export type ConfigOf<O> = Opaque<O> extends true ? Record<string, any> : ConfigTree<O>;

/**
 * What one module may write for an option tree: every namespace and option optional, attribute
 * sets and submodule values partial, coercedTo options also taking their input type. Values may
 * be `mkIf`, `mkMerge`, `mkDefault`, `mkForce`, `mkOverride` or `mkOrder` results (typed as
 * their content) and getters.
 *
 * @example
 * const def: DefinitionOf<typeof options> = {
 *   programs: { git: { enable: mkDefault(true), userName: mkIf(() => cfg.personal, "me") } },
 * };
 */
export type DefinitionOf<O> = Opaque<O> extends true ? Record<string, any> : DefinitionTree<O>;

/**
 * The option trees of system (machine) modules, one key per module. Augment it next to each
 * module's options; several modules may add options under one prefix.
 *
 * @example
 * declare module "confed" {
 *   interface ConfedSystemModules {
 *     "programs/git": typeof gitOptions;
 *   }
 * }
 */
// biome-ignore lint/suspicious/noEmptyInterface: modules add their option trees by augmentation.
export interface ConfedSystemModules {}

/**
 * The option trees of home modules, one key per module (see `ConfedSystemModules`).
 *
 * @example
 * declare module "confed" {
 *   interface ConfedHomeModules {
 *     "programs/bash": typeof bashOptions;
 *   }
 * }
 */
// biome-ignore lint/suspicious/noEmptyInterface: modules add their option trees by augmentation.
export interface ConfedHomeModules {}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/**
 * The config of a registry (an object type of option trees, one key per module): the config of
 * the trees merged. The intersection of the trees is their deep merge (`(A & B)["programs"]` is
 * `A["programs"] & B["programs"]`), and `ConfigOf` maps it into one object type per namespace.
 * An empty registry checks nothing: `Record<string, any>`.
 *
 * @example
 * type Config = ConfigOfModules<{ "programs/git": typeof gitOptions; "programs/bash": typeof bashOptions }>;
 */
export type ConfigOfModules<R> = [keyof R] extends [never]
  ? Record<string, any>
  : ConfigOf<UnionToIntersection<R[keyof R]>>;

/**
 * What a module may write for a registry (see `ConfigOfModules`).
 *
 * @example
 * const def: DefinitionOfModules<{ "programs/git": typeof gitOptions }> = { programs: { git: { enable: true } } };
 */
export type DefinitionOfModules<R> = [keyof R] extends [never]
  ? Record<string, any>
  : DefinitionOf<UnionToIntersection<R[keyof R]>>;

/**
 * The config of a machine: the registered system option trees, merged.
 *
 * @example
 * function hostName(config: SystemConfig): string { return config.networking.hostName; }
 */
export interface SystemConfig extends ConfigOfModules<ConfedSystemModules> {}

/**
 * The config of a home: the registered home option trees, merged.
 *
 * @example
 * function shell(config: HomeConfig): string { return config.home.username; }
 */
export interface HomeConfig extends ConfigOfModules<ConfedHomeModules> {}

/**
 * What a system module may write (see `DefinitionOf`).
 *
 * @example
 * const server: SystemDefinition = { networking: { hostName: "nuckie" } };
 */
export interface SystemDefinition extends DefinitionOfModules<ConfedSystemModules> {}

/**
 * What a home module may write (see `DefinitionOf`).
 *
 * @example
 * const minimal: HomeDefinition = { home: { packages: [] } };
 */
export interface HomeDefinition extends DefinitionOfModules<ConfedHomeModules> {}

// Both registries, for modules that may go into a machine or a home.
type AnyModules = {
  [K in keyof ConfedSystemModules as `system:${K & string}`]: ConfedSystemModules[K];
} & { [K in keyof ConfedHomeModules as `home:${K & string}`]: ConfedHomeModules[K] };

/**
 * The config a module for machines and homes alike reads: both registries merged.
 *
 * @example
 * const enabled = (config: AnyConfig) => config.programs.git.enable;
 */
export interface AnyConfig extends ConfigOfModules<AnyModules> {}

/**
 * What a module for machines and homes alike may write: both registries merged.
 *
 * @example
 * const def: AnyDefinition = { programs: { git: { enable: true } } };
 */
export interface AnyDefinition extends DefinitionOfModules<AnyModules> {}

/**
 * The arguments of a module function: `config` (typed), `options`, `lib`, `name` (in submodules)
 * and whatever `specialArgs` and `_module.args` provide (`pkgs`, `osConfig`, …), untyped.
 *
 * @example
 * const module = ({ config, pkgs }: ModuleArgs<SystemConfig>) => ({ ... });
 */
export interface ModuleArgs<C = Record<string, any>> {
  readonly config: C;
  readonly options: Record<string, any>;
  readonly lib: typeof lib;
  readonly name: string;
  readonly [arg: string]: any;
}

/** The `_module` definitions every module may make. */
interface ModuleInternals {
  _module?: {
    args?: Record<string, unknown>;
    check?: boolean;
    freeformType?: OptionType<any, any>;
  };
}

/** The attributes of a module other than its config (`_module` may also be shorthand config). */
interface ModuleAttributes extends ModuleInternals {
  imports?: readonly unknown[];
  disabledModules?: readonly unknown[];
  _file?: string;
  key?: string;
  _class?: string;
  meta?: Record<string, unknown>;
  freeformType?: OptionType<any, any>;
}

/**
 * A module object: `{ imports?, options?, config? }`, or the shorthand that is its config
 * itself. `O` is its own option tree, `Def` what it may write. (Mixing the two forms is an error
 * the module system reports when it evaluates the module.)
 *
 * @example
 * const module: ModuleObject<typeof options, SystemDefinition & DefinitionOf<typeof options>> = {
 *   options,
 *   config: { programs: { git: { enable: true } } },
 * };
 */
export type ModuleObject<O, Def> = ModuleAttributes & {
  options?: O;
  config?: NoInfer<Def & ModuleInternals>;
} & NoInfer<Def>;

/**
 * A module: an object, or a function of the module arguments returning one. `O` is its own option
 * tree, `C` the config it reads, `Def` what it may write. What `defineModule` and friends take
 * and return.
 *
 * @example
 * type GitModule = Module<typeof gitOptions, SystemConfig, SystemDefinition>;
 */
export type Module<O, C, Def> =
  | ModuleObject<O, Def>
  | ((args: ModuleArgs<NoInfer<C>>) => ModuleObject<O, Def>);
