/**
 * Collection-time views of `config`, `options` and module arguments.
 *
 * While modules are being collected (their functions called to find `imports`), no option has a
 * value yet. Property access on `config`, `options` and `_module.args` arguments then returns a
 * LazyRef: a path that is resolved later. This is what makes `const cfg = config.programs.git`
 * in a module body work, as `let cfg = config.programs.git; in` does in Nix. Turning a LazyRef
 * into a primitive, or listing its keys, before collection ends is an error that says how to
 * write the read lazily. After collection, a LazyRef forwards every operation to the real value.
 */
import { ModuleError, messages } from "../errors/index.ts";
import { showOption } from "../lib/index.ts";
import { lateValues } from "./value.ts";

/** The start of a lazy path: how to resolve it and how to name it in messages. */
export interface LazyRoot {
  /** False while modules are being collected. */
  ready(): boolean;
  /** The real value at `path` (only called when ready). */
  resolve(path: readonly string[]): unknown;
  /** A name for messages, e.g. "config" or "the module argument `pkgs`". */
  describe(path: readonly string[]): string;
}

interface RefData {
  root: LazyRoot;
  path: readonly string[];
  children: Map<string, object> | undefined;
  resolved: boolean;
  value: unknown;
}

const refs = new WeakMap<object, RefData>();
/** What `Object.getPrototypeOf` of a LazyRef gives: not a plain object, so merges never walk it. */
const LazyRefPrototype = Object.freeze(Object.create(null));

/** Property names that tools probe on any object; a LazyRef answers undefined for them. */
export const PROBED = new Set([
  "then",
  "constructor",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "toJSON",
  "@@__IMMUTABLE_ITERABLE__@@",
  "@@__IMMUTABLE_RECORD__@@",
  "_isMockFunction",
  "__esModule",
]);

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

function resolveData(d: RefData): unknown {
  if (d.resolved) return d.value;
  const v = d.root.resolve(d.path);
  // Values below the root are stable objects (config views are memoised), so cache them.
  d.resolved = true;
  d.value = v;
  return v;
}

function tooEarly(d: RefData, action: string): never {
  throw new ModuleError("E_LAZINESS", messages.laziness(d.root.describe(d.path), action), {
    optionPath: d.path.length ? showOption(d.path) : undefined,
  });
}

const handler: ProxyHandler<object> = {
  get(target, key) {
    const d = refs.get(target)!;
    if (d.root.ready()) {
      const real = resolveData(d) as any;
      if (real === null || real === undefined) return undefined;
      const v = real[key];
      return typeof v === "function" && typeof real !== "function" && key !== "constructor"
        ? v.bind(real)
        : v;
    }
    if (typeof key === "symbol") {
      if (key === Symbol.toPrimitive) return () => tooEarly(d, "converted to a primitive value");
      if (key === INSPECT) return () => `«lazy ${d.root.describe(d.path)}»`;
      if (key === Symbol.iterator) return () => tooEarly(d, "iterated");
      return undefined;
    }
    if (PROBED.has(key)) return undefined;
    if (key === "valueOf" || key === "toString")
      return () => tooEarly(d, "converted to a primitive value");
    let children = d.children;
    if (children === undefined) children = d.children = new Map();
    let c = children.get(key);
    if (c === undefined) {
      c = makeLazyRef(d.root, [...d.path, key]);
      children.set(key, c);
    }
    return c;
  },
  has(target, key) {
    const d = refs.get(target)!;
    if (!d.root.ready()) return false;
    const real = resolveData(d);
    return typeof real === "object" && real !== null ? key in real : false;
  },
  ownKeys(target) {
    const d = refs.get(target)!;
    if (!d.root.ready()) tooEarly(d, "enumerated (Object.keys, spread, for…in)");
    const real = resolveData(d);
    return typeof real === "object" && real !== null ? Reflect.ownKeys(real) : [];
  },
  getOwnPropertyDescriptor(target, key) {
    const d = refs.get(target)!;
    if (!d.root.ready()) tooEarly(d, "enumerated (Object.keys, spread, for…in)");
    const real = resolveData(d);
    if (typeof real !== "object" || real === null) return undefined;
    const desc = Reflect.getOwnPropertyDescriptor(real, key);
    if (desc) desc.configurable = true;
    return desc;
  },
  getPrototypeOf() {
    return LazyRefPrototype;
  },
  set(target) {
    tooEarly(refs.get(target)!, "assigned to");
  },
  apply(target, _this, args) {
    const d = refs.get(target)!;
    if (!d.root.ready()) tooEarly(d, "called");
    return (resolveData(d) as (...a: unknown[]) => unknown)(...args);
  },
};

/** A lazy view of `path` under `root`. */
export function makeLazyRef(root: LazyRoot, path: readonly string[]): object {
  // A function target lets a LazyRef of a function (e.g. `lib` from _module.args) be called.
  const target = function lazyRef() {};
  Object.setPrototypeOf(target, null);
  refs.set(target, { root, path, children: undefined, resolved: false, value: undefined });
  const p = new Proxy(target, handler);
  proxies.set(p, target);
  return p;
}

const proxies = new WeakMap<object, object>();

/** True for a LazyRef. */
export function isLazyRef(v: unknown): boolean {
  return typeof v === "function" && proxies.has(v as object);
}

/** True for a LazyRef whose evaluation has finished collecting (it can be resolved). */
export function isLazyRefReady(v: unknown): boolean {
  const t = proxies.get(v as object);
  return t !== undefined && refs.get(t)!.root.ready();
}

/** The real value behind a LazyRef (resolving it now), or the value itself. */
export function resolveLazyRef(v: unknown): unknown {
  const t = proxies.get(v as object);
  if (t === undefined) return v;
  const d = refs.get(t)!;
  if (!d.root.ready()) tooEarly(d, "used as a value");
  return resolveData(d);
}

/** What a LazyRef points at, for messages ("config.a.b"). */
export function describeLazyRef(v: unknown): string {
  const d = refs.get(proxies.get(v as object)!);
  return d ? d.root.describe(d.path) : "a lazy value";
}

lateValues.isLazyRef = isLazyRef;
lateValues.resolve = resolveLazyRef;
