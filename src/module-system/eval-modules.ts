/**
 * evalModules: the lazy fixpoint of options and definitions, with nixpkgs' semantics.
 *
 * Phases: (1) collect modules — module functions run here, and `config`/`options`/module
 * arguments are lazy views (lazy-ref.ts); (2) everything after is on demand: the option tree is
 * built one attribute level at a time when first read (so a definition's shape may depend on
 * config, as in Nix), each option merges its definitions on first read, and each value is
 * memoised in one slot, with an in-progress mark that reports infinite recursion.
 */
import { ModuleError, messages } from "../errors/index.ts";
import { closest, isPlainObject, showOption, suggest } from "../lib/index.ts";
import { addViewMethods, byName, defineLazy, INSPECT, jsonValue } from "./attrs-value.ts";
import { collectModules, type LoadedModule, SHORTHAND_RESERVED } from "./collect.ts";
import { type DefinitionInfo, explainDefinitions } from "./explain.ts";
import { internalModule } from "./internal-module.ts";
import { type LazyRoot, makeLazyRef, PROBED } from "./lazy-ref.ts";
import { type Def, type FinalDefs, finalDefinitions, kindOf, mergeFinal } from "./merge.ts";
import { isOption, type Option } from "./option.ts";
import {
  If,
  isIf,
  isMerge,
  isOverride,
  mkOptionDefault,
  Override,
  propertyKind,
} from "./properties.ts";
import { defRefs, showDefs } from "./show.ts";
import type { OptionType } from "./types/base.ts";
import { unspecifiedRef } from "./types/refs.ts";
import { deep, force, isTransient, Thunk } from "./value.ts";

/** Arguments of evalModules. */
export interface EvalModulesArgs {
  modules: readonly unknown[];
  specialArgs?: Record<string, unknown>;
  prefix?: readonly string[];
  class?: string | null;
  /** Loads a module given as a path string (`imports: ["./x.ts"]`); set by the flake loader. */
  load?: (path: string, fromFile: string) => unknown;
  /** Internal: arguments known before collection (a submodule's `name`). */
  moduleArgs?: Record<string, unknown>;
}

/** What evalModules returns. */
export interface Evaluation<C = Record<string, any>> {
  readonly config: C;
  readonly options: Record<string, any>;
  readonly type: OptionType;
  readonly _module: Record<string, any>;
  readonly class: string | null;
  extendModules(args?: {
    modules?: readonly unknown[];
    specialArgs?: Record<string, unknown>;
    prefix?: readonly string[];
  }): Evaluation<C>;
}

/** Set by the package root: the `lib` argument modules receive. */
export const libRef: { value: unknown } = { value: undefined };
/** Set by types/submodule.ts (which imports this file). */
export const submoduleRef: { submoduleWith: ((spec: any) => OptionType) | undefined } = {
  submoduleWith: undefined,
};

interface Decl {
  file: string;
  options: unknown;
}

type Entries = [string, unknown][];

/** Reads the own enumerable entries of an object, keeping getters lazy (as Thunks). */
function entriesOf(obj: Record<string, unknown>, file: string, skip?: Set<string>): Entries {
  const out: Entries = [];
  for (const k of Object.keys(obj)) {
    if (skip?.has(k)) continue;
    const d = Object.getOwnPropertyDescriptor(obj, k)!;
    out.push([k, d.get ? new Thunk(obj, k, d.get, file) : d.value]);
  }
  return out;
}

/** Wraps a pushed-down value in the properties (mkIf/mkOverride) that stood around its set. */
type Wrap = (v: unknown) => unknown;

/**
 * Nix's pushDownProperties, writing straight into the definitions by name: mkMerge splits,
 * mkIf/mkOverride around an attribute set move onto each attribute (so a condition is evaluated
 * only by the options under it), getters stay lazy as Thunks.
 */
