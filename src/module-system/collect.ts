/**
 * Collecting modules: load each module (call module functions, read `imports`), drop disabled
 * modules, and order the rest breadth-first with duplicates (by key) removed, first one winning,
 * as nixpkgs' collectModules does.
 */
import { ModuleError, messages } from "../errors/index.ts";
import { isPlainObject } from "../lib/index.ts";
import { describeLazyRef, isLazyRef, isLazyRefReady, resolveLazyRef } from "./lazy-ref.ts";
import { isIf, isMerge, isOrder, isOverride } from "./properties.ts";

/** A module after loading: where it came from and its parts, not yet read beyond `imports`. */
export interface LoadedModule {
  /** Dedup key: an explicit `key`, the absolute path of a path import, or the module value. */
  key: unknown;
  file: string;
  class: string | null;
  /** The object holding `options` / `config` (or the shorthand config itself). */
  src: Record<string, unknown>;
  /** True when the module has an explicit `config` or `options`. */
  explicit: boolean;
  imports: unknown[];
  disabledModules: unknown[];
  children: LoadedModule[];
}

/** Attributes a module with explicit `config`/`options` may have. */
const EXPLICIT_KEYS = new Set([
  "_class",
  "_file",
  "key",
  "disabledModules",
  "imports",
  "options",
  "config",
  "meta",
  "freeformType",
]);
/** Attributes of a shorthand module that are not config. */
export const SHORTHAND_RESERVED = new Set([
  "_class",
  "_file",
  "key",
  "disabledModules",
  "require",
  "imports",
  "freeformType",
]);

/** Records the file each module value came from (set by the flake loader), without touching it. */
const moduleFiles = new WeakMap<object, string>();

/**
 * Remembers that `module` was exported by `file`, so errors about it name the file. Used by the
 * loader of user files; `_file` on the module itself wins.
 *
 * @example
 * setModuleFile(mod.default, "machines/map.ts")
 */
export function setModuleFile(module: object, file: string): void {
  moduleFiles.set(module, file);
}

/** The file recorded for a module value, if any. */
export function moduleFile(module: unknown): string | undefined {
  return typeof module === "object" || typeof module === "function"
    ? moduleFiles.get(module as object)
    : undefined;
}

export interface CollectEnv {
  class: string | null;
  /** Makes the argument object for a module function. */
  argsFor(file: string): unknown;
  /** Loads a path import (the flake loader), if this evaluation has one. */
  load: ((path: string, fromFile: string) => unknown) | undefined;
}

function ownValue(obj: Record<string, unknown>, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d) return undefined;
  return d.get ? d.get.call(obj) : d.value;
}

function kindOfValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (isMerge(v)) return "mkMerge";
  if (isOrder(v)) return "mkOrder";
  return typeof v === "object"
    ? `object (${(v as object).constructor?.name ?? "null prototype"})`
    : typeof v;
}

