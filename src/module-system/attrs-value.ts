/**
 * The objects that hold merged attribute sets (attrsOf values, submodule and config views):
 * null-prototype objects whose entries are memoised getters, with keys in Nix's sorted order.
 * They carry a non-enumerable `toJSON` (refusing functions, as Nix's toJSON does) and a
 * `util.inspect` hook that forces one level, so JSON.stringify, console.log and the REPL show
 * real values.
 */
import { ModuleError, messages } from "../errors/index.ts";
import { isPlainObject, showOption } from "../lib/index.ts";
import { type DeepTask, deep } from "./value.ts";

export const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Compares attribute names the way Nix orders them (by code unit; Nix compares bytes). */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Defines `key` on `obj` as a getter that computes once. A computation that fails is retried on
 * the next read (it fails again the same way, as a Nix thunk does), so the error is not hidden.
 */
export function defineLazy(
  obj: object,
  key: string,
  compute: () => unknown,
  loc?: readonly string[],
): void {
  const slot = new LazySlot(obj, key, compute, loc);
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get: () => (slot.state === 2 ? slot.result : deep(slot)),
  });
}

/** The memo of one lazy attribute. */
class LazySlot implements DeepTask<unknown> {
  state = 0;
  result: unknown = undefined;
  constructor(
    private readonly obj: object,
    private readonly key: string,
    private readonly compute: () => unknown,
    private readonly loc: readonly string[] | undefined,
  ) {}
  value(): unknown {
    return (this.obj as Record<string, unknown>)[this.key];
  }
  describe(): string {
    return this.loc ? showOption([...this.loc, this.key]) : this.key;
  }
  run(): unknown {
    if (this.state === 2) return this.result;
    if (this.state === 1) {
      const path = this.describe();
      throw new ModuleError("E_RECURSION", messages.recursion(path), { optionPath: path });
    }
    this.state = 1;
    try {
      this.result = this.compute();
      this.state = 2;
      return this.result;
    } catch (e) {
      this.state = 0;
      throw e;
    }
  }
}

/** Adds the non-enumerable `toJSON` and inspect hook to an attribute-set object. */
export function addViewMethods(obj: object, loc: readonly string[]): void {
  Object.defineProperty(obj, "toJSON", {
    enumerable: false,
    configurable: true,
    writable: true,
    value(this: Record<string, unknown>) {
      // Null prototype: a `__proto__` attribute stays an ordinary key.
      const out: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(this)) out[k] = jsonValue(this[k], [...loc, k]);
      return out;
    },
  });
  Object.defineProperty(obj, INSPECT, {
    enumerable: false,
    configurable: true,
    writable: true,
    value(this: Record<string, unknown>) {
      const out: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(this)) {
        try {
          out[k] = this[k];
        } catch (e) {
          out[k] = new ErrorPlaceholder(e instanceof Error ? e.message.split("\n")[0] : String(e));
        }
      }
      return out;
    },
  });
}

class ErrorPlaceholder {
  constructor(readonly message: string) {}
  [INSPECT]() {
    return `«error: ${this.message}»`;
  }
}

/**
 * A value ready for JSON: functions are refused with the option path; nested attribute sets with
 * their own toJSON are left to JSON.stringify.
 */
export function jsonValue(v: unknown, loc: readonly string[]): unknown {
  if (typeof v === "function") {
    const path = showOption(loc);
    throw new ModuleError("E_VALUE", messages.functionToJSON(path), { optionPath: path });
  }
  if (Array.isArray(v)) return v.map((x, i) => jsonValue(x, [...loc, String(i)]));
  if (isPlainObject(v) && typeof (v as { toJSON?: unknown }).toJSON !== "function") {
    const out: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v)) out[k] = jsonValue(v[k], [...loc, k]);
    return out;
  }
  return v;
}

/**
 * A null-prototype attribute set whose entries are computed on first read, keys sorted.
 */
export function lazyAttrs(
  loc: readonly string[],
  keys: string[],
  compute: (key: string) => unknown,
): Record<string, unknown> {
  const obj = Object.create(null);
  keys.sort(byName);
  for (const k of keys) defineLazy(obj, k, () => compute(k), loc);
  addViewMethods(obj, loc);
  return obj;
}