function collectDefs(
  value: unknown,
  file: string,
  loc: readonly string[],
  wraps: readonly Wrap[],
  into: Map<string, Def[]>,
  skip?: Set<string>,
): boolean {
  const v = force(value, loc);
  if (isMerge(v)) {
    let any = false;
    for (const c of v.contents) any = collectDefs(c, file, loc, wraps, into) || any;
    return any;
  }
  if (isIf(v)) return collectDefs(v.content, file, loc, [...wraps, (x) => new If(v.cond, x)], into);
  if (isOverride(v)) {
    return collectDefs(v.content, file, loc, [...wraps, (x) => new Override(v.priority, x)], into);
  }
  if (v === undefined) return false;
  if (!isPlainObject(v)) {
    const path = showOption(loc);
    throw new ModuleError("E_TYPE", messages.definitionNotAttrs(path, file, kindOf(v)), {
      optionPath: path,
      files: [file],
    });
  }
  for (const k of Object.keys(v)) {
    if (skip?.has(k)) continue;
    const d = Object.getOwnPropertyDescriptor(v, k)!;
    let x: unknown = d.get ? new Thunk(v, k, d.get, file) : d.value;
    // Innermost property first: mkIf(a, mkOverride(p, {x})) gives x = mkIf(a, mkOverride(p, x)).
    for (let i = wraps.length - 1; i >= 0; i--) x = wraps[i](x);
    let list = into.get(k);
    if (list === undefined) into.set(k, (list = []));
    list.push({ file, value: x });
  }
  return true;
}

interface Unmatched {
  file: string;
  prefix: string[];
  value: unknown;
}

/** One evaluation's shared state. */
class EvalState {
  collecting = true;
  readonly root: Namespace;
  readonly configView: Record<string, unknown>;
  readonly optionsView: Record<string, unknown>;
  modules: LoadedModule[] = [];
  checked = false;
  freeformValue: unknown = undefined;

  constructor(
    readonly args: EvalModulesArgs,
    readonly prefix: readonly string[],
  ) {
    this.root = new Namespace(this, [...prefix], [], undefined);
    const state = this;
    const configRoot: LazyRoot = {
      ready: () => !state.collecting,
      resolve: (path) => walk(state.configView, path),
      describe: (path) => `config${path.length ? `.${showOption(path)}` : ""}`,
    };
    const optionsRoot: LazyRoot = {
      ready: () => !state.collecting,
      resolve: (path) => walk(state.root.optionsObject(), path),
      describe: (path) => `options${path.length ? `.${showOption(path)}` : ""}`,
    };
    this.configView = new Proxy(
      inspectable(() => (state.collecting ? undefined : state.root.inspect())),
      {
        get(_t, key) {
          if (state.collecting) {
            if (typeof key === "symbol")
              return key === INSPECT ? () => "«config (not yet evaluated)»" : undefined;
            if (PROBED.has(key)) return undefined;
            return walk(makeLazyRef(configRoot, []), [key]);
          }
          return state.root.get(key);
        },
        // `_module` is readable (modules use config._module.args) but not part of the config's
        // shape, as Nix removes it from the result.
        has: (_t, key) => !state.collecting && key !== "_module" && state.root.has(key),
        ownKeys: () => (state.collecting ? [] : state.root.keys()),
        getOwnPropertyDescriptor: (_t, key) =>
          state.collecting || key === "_module" ? undefined : state.root.descriptor(key),
        getPrototypeOf: () => null,
        set: () => false,
        defineProperty: () => false,
        deleteProperty: () => false,
      },
    );
    this.optionsView = new Proxy(
      inspectable(() => (state.collecting ? undefined : state.root.optionsObject())),
      {
        get(_t, key) {
          if (state.collecting) {
            if (typeof key === "symbol" || PROBED.has(key)) return undefined;
            return walk(makeLazyRef(optionsRoot, []), [key]);
          }
          return (state.root.optionsObject() as any)[key];
        },
        has: (_t, key) => !state.collecting && key in state.root.optionsObject(),
        ownKeys: () => (state.collecting ? [] : Reflect.ownKeys(state.root.optionsObject())),
        getOwnPropertyDescriptor: (_t, key) => {
          if (state.collecting) return undefined;
          const d = Reflect.getOwnPropertyDescriptor(state.root.optionsObject(), key);
          if (d) d.configurable = true;
          return d;
        },
        getPrototypeOf: () => null,
      },
    );
  }