/** Loads one module value into a LoadedModule (calling it if it is a function). */
function loadModule(m: unknown, fallbackFile: string, env: CollectEnv): LoadedModule {
  let key: unknown = m;
  let file = moduleFile(m) ?? fallbackFile;
  if (isLazyRef(m)) {
    // A reference into an evaluation that is finished (e.g. a deferredModule value of the outer
    // configuration imported by a submodule) is a module like any other.
    if (!isLazyRefReady(m)) {
      throw new ModuleError(
        "E_RECURSION",
        messages.importDependsOnConfig(fallbackFile, describeLazyRef(m)),
        {
          files: [fallbackFile],
        },
      );
    }
    return loadModule(resolveLazyRef(m), fallbackFile, env);
  }
  if (typeof m === "string") {
    if (!env.load) {
      throw new ModuleError("E_BAD_MODULE", messages.pathImportWithoutLoader(m, fallbackFile), {
        files: [fallbackFile],
      });
    }
    const loaded = env.load(m, fallbackFile);
    const inner = loadModule(loaded, m, env);
    inner.key = inner.key === loaded ? m : inner.key;
    if (inner.file === fallbackFile) inner.file = m;
    return inner;
  }
  let value = m;
  if (typeof m === "function") {
    value = (m as (a: unknown) => unknown)(env.argsFor(file));
    file = moduleFile(value) ?? file;
    if (isLazyRef(value)) {
      throw new ModuleError(
        "E_RECURSION",
        messages.importDependsOnConfig(file, describeLazyRef(value)),
        { files: [file] },
      );
    }
  }
  if (isIf(value) || isOverride(value)) {
    value = { config: value };
  } else if (isMerge(value)) {
    throw new ModuleError("E_BAD_MODULE", messages.mergeAsModule(file), { files: [file] });
  } else if (Array.isArray(value)) {
    const inner = value
      .map((x) => (isPlainObject(x) ? ownValue(x, "_file") : undefined))
      .filter((f): f is string => typeof f === "string");
    throw new ModuleError("E_BAD_MODULE", messages.nestedImports([file, ...inner].join("', `")), {
      files: [file, ...inner],
    });
  } else if (!isPlainObject(value)) {
    throw new ModuleError("E_BAD_MODULE", messages.notAModule(file, kindOfValue(value)), {
      files: [file],
    });
  }
  const obj = value as Record<string, unknown>;
  const explicitFile = ownValue(obj, "_file");
  if (typeof explicitFile === "string") file = explicitFile;
  const explicitKey = ownValue(obj, "key");
  if (explicitKey !== undefined && explicitKey !== null) key = String(explicitKey);
  const explicit = "config" in obj || "options" in obj;
  if (explicit) {
    const bad = Object.keys(obj).filter((k) => !EXPLICIT_KEYS.has(k));
    if (bad.length > 0) {
      throw new ModuleError("E_BAD_MODULE", messages.unsupportedAttr(file, bad[0], bad), {
        files: [file],
      });
    }
  }
  const cls = ownValue(obj, "_class");
  const imports = ownValue(obj, "imports") ?? [];
  const require = explicit ? [] : (ownValue(obj, "require") ?? []);
  if (!Array.isArray(imports) || !Array.isArray(require)) {
    throw new ModuleError("E_BAD_MODULE", `The \`imports\` of module \`${file}' must be a list.`, {
      files: [file],
    });
  }
  const disabled = ownValue(obj, "disabledModules") ?? [];
  return {
    key,
    file,
    class: typeof cls === "string" ? cls : null,
    src: obj,
    explicit,
    imports: [...(require as unknown[]), ...imports],
    disabledModules: Array.isArray(disabled) ? disabled : [disabled],
    children: [],
  };
}

/**
 * The key a `disabledModules` entry refers to: a string (built-in module key or path), an
 * attribute set with a `key`, or a module function by identity. An attribute set without `key`
 * is refused, as in Nix: it cannot name a module reliably.
 */
function disabledKey(entry: unknown, file: string): unknown {
  if (typeof entry === "string") return entry;
  if (isPlainObject(entry)) {
    const k = ownValue(entry, "key");
    if (k !== undefined) return String(k);
    throw new ModuleError(
      "E_BAD_MODULE",
      `The module \`${file}' lists in disabledModules an attribute set without a \`key'; give the module a key and disable it by that key.`,
      { files: [file] },
    );
  }
  return entry;
}

/**
 * Loads `modules` and everything they import, and returns them in collection order
 * (breadth-first, first occurrence of a key wins, disabled modules and their imports dropped).
 */
export function collectModules(
  modules: readonly unknown[],
  env: CollectEnv,
  rootFile = "<unknown-file>",
): LoadedModule[] {
  const loaded = new Map<unknown, LoadedModule>();
  const all: LoadedModule[] = [];
  const load = (m: unknown, fallbackFile: string): LoadedModule => {
    const cacheKey = typeof m === "string" ? `path:${m}` : m;
    const hit = loaded.get(cacheKey);
    if (hit) return hit;
    const lm = loadModule(m, fallbackFile, env);
    if (env.class !== null && lm.class !== null && lm.class !== env.class) {
      throw new ModuleError("E_CLASS", messages.wrongClass(lm.file, lm.class, env.class), {
        files: [lm.file],
      });
    }
    loaded.set(cacheKey, lm);
    all.push(lm);
    lm.children = lm.imports.map((i) => load(i, lm.file));
    return lm;
  };
  const top = modules.map((m) => load(m, rootFile));

  const disabled = new Set<unknown>();
  for (const lm of all) for (const d of lm.disabledModules) disabled.add(disabledKey(d, lm.file));

  const seen = new Set<unknown>();
  const out: LoadedModule[] = [];
  const queue = [...top];
  for (let i = 0; i < queue.length; i++) {
    const lm = queue[i];
    if (disabled.has(lm.key) || seen.has(lm.key)) continue;
    seen.add(lm.key);
    out.push(lm);
    for (const c of lm.children) queue.push(c);
  }
  return out;
}
