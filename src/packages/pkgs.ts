/**
 * `makePkgs`: the package set modules receive as `pkgs`, the catalog extended by overlays.
 *
 * Overlays compose as in nixpkgs: each is `(final, prev) => ({ ...changes })`, applied in
 * order; `prev` is the set before the overlay, `final` the finished set. JavaScript is eager, so
 * the fixpoint is a view rather than a lazy value:
 *
 * - Each overlay is called once, in order. Its result is kept as it is (not copied), so a
 *   getter in it stays lazy and runs only when its name is read.
 * - Reading `final.x` *inside a getter* sees every overlay. Reading it *eagerly* while an
 *   overlay runs sees what is known so far: the catalog and the overlays before this one (the
 *   same as `prev.x`). Write `get x() { return final.y.override(...) }` to depend on later ones.
 * - Once every overlay has run, each value is computed at most once: `pkgs.x === pkgs.x`.
 *   Nothing is remembered while overlays are still running, because what `final` means grows.
 *
 * Reading a name nobody defines throws `E_PKG_UNKNOWN` with near misses. The names tools probe
 * objects with (`then`, `toJSON`, `$$typeof`, symbols, ...) read as undefined and `in` never
 * throws, so `await`, test matchers and `util.inspect` handle a `pkgs` safely.
 */

import { type ConfedError, isConfedError } from "../errors/index.ts";
import { isPlainObject, suggest } from "../lib/index.ts";
import {
  fetchurl,
  runCommand,
  symlinkJoin,
  writeShellScript,
  writeShellScriptBin,
  writeText,
} from "./builders.ts";
import { type CatalogName, catalogNames, catalogPackage, inCatalog } from "./catalog.ts";
import {
  checkFamily,
  type DistroPackage,
  type DistroPackageOverrides,
  distroPackage,
  type Family,
} from "./distro-package.ts";
import { didYouMean, PackagesError } from "./packages-error.ts";

/** The store builders every `pkgs` has. */
const BUILDERS = {
  writeText,
  writeShellScript,
  writeShellScriptBin,
  symlinkJoin,
  runCommand,
  fetchurl,
};

/**
 * The members every `pkgs` has besides its packages.
 *
 * @example
 * const extra = pkgs.family === "pacman" ? [pkgs.distro("yay")] : [];
 */
export type PkgsBuiltins = {
  /**
   * A reference to any distro package, for one the catalog lacks; `names` gives per-family
   * names (the rest default to `name`).
   *
   * @example
   * pkgs.distro("foo", { apt: "foo-bar" }) // apt installs foo-bar, dnf and pacman foo
   */
  /** Store builders (see builders.ts). */
  readonly writeText: typeof writeText;
  readonly writeShellScript: typeof writeShellScript;
  readonly writeShellScriptBin: typeof writeShellScriptBin;
  readonly symlinkJoin: typeof symlinkJoin;
  readonly runCommand: typeof runCommand;
  readonly fetchurl: typeof fetchurl;
  readonly distro: (
    name: string,
    names?: DistroPackageOverrides["names"],
    extra?: Omit<DistroPackageOverrides, "names">,
  ) => DistroPackage;
  /** The family the set is for (`makePkgs({ family })`), or undefined when not fixed. */
  readonly family: Family | undefined;
};

/**
 * The package set: every catalog name typed as a reference, plus the builtins.
 *
 * @example
 * export default ({ pkgs }: { pkgs: Pkgs }) => ({ home: { packages: [pkgs.mosh] } });
 */
export type Pkgs = { readonly [K in CatalogName]: DistroPackage } & PkgsBuiltins;

/**
 * What an overlay sees as `final` and `prev`: catalog names typed, other names loosely.
 *
 * @example
 * const o = (final: PkgsView, prev: PkgsView) => ({ tools: [final.git, prev.myTool] });
 */
export type PkgsView = Pkgs & { readonly [name: string]: any };