  /** The argument object a module function receives. */
  argsFor(file: string): unknown {
    const state = this;
    const special = this.args.specialArgs ?? {};
    const known = this.args.moduleArgs ?? {};
    const argRoot = (name: string): LazyRoot => ({
      ready: () => !state.collecting,
      resolve: (path) => walk(state.moduleArg(name, file), path),
      describe: (path) =>
        `the module argument \`${name}'${path.length ? `.${showOption(path)}` : ""} (from _module.args)`,
    });
    const fixed = (key: string): { hit: boolean; value?: unknown } => {
      switch (key) {
        case "config":
          return { hit: true, value: state.configView };
        case "options":
          return { hit: true, value: state.optionsView };
        case "specialArgs":
          return { hit: true, value: special };
      }
      if (Object.hasOwn(special, key)) return { hit: true, value: special[key] };
      if (key === "lib") return { hit: true, value: libRef.value };
      if (Object.hasOwn(known, key)) return { hit: true, value: known[key] };
      return { hit: false };
    };
    return new Proxy(Object.create(null), {
      get(_t, key) {
        if (typeof key === "symbol") return undefined;
        const f = fixed(key);
        if (f.hit) return f.value;
        if (PROBED.has(key)) return undefined;
        if (state.collecting) return makeLazyRef(argRoot(key), []);
        return state.moduleArg(key, file);
      },
      has(_t, key) {
        if (typeof key === "symbol") return false;
        if (fixed(key).hit) return true;
        if (state.collecting) return false;
        return key in (state.configView._module as any).args;
      },
      ownKeys() {
        return [
          "config",
          "options",
          "lib",
          "specialArgs",
          ...Object.keys(special),
          ...Object.keys(known),
        ];
      },
      getOwnPropertyDescriptor(_t, key) {
        if (typeof key === "symbol") return undefined;
        const f = fixed(key);
        return f.hit
          ? { value: f.value, enumerable: true, configurable: true, writable: false }
          : undefined;
      },
    });
  }

  /** `config._module.args.<name>`, or the missing-argument error. */
  moduleArg(name: string, file: string): unknown {
    const args = (this.configView._module as any).args as Record<string, unknown>;
    if (!(name in args)) {
      const candidates = [
        ...Object.keys(args),
        "config",
        "options",
        "lib",
        ...Object.keys(this.args.specialArgs ?? {}),
      ];
      throw new ModuleError(
        "E_MISSING_ARG",
        messages.missingArg(name, file, suggest(name, candidates)),
        {
          files: [file],
        },
      );
    }
    return args[name];
  }

  /** Nix's checkUnmatched: definitions nobody declared are an error (unless freeform or unchecked). */
  check(): void {
    if (this.checked) return;
    const mod = this.root.get("_module") as any;
    if (mod.check === true && mod.freeformType === null) {
      const first = this.root.firstUnmatched();
      if (first) {
        const full = [...this.prefix, ...first.unmatched.prefix];
        const path = showOption(full);
        const siblings = [...first.ns.childNames()].filter(
          (n) => n !== "_module" || first.ns !== this.root,
        );
        const last = full[full.length - 1];
        const parent = full.slice(0, -1);
        const sugg = closest(last, [...siblings].sort(byName)).map((s) =>
          showOption([...parent, s]),
        );
        throw new ModuleError(
          "E_OPTION_UNDECLARED",
          messages.undeclared(path, showDefs([first.unmatched]), sugg),
          {
            optionPath: path,
            files: [first.unmatched.file],
            definitions: defRefs([first.unmatched]),
          },
        );
      }
    }
    this.checked = true;
  }
}

/**
 * A Proxy target that node's util.inspect can show: inspect formats a Proxy's target directly,
 * bypassing traps, so the target carries the inspect hook of the real object.
 */
function inspectable(real: () => unknown): any {
  const t = Object.create(null);
  Object.defineProperty(t, INSPECT, {
    configurable: true,
    value(this: unknown, ...args: unknown[]) {
      const r = real() as any;
      if (r === undefined) return "«config (not yet evaluated)»";
      return typeof r[INSPECT] === "function" ? r[INSPECT](...args) : r;
    },
  });
  return t;
}

function walk(v: unknown, path: readonly (string | symbol)[]): unknown {
  for (const k of path) v = (v as any)[k];
  return v;
}

/** A set of options (an attribute level that is not itself an option). */
class Namespace {
  private declState = 0;
  private defState = 0;
  private children = new Map<string, Namespace | OptionNode>();
  private unmatchedHere: Unmatched[] = [];
  private hasConfigs = false;
  private _options: Record<string, unknown> | undefined;
  /** The freeform value at this path (root: the whole freeform config), merged under declared values. */
  overlay: Record<string, unknown> | undefined;
  /** Raw definitions of this namespace (from the parent level), pushed down when first needed. */
  private rawDefs: Def[] = [];
  private rootModules: LoadedModule[] | undefined;

  constructor(
    readonly state: EvalState,
    readonly loc: string[],
    private decls: Decl[],
    /** The namespace that holds this one's definitions (undefined for the root). */
    private readonly parent: Namespace | undefined,
  ) {}

  /** For the root: the modules whose declarations and configs this level reads. */
  setRootModules(mods: LoadedModule[]): void {
    this.rootModules = mods;
  }

  /** Set by the parent when it sorts its definitions by name. */
  setRawDefs(defs: Def[]): void {
    this.rawDefs = defs;
  }

