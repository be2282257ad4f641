/**
 * How lazy values are represented and forced. A definition value is either a plain value, a
 * Thunk (a getter on a definition object, not yet run), or a collection-time LazyRef (see
 * lazy-ref.ts). `force` turns any of them into a value; every getter runs at most once per
 * evaluation because Thunks are memoised per evaluation (GetterMemo).
 */

import { ModuleError, messages } from "../errors/index.ts";
import { isThenable, showOption } from "../lib/index.ts";

/** A definition whose value is produced by a getter, run on first use. */
export class Thunk {
  state: 0 | 1 | 2 | 3 = 0;
  value: unknown = undefined;
  constructor(
    readonly obj: object,
    readonly key: string,
    readonly get: () => unknown,
    readonly file: string,
  ) {}
}

/**
 * Per-evaluation memo of getter thunks: the same (object, key) pair gives the same Thunk, so a
 * getter on a module object shared by two evaluations runs once in each.
 */
export class GetterMemo {
  private readonly map = new WeakMap<object, Map<string, Thunk>>();
  thunk(obj: object, key: string, get: () => unknown, file: string): Thunk {
    let m = this.map.get(obj);
    if (m === undefined) {
      m = new Map();
      this.map.set(obj, m);
    }
    let t = m.get(key);
    if (t === undefined) {
      t = new Thunk(obj, key, get, file);
      m.set(key, t);
    }
    return t;
  }
}

/** Hooks for values that are resolved late (collection-time lazy references). */
export const lateValues = {
  isLazyRef: (_v: unknown): boolean => false,
  resolve: (v: unknown): unknown => v,
};

/** Marks an exception that unwinds evaluation on purpose; never cached as a failure. */
export const TRANSIENT = Symbol("confed.transient");
export function isTransient(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[TRANSIENT] === true;
}

export function forceThunk(t: Thunk): unknown {
  switch (t.state) {
    case 2:
      return t.value;
    case 1:
      throw new ModuleError("E_RECURSION", messages.recursionGetter(t.key, t.file), {
        files: [t.file],
      });
    case 3:
      throw t.value;
  }
  t.state = 1;
  try {
    const v = force(t.get.call(t.obj));
    t.value = v;
    t.state = 2;
    return v;
  } catch (e) {
    if (isTransient(e)) {
      t.state = 0;
    } else {
      if (e instanceof ModuleError && !e.context.some((c) => c.includes(`getter \`${t.key}\``))) {
        e.addContext(`while running the getter \`${t.key}\` from ${t.file}`);
      }
      t.state = 3;
      t.value = e;
    }
    throw e;
  }
}

/**
 * The value of a definition: runs a pending getter, resolves a lazy reference, and refuses a
 * Promise (definitions are synchronous).
 */
export function force(v: unknown, loc?: readonly string[]): unknown {
  if (v instanceof Thunk) v = forceThunk(v);
  if (typeof v === "function" && lateValues.isLazyRef(v)) v = lateValues.resolve(v);
  if (typeof v === "object" && v !== null) {
    if (isThenable(v)) {
      throw new ModuleError("E_LAZINESS", messages.thenable(loc ? showOption(loc) : undefined), {
        optionPath: loc ? showOption(loc) : undefined,
      });
    }
  }
  return v;
}