/**
 * An overlay: returns the names it adds or replaces. A value may be a getter to stay lazy.
 *
 * @example
 * const mine: Overlay = (final, prev) => ({
 *   bat: prev.bat.override({ version: "0.24.0" }),
 *   myme: { apps: { get gitSync() { return final.distro("git-sync") } } },
 * });
 */
export type Overlay = (final: PkgsView, prev: PkgsView) => Record<string, unknown>;

/**
 * Options of `makePkgs`.
 *
 * @example
 * makePkgs({ family: "apt", overlays: [agenixOverlay, selfOverlay] } satisfies MakePkgsOptions)
 */
export interface MakePkgsOptions<O extends readonly Overlay[] = readonly Overlay[]> {
  /** Applied in order, as nixpkgs' `overlays`. */
  readonly overlays?: O;
  /** The distro family of the target, exposed as `pkgs.family`. */
  readonly family?: Family;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/**
 * What a list of overlays adds to the set's type (the intersection of their results).
 *
 * @example
 * type Added = OverlaysResult<[() => { agenix: DistroPackage }]>; // { agenix: DistroPackage }
 */
export type OverlaysResult<O extends readonly Overlay[]> = O extends readonly []
  ? unknown
  : UnionToIntersection<ReturnType<O[number]>>;

// Names tools read to find out what an object is (thenables, JSON, test matchers, React,
// DOM checks, module interop, Nix-style `_type`). They are never packages.
const PROBES: ReadonlySet<string> = new Set([
  "then",
  "constructor",
  "toJSON",
  "valueOf",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "_type",
  "__esModule",
  "__proto__",
  "prototype",
  "length",
  "inspect",
  "@@iterator",
]);
const BUILTINS: ReadonlySet<string> = new Set([
  "distro",
  "family",
  "toString",
  ...Object.keys(BUILDERS),
]);
const NOT_FOUND: unique symbol = Symbol("not found");

function distro(
  name: string,
  names?: DistroPackageOverrides["names"],
  extra?: Omit<DistroPackageOverrides, "names">,
): DistroPackage {
  const version = extra?.version === null ? undefined : extra?.version;
  return distroPackage({ ...extra, name, names, version });
}

/** One `makePkgs` call's state, shared by its `final` view and its overlays' `prev` views. */
class PkgsState {
  readonly layers: Record<string, unknown>[] = [];
  /** Which overlay produced each layer, for messages. */
  readonly labels: string[] = [];
  sealed = false;
  /** Once sealed: `final`'s values by name. */
  readonly values = new Map<string, unknown>();
  /** Once sealed: getter results by "layer index \0 name", shared by every view. */
  readonly getterValues = new Map<string, unknown>();
  /** Getters being evaluated ("layer index \0 name"), to report cycles. */
  readonly running = new Set<string>();
  sortedKeys: string[] | undefined;

  constructor(readonly family: Family | undefined) {}

  /** The value of `name` seen through the first `depth` layers, or NOT_FOUND. */
  lookup(name: string, depth: number): unknown {
    for (let i = depth - 1; i >= 0; i--) {
      const layer = this.layers[i];
      const d = Object.getOwnPropertyDescriptor(layer, name);
      if (d === undefined) continue;
      return d.get ? this.runGetter(i, name, d.get, layer) : d.value;
    }
    return catalogPackage(name) ?? NOT_FOUND;
  }

  has(name: string, depth: number): boolean {
    for (let i = depth - 1; i >= 0; i--) if (Object.hasOwn(this.layers[i], name)) return true;
    return inCatalog(name);
  }

  keys(depth: number): string[] {
    if (depth === this.layers.length && this.sealed && this.sortedKeys) return this.sortedKeys;
    // Usually overlays add few names: sort only those and merge them into the sorted catalog.
    const extra = new Set<string>();
    for (let i = 0; i < depth; i++)
      for (const k of Object.keys(this.layers[i])) if (!inCatalog(k)) extra.add(k);
    const sorted = extra.size === 0 ? [...catalogNames] : [...catalogNames, ...extra].sort();
    if (depth === this.layers.length && this.sealed) this.sortedKeys = sorted;
    return sorted;
  }