  private phase(which: "decl" | "def", run: () => void): void {
    const st = which === "decl" ? this.declState : this.defState;
    if (st === 2) return;
    if (st === 1) {
      const path = showOption(this.loc);
      throw new ModuleError("E_RECURSION", messages.recursionNamespace(path), {
        optionPath: path || undefined,
      });
    }
    const set = (v: number) => {
      if (which === "decl") this.declState = v;
      else this.defState = v;
    };
    set(1);
    try {
      run();
      set(2);
    } catch (e) {
      set(0);
      throw e;
    }
  }

  /** Which names are options and which are namespaces (declarations only, no definitions). */
  buildDecls(): void {
    if (this.declState === 2) return;
    this.phase("decl", () => this.doBuildDecls());
  }

  /** Sorts the definitions at this level by name and hands them to the children. */
  buildDefs(): void {
    if (this.defState === 2) return;
    this.buildDecls();
    this.parent?.buildDefs();
    this.phase("def", () => this.doBuildDefs());
  }

  private doBuildDecls(): void {
    if (this.rootModules) {
      this.decls = [];
      for (const m of this.rootModules) {
        if (m.explicit && "options" in m.src)
          this.decls.push({ file: m.file, options: m.src.options });
      }
    }
    const declsByName = new Map<string, Decl[]>();
    for (const d of this.decls) {
      const tree = force(d.options, this.loc);
      if (!isPlainObject(tree)) {
        throw new ModuleError(
          "E_BAD_MODULE",
          messages.declarationNotAttrs(showOption(this.loc), d.file, kindOf(tree)),
          { files: [d.file] },
        );
      }
      for (const [k, v] of entriesOf(tree, d.file)) {
        let list = declsByName.get(k);
        if (!list) declsByName.set(k, (list = []));
        list.push({ file: d.file, options: v instanceof Thunk ? force(v) : v });
      }
    }
    for (const [name, ds] of declsByName) {
      const loc = [...this.loc, name];
      let optionCount = 0;
      for (const d of ds) {
        if (isOption(d.options)) optionCount++;
        else if (!isPlainObject(d.options)) {
          const kind =
            (d.options as any)?._type === "option-type" ? "an option type" : kindOf(d.options);
          throw new ModuleError(
            "E_BAD_MODULE",
            messages.declarationIsType(showOption(loc), d.file, kind),
            {
              optionPath: showOption(loc),
              files: [d.file],
            },
          );
        }
      }
      if (optionCount === ds.length) {
        this.children.set(name, new OptionNode(this.state, loc, ds, this));
      } else if (optionCount > 0) {
        const optionDecls = ds.filter((d) => isOption(d.options));
        if (optionDecls.every((d) => (d.options as Option).type?.name === "submodule")) {
          const converted = ds.map((d) =>
            isOption(d.options)
              ? d
              : {
                  file: d.file,
                  options: {
                    _type: "option",
                    type: submoduleRef.submoduleWith!({
                      modules: [{ _file: d.file, options: d.options }],
                      shorthandOnlyDefinesConfig: null,
                    }),
                  },
                },
          );
          this.children.set(name, new OptionNode(this.state, loc, converted, this));
        } else {
          const head = optionDecls[0];
          const others = ds.filter((d) => !isOption(d.options)).map((d) => d.file);
          throw new ModuleError(
            "E_ALREADY_DECLARED",
            messages.prefixOfOptions(
              showOption(loc),
              head.file,
              (head.options as Option).type?.description ?? "<no description>",
              others,
            ),
            { optionPath: showOption(loc), files: [head.file, ...others] },
          );
        }
      } else {
        this.children.set(name, new Namespace(this.state, loc, ds, this));
      }
    }
  }

  private doBuildDefs(): void {
    const rawByName = new Map<string, Def[]>();
    let any = false;
    if (this.rootModules) {
      for (const m of this.rootModules) {
        if (m.explicit) {
          if ("config" in m.src)
            any = collectDefs(m.src.config, m.file, this.loc, [], rawByName) || any;
        } else {
          any = collectDefs(m.src, m.file, this.loc, [], rawByName, SHORTHAND_RESERVED) || any;
        }
        const extra: Record<string, unknown> = {};
        if (Object.hasOwn(m.src, "freeformType"))
          extra._module = { freeformType: m.src.freeformType };
        if (m.explicit && Object.hasOwn(m.src, "meta")) extra.meta = m.src.meta;
        if (extra._module !== undefined || extra.meta !== undefined) {
          any = collectDefs(extra, m.file, this.loc, [], rawByName) || any;
        }
      }
    } else {
      for (const d of this.rawDefs)
        any = collectDefs(d.value, d.file, this.loc, [], rawByName) || any;
    }
    this.hasConfigs = any;
    for (const [name, child] of this.children) {
      const defs = rawByName.get(name) ?? [];
      if (child instanceof OptionNode) child.setDefs(defs);
      else child.setRawDefs(defs);
    }
    for (const [name, defs] of rawByName) {
      if (this.children.has(name)) continue;
      for (const d of defs)
        this.unmatchedHere.push({ file: d.file, prefix: [name], value: d.value });
    }
  }

  childNames(): IterableIterator<string> {
    this.buildDecls();
    return this.children.keys();
  }

  child(name: string): Namespace | OptionNode | undefined {
    this.buildDecls();
    return this.children.get(name);
  }

  /** Every unmatched definition below, in Nix's order (sorted names, depth first). */
  firstUnmatched(): { ns: Namespace; unmatched: Unmatched } | undefined {
    this.buildDefs();
    if (!this.hasConfigs) return undefined;
    const names = new Set<string>();
    for (const [n, c] of this.children) if (c instanceof Namespace) names.add(n);
    for (const u of this.unmatchedHere) names.add(u.prefix[0]);
    for (const n of [...names].sort(byName)) {
      const c = this.children.get(n);
      if (c instanceof Namespace) {
        const inner = c.firstUnmatched();
        if (inner)
          return {
            ns: inner.ns,
            unmatched: { ...inner.unmatched, prefix: [n, ...inner.unmatched.prefix] },
          };
      } else {
        const u = this.unmatchedHere.find((x) => x.prefix[0] === n);
        if (u) return { ns: this, unmatched: u };
      }
    }
    return undefined;
  }

  /** All unmatched definitions below, with prefixes relative to this namespace. */
  allUnmatched(): Unmatched[] {
    this.buildDefs();
    if (!this.hasConfigs) return [];
    const out: Unmatched[] = [...this.unmatchedHere];
    for (const [n, c] of this.children) {
      if (c instanceof Namespace)
        for (const u of c.allUnmatched()) out.push({ ...u, prefix: [n, ...u.prefix] });
    }
    return out;
  }

  private prepared = false;
  private _keys: string[] | undefined;

  /** Declarations built, and at the root the freeform definitions merged. */
  private prepare(): void {
    if (this.prepared) return;
    this.buildDecls();
    if (this === this.state.root) this.applyFreeform();
    this.prepared = true;
  }

  /** The names of this level (declared, plus freeform ones), sorted as Nix sorts them. */
  keys(): string[] {
    if (this._keys) return this._keys;
    this.prepare();
    const names = new Set(this.children.keys());
    if (this.overlay) for (const k of Object.keys(this.overlay)) names.add(k);
    if (this === this.state.root) names.delete("_module");
    this._keys = [...names].sort(byName);
    return this._keys;
  }

  has(key: string | symbol): boolean {
    if (typeof key === "symbol") return false;
    this.prepare();
    return (
      this.children.has(key) || (this.overlay !== undefined && Object.hasOwn(this.overlay, key))
    );
  }

  /** An accessor descriptor, so listing keys never computes values. */
  descriptor(key: string | symbol): PropertyDescriptor | undefined {
    if (typeof key === "symbol" || !this.has(key)) return undefined;
    return { enumerable: key !== "_module", configurable: true, get: () => this.get(key) };
  }

  /** The plain-data snapshot util.inspect shows (one level forced, failures marked). */
  inspect(): unknown {
    const obj = Object.create(null);
    for (const k of this.keys())
      Object.defineProperty(obj, k, { enumerable: true, get: () => this.get(k) });
    addViewMethods(obj, this.loc);
    return (obj as any)[INSPECT]();
  }

  private applyFreeform(): void {
    const mod = this.child("_module");
    if (!(mod instanceof Namespace)) return;
    const ff = (mod.child("freeformType") as OptionNode).value() as OptionType | null;
    if (ff === null) return;
    const unmatched = this.allUnmatched();
    if (unmatched.length === 0) return;
    const defs: Def[] = unmatched.map((u) => {
      let value: unknown = u.value;
      for (let i = u.prefix.length - 1; i >= 0; i--) {
        const o = Object.create(null);
        o[u.prefix[i]] = value;
        value = o;
      }
      return { file: u.file, value };
    });
    const merged = mergeFinal(this.state.prefix, ff, finalDefinitions(this.state.prefix, defs));
    if (isPlainObject(merged)) this.overlay = merged as Record<string, unknown>;
  }