  private runGetter(i: number, name: string, get: () => unknown, layer: object): unknown {
    const key = `${i}\0${name}`;
    if (this.sealed && this.getterValues.has(key)) return this.getterValues.get(key);
    if (this.running.has(key))
      throw new PackagesError(
        "E_PKG_CYCLE",
        `The package \`${name}' from ${this.labels[i]} depends on itself: its getter reads ` +
          `\`final.${name}' (directly or through other packages). Read \`prev.${name}' for ` +
          "the value before the overlay.",
        { name },
      );
    this.running.add(key);
    let v: unknown;
    try {
      v = get.call(layer);
    } catch (e) {
      throw withContext(e, `while evaluating \`pkgs.${name}' from ${this.labels[i]}`, name);
    } finally {
      this.running.delete(key);
    }
    if (this.sealed) this.getterValues.set(key, v);
    return v;
  }
}

/** A ConfedError gets a context frame; anything else becomes an E_PKG_OVERLAY caused by it. */
function withContext(e: unknown, frame: string, name?: string): ConfedError {
  if (isConfedError(e)) return e.addContext(frame);
  const msg = e instanceof Error ? e.message : String(e);
  return new PackagesError("E_PKG_OVERLAY", `Failed ${frame}: ${msg}`, { name, cause: e });
}

function readOnly(): never {
  throw new PackagesError(
    "E_PKG_READONLY",
    "`pkgs' cannot be changed in place: add or replace packages with an overlay, " +
      "(final, prev) => ({ name: ... }).",
  );
}

/**
 * A view of the set: `final` (depth undefined: every layer there is when read) or an
 * overlay's `prev` (the layers before it).
 */
function view(state: PkgsState, depth: number | undefined, who: string): any {
  const target = Object.create(null);
  Object.defineProperty(target, Symbol.for("nodejs.util.inspect.custom"), {
    value: () =>
      `[${who}: ${state.keys(depth ?? state.layers.length).length} names${state.family ? `, family ${state.family}` : ""}]`,
    configurable: true,
  });
  const builtin = (name: string): unknown =>
    name === "distro"
      ? distro
      : name === "family"
        ? state.family
        : Object.hasOwn(BUILDERS, name)
          ? BUILDERS[name as keyof typeof BUILDERS]
          : () => who;
  const get = (name: string): unknown => {
    const d = depth ?? state.layers.length;
    const final = depth === undefined && state.sealed;
    if (final && state.values.has(name)) return state.values.get(name);
    const v = state.lookup(name, d);
    if (v === NOT_FOUND) throw unknownName(state, name, depth, who);
    if (final) state.values.set(name, v);
    return v;
  };
  return new Proxy(target, {
    get(t, name) {
      if (typeof name === "symbol") return Reflect.get(t, name);
      if (PROBES.has(name)) return undefined;
      if (BUILTINS.has(name)) return builtin(name);
      return get(name);
    },
    has(t, name) {
      if (typeof name === "symbol") return Reflect.has(t, name);
      if (PROBES.has(name)) return false;
      return BUILTINS.has(name) || state.has(name, depth ?? state.layers.length);
    },
    ownKeys: () => state.keys(depth ?? state.layers.length),
    getOwnPropertyDescriptor(t, name) {
      if (typeof name === "symbol") return Reflect.getOwnPropertyDescriptor(t, name);
      if (PROBES.has(name)) return undefined;
      if (BUILTINS.has(name))
        return { value: builtin(name), writable: false, enumerable: false, configurable: true };
      if (!state.has(name, depth ?? state.layers.length)) return undefined;
      // An accessor, so that Object.keys (which asks for descriptors) computes nothing.
      return { get: () => get(name), set: undefined, enumerable: true, configurable: true };
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
    setPrototypeOf: readOnly,
    preventExtensions: readOnly,
  });
}

function unknownName(state: PkgsState, name: string, depth: number | undefined, who: string) {
  const shown = depth === undefined && !state.sealed ? "final" : who;
  const known = state.keys(depth ?? state.layers.length);
  const suggestions = suggest(name, known);
  const where =
    depth !== undefined
      ? ` (\`prev' holds the catalog and the overlays before this one)`
      : state.sealed
        ? ""
        : " (overlays still running: eagerly, `final' holds only the overlays applied so far; " +
          "read it inside a getter to see them all)";
  return new PackagesError(
    "E_PKG_UNKNOWN",
    `The package \`${shown}.${name}' does not exist: neither confed's catalog nor an overlay ` +
      `defines it${where}.${didYouMean(suggestions)}\n\nA distro package the catalog lacks can ` +
      `be named directly: pkgs.distro(${JSON.stringify(name)}, { apt: "...", dnf: "...", pacman: "..." }).`,
    { name, suggestions },
  );
}

function overlayLabel(o: Overlay, i: number): string {
  return o.name ? `overlay ${i + 1} (\`${o.name}')` : `overlay ${i + 1}`;
}

function apply(state: PkgsState, final: unknown, overlays: readonly Overlay[]): void {
  for (let i = 0; i < overlays.length; i++) {
    const o = overlays[i];
    if (typeof o !== "function")
      throw new PackagesError(
        "E_PKG_OVERLAY",
        `overlay ${i + 1} is not a function but ${o === null ? "null" : typeof o}; an overlay ` +
          "is written (final, prev) => ({ ... }).",
      );
    const label = overlayLabel(o, i);
    let result: unknown;
    try {
      result = o(final as PkgsView, view(state, i, "prev") as PkgsView);
    } catch (e) {
      throw withContext(e, `while applying ${label}`);
    }
    if (!isPlainObject(result))
      throw new PackagesError(
        "E_PKG_OVERLAY",
        `${label} returned ${Array.isArray(result) ? "an array" : result === null ? "null" : typeof result}; ` +
          "an overlay returns an attribute set of the packages it adds or replaces, such as " +
          '{ mosh: prev.mosh.override({ version: "1.4.0" }) }.',
      );
    for (const k of Object.keys(result))
      if (PROBES.has(k) || BUILTINS.has(k))
        throw new PackagesError(
          "E_PKG_OVERLAY",
          `${label} defines \`${k}', a name pkgs keeps for itself (builtins: distro, family, ` +
            "toString; names tools probe objects with: then, toJSON, constructor, ...).",
          { name: k },
        );
    state.layers.push(result);
    state.labels.push(label);
  }
  state.sealed = true;
}

/**
 * The package set handed to modules as `pkgs`: every catalog entry as a shared, immutable
 * reference, extended by `overlays` in order (see the file comment for how `final` and `prev`
 * behave). Cheap to call: references are shared and overlay results are not copied.
 *
 * @example
 * const pkgs = makePkgs({
 *   family: "apt",
 *   overlays: [
 *     (final, prev) => ({ fd: prev.fd.override({ version: "8.7.0-3" }) }),
 *     (final, prev) => ({ myme: { apps: { get tools() { return [final.fd, final.bat] } } } }),
 *   ],
 * });
 * pkgs.mosh.names.apt      // "mosh"
 * pkgs.myme.apps.tools[0]  // the overridden fd
 * pkgs.moshh               // throws E_PKG_UNKNOWN: ... Did you mean `mosh'?
 */
// The overload with overlays comes first: TypeScript gives an overlay's parameters their types
// from the first overload an argument fits, and `{ family, overlays }` fits a `{ family }` too.
export function makePkgs<const O extends readonly Overlay[]>(
  options: MakePkgsOptions<O> & { readonly overlays: O },
): Pkgs & OverlaysResult<O>;
export function makePkgs(options?: { readonly family?: Family }): Pkgs;
export function makePkgs(options: MakePkgsOptions = {}): Pkgs {
  if (options.family !== undefined) checkFamily(options.family);
  const state = new PkgsState(options.family);
  const final = view(state, undefined, "pkgs");
  apply(state, final, options.overlays ?? []);
  return final;
}