  private _view: Record<string, unknown> | undefined;
  /** The user-facing config object: the target behind a Proxy that names undeclared reads. */
  view(): Record<string, unknown> {
    if (this === this.state.root) return this.state.configView;
    if (this._view) return this._view;
    const view: Record<string, unknown> = new Proxy(
      inspectable(() => this.inspect()),
      {
        get: (_t, key) => this.get(key),
        has: (_t, key) => this.has(key),
        ownKeys: () => this.keys(),
        getOwnPropertyDescriptor: (_t, key) => this.descriptor(key),
        getPrototypeOf: () => null,
        set: () => false,
        defineProperty: () => false,
        deleteProperty: () => false,
      },
    );
    this._view = view;
    return view;
  }

  /** Reads one name, with the undeclared-read error for names nobody declared. */
  get(key: string | symbol): unknown {
    this.prepare();
    if (typeof key === "string") {
      const c = this.children.get(key);
      if (c !== undefined) {
        if (c instanceof OptionNode) return c.value();
        const o = this.overlay?.[key];
        if (isPlainObject(o)) c.overlay = o as Record<string, unknown>;
        return c.view();
      }
      if (this.overlay !== undefined && Object.hasOwn(this.overlay, key)) return this.overlay[key];
      if (key === "toJSON") return this.toJSON;
      if (PROBED.has(key)) return undefined;
      const path = showOption([...this.loc, key]);
      const sugg = suggest(key, this.keys()).map((s) => showOption([...this.loc, s]));
      throw new ModuleError("E_OPTION_UNDECLARED", messages.undeclaredRead(path, sugg), {
        optionPath: path,
      });
    }
    if (key === INSPECT) return () => this.inspect();
    return undefined;
  }

  /** JSON of this level (functions refused with their option path). */
  private readonly toJSON = () => {
    const out = Object.create(null);
    for (const k of this.keys()) out[k] = jsonValue(this.get(k), [...this.loc, k]);
    return out;
  };

  /** The `options` tree object at this level. */
  optionsObject(): Record<string, unknown> {
    if (this._options) return this._options;
    this.buildDecls();
    const obj = Object.create(null);
    for (const name of [...this.children.keys()].sort(byName)) {
      const c = this.children.get(name)!;
      defineLazy(
        obj,
        name,
        () => (c instanceof OptionNode ? c.optionObject() : c.optionsObject()),
        this.loc,
      );
    }
    this._options = obj;
    return obj;
  }
}

/** The final definitions of an option defined by its default alone. */
class DefaultOnly implements FinalDefs {
  readonly highestPrio = 1500;
  private _values: Def[] | undefined;
  constructor(
    private readonly loc: readonly string[],
    private readonly def: Def,
  ) {}
  get values(): Def[] {
    if (this._values) return this._values;
    const v = force(this.def.value, this.loc);
    // A default wrapped in properties (rare) takes the general path.
    this._values =
      propertyKind(v) === undefined && v !== undefined
        ? [{ file: this.def.file, value: v }]
        : finalDefinitions(this.loc, [{ file: this.def.file, value: mkOptionDefault(v) }]).values;
    return this._values;
  }
}

/** Fields two declarations of one option may not both have (Nix: "already declared"). */
const UNIQUE_FIELDS = ["default", "example", "description", "apply"] as const;

/** Merged declaration of one option. */
interface MergedDecl {
  type: OptionType;
  /** The declaration object holding `default`, if any (read lazily). */
  defaultSrc: Record<string, unknown> | undefined;
  /** The declaration object that provides a field (the first declaration that has it). */
  owner(field: string): Record<string, unknown> | undefined;
  declarations: string[];
}

/** One option: its declarations, its definitions, and its memoised value. */
class OptionNode {
  private _decl: MergedDecl | undefined;
  private _final: FinalDefs | undefined;
  private state = 0;
  private _value: unknown;
  private _error: unknown;
  private _object: Record<string, unknown> | undefined;

  private _defs: Def[] | undefined;

  constructor(
    readonly ev: EvalState,
    readonly loc: string[],
    readonly decls: Decl[],
    private readonly parent: Namespace,
  ) {}

  setDefs(defs: Def[]): void {
    this._defs = defs;
  }

  /** The raw definitions of this option (after the parent level sorted its definitions). */
  get defs(): Def[] {
    if (this._defs === undefined) this.parent.buildDefs();
    return this._defs!;
  }

  decl(): MergedDecl {
    if (this._decl) return this._decl;
    const decls = this.decls;
    // Fast path: one declaration (nearly every option) is its own merged declaration.
    if (decls.length === 1) {
      const o = decls[0].options as Record<string, unknown>;
      let type = (o.type as OptionType | undefined) ?? unspecifiedRef.type!;
      const subs = type.getSubModules;
      if (subs !== null && subs !== undefined) {
        type =
          type.substSubModules(subs.map((m) => ({ _file: decls[0].file, imports: [m] }))) ?? type;
      }
      this._decl = {
        type,
        defaultSrc: Object.hasOwn(o, "default") ? o : undefined,
        owner: (f) => (Object.hasOwn(o, f) ? o : undefined),
        declarations: [decls[0].file],
      };
      return this._decl;
    }
    const fields: Record<string, Record<string, unknown>> = Object.create(null);
    const declarations: string[] = [];
    let type: OptionType | undefined;
    let submodules: unknown[] = [];
    const already = (file: string) => {
      const path = showOption(this.loc);
      return new ModuleError(
        "E_ALREADY_DECLARED",
        messages.alreadyDeclared(path, file, declarations),
        {
          optionPath: path,
          files: [file, ...declarations],
        },
      );
    };
    for (const d of decls) {
      const o = d.options as Record<string, unknown>;
      const t =
        Object.hasOwn(o, "type") && o.type !== undefined ? (o.type as OptionType) : undefined;
      if (t !== undefined && type !== undefined) {
        const merged = type.typeMerge(t.functor);
        if (merged === null) throw already(d.file);
        type = merged;
      }
      for (const k of UNIQUE_FIELDS) if (Object.hasOwn(o, k) && fields[k]) throw already(d.file);
      if (t && t.getSubModules !== null && t.getSubModules !== undefined) {
        submodules = [
          ...t.getSubModules.map((m) => ({ _file: d.file, imports: [m] })),
          ...submodules,
        ];
      }
      for (const k of Object.keys(o)) if (!fields[k] && k !== "_type") fields[k] = o;
      if (type === undefined && t) type = t;
      declarations.push(d.file);
    }
    if (type === undefined) type = unspecifiedRef.type!;
    if (type.getSubModules !== null && type.getSubModules !== undefined) {
      type = type.substSubModules(submodules) ?? type;
    }
    this._decl = { type, defaultSrc: fields.default, owner: (f) => fields[f], declarations };
    return this._decl;
  }

  field(name: string): unknown {
    const src = this.decl().owner(name);
    return src ? src[name] : undefined;
  }

  /** The definitions, with the default first (priority 1500). */
  private _allDefs: Def[] | undefined;
  private _default: Def | undefined;

  /** The default as a definition (its getter, if any, run at most once). */
  private defaultDef(): Def | undefined {
    if (this._default) return this._default;
    const d = this.decl();
    const src = d.defaultSrc;
    if (!src) return undefined;
    const desc = Object.getOwnPropertyDescriptor(src, "default")!;
    const value = desc.get ? new Thunk(src, "default", desc.get, d.declarations[0]) : desc.value;
    this._default = { file: d.declarations[0], value };
    return this._default;
  }

  allDefs(): Def[] {
    if (this._allDefs) return this._allDefs;
    const def = this.defaultDef();
    this._allDefs = def
      ? [{ file: def.file, value: mkOptionDefault(def.value) }, ...this.defs]
      : this.defs;
    return this._allDefs;
  }

  final(): FinalDefs {
    if (this._final) return this._final;
    const d = this.decl();
    // Fast path: only the default (most options of most configurations). Its priority is known
    // without forcing it, as in the general case.
    if (this.defs.length === 0 && d.defaultSrc) {
      const def = this.defaultDef()!;
      this._final = new DefaultOnly(this.loc, def);
      return this._final;
    }
    const defs = this.allDefs();
    if (this.field("readOnly") === true && defs.length > 1) {
      const path = showOption(this.loc);
      const shown = defs.map((def) => {
        try {
          return {
            file: def.file,
            value: mergeFinal(this.loc, d.type, finalDefinitions(this.loc, [def]), d.declarations),
          };
        } catch {
          return def;
        }
      });
      throw new ModuleError("E_READ_ONLY", messages.readOnly(path, showDefs(shown)), {
        optionPath: path,
        files: defs.map((x) => x.file),
        definitions: defRefs(shown),
      });
    }
    this._final = finalDefinitions(this.loc, defs);
    return this._final;
  }

  value(): unknown {
    if (this.state === 2) return this._value;
    return deep(this);
  }

  describe(): string {
    return showOption(this.loc);
  }

  run(): unknown {
    if (this.state === 2) return this._value;
    if (this.state === 1) {
      const path = showOption(this.loc);
      throw new ModuleError("E_RECURSION", messages.recursion(path), { optionPath: path });
    }
    if (this.state === 3) throw this._error;
    this.state = 1;
    try {
      const d = this.decl();
      const apply = this.field("apply");
      // An `apply` that takes no parameter ignores the merged value, which is then never
      // computed (Nix is lazy there too): renamed and removed options rely on it.
      let v: unknown;
      if (typeof apply === "function" && apply.length === 0) v = (apply as () => unknown)();
      else {
        v = mergeFinal(this.loc, d.type, this.final(), d.declarations);
        if (typeof apply === "function") v = apply(v);
      }
      this._value = v;
      this.state = 2;
      return v;
    } catch (e) {
      if (isTransient(e)) {
        this.state = 0;
      } else {
        if (e instanceof ModuleError) {
          const frame = `while evaluating the option \`${showOption(this.loc)}'`;
          if (!e.context.includes(frame)) e.addContext(frame);
        }
        this.state = 3;
        this._error = e;
      }
      throw e;
    }
  }

  /** The entry of `options` for this option: declaration data and lazy value data. */
  optionObject(): Record<string, unknown> {
    if (this._object) return this._object;
    const o: Record<string, unknown> = Object.create(null);
    o._type = "option";
    o.loc = this.loc;
    const lazy = (k: string, f: () => unknown) => defineLazy(o, k, f);
    lazy("declarations", () => this.decl().declarations);
    lazy("type", () => this.decl().type);
    for (const k of [
      "description",
      "defaultText",
      "example",
      "readOnly",
      "internal",
      "visible",
      "apply",
      "relatedPackages",
    ]) {
      const src = () => this.decl().owner(k);
      Object.defineProperty(o, k, {
        enumerable: true,
        configurable: true,
        get: () => {
          const s = src();
          return s ? s[k] : undefined;
        },
      });
    }
    Object.defineProperty(o, "default", {
      enumerable: true,
      configurable: true,
      get: () => {
        const s = this.decl().defaultSrc;
        return s ? s.default : undefined;
      },
    });
    lazy("value", () => this.value());
    lazy("isDefined", () => this.final().values.length > 0);
    lazy("highestPrio", () => this.final().highestPrio);
    lazy("definitions", () => this.final().values.map((d) => d.value));
    lazy("definitionsWithLocations", () =>
      this.final().values.map((d) => ({ file: d.file, value: d.value })),
    );
    lazy("files", () => this.final().values.map((d) => d.file));
    lazy("allDefinitions", (): DefinitionInfo[] =>
      explainDefinitions(this.allDefs(), this.decl().defaultSrc !== undefined),
    );
    Object.defineProperty(o, "toString", { value: () => showOption(this.loc), enumerable: false });
    this._object = o;
    return o;
  }
}

/**
 * Evaluates a list of modules: collects them, declares their options, and gives back the lazy
 * `config` and `options`. Reading `config` checks that every definition has an option.
 *
 * @example
 * const { config } = evalModules({ modules: [
 *   { options: { port: mkOption({ type: types.port, default: 80 }) } },
 *   { port: 8080 },
 * ] });
 * config.port // 8080
 */
export function evalModules<C = Record<string, any>>(args: EvalModulesArgs): Evaluation<C> {
  const prefix = args.prefix ?? [];
  const state = new EvalState(args, prefix);
  const cls = args.class ?? null;
  let self: Evaluation<C> | undefined;
  const all = [...args.modules, internalModule(args.specialArgs ?? {}, () => self!)];
  const mods = collectModules(all, {
    class: cls,
    argsFor: (file) => state.argsFor(file),
    load: args.load,
  });
  state.modules = mods;
  // Definitions merge in the reverse of collection order, as in nixpkgs.
  state.root.setRootModules([...mods].reverse());
  state.collecting = false;

  const evaluation: Evaluation<C> = {
    get config() {
      state.check();
      return state.configView as C;
    },
    get options() {
      state.check();
      return state.optionsView;
    },
    get _module() {
      return state.configView._module as Record<string, any>;
    },
    get type() {
      return submoduleRef.submoduleWith!({
        modules: args.modules,
        specialArgs: args.specialArgs ?? {},
        class: cls,
      });
    },
    class: cls,
    extendModules(ext = {}) {
      return evalModules<C>({
        ...args,
        modules: [...args.modules, ...(ext.modules ?? [])],
        specialArgs: { ...(args.specialArgs ?? {}), ...(ext.specialArgs ?? {}) },
        prefix: ext.prefix ?? prefix,
      });
    },
  };
  self = evaluation;
  return evaluation;
}
