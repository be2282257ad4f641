/**
 * How lazy values are represented and forced. A definition value is either a plain value, a
 * Thunk (a getter on a definition object, not yet run), or a collection-time LazyRef (see
 * lazy-ref.ts). `force` turns any of them into a value; every getter runs at most once per
 * evaluation because Thunks are memoised per evaluation (GetterMemo).
 */

import { ModuleError, messages } from "../errors/index.ts";
import { isThenable, showOption } from "../lib/index.ts";

/** A definition whose value is produced by a getter, run on first use. */
export class Thunk implements DeepTask<unknown> {
  state: 0 | 1 | 2 | 3 = 0;
  result: unknown = undefined;
  constructor(
    readonly obj: object,
    readonly key: string,
    readonly get: () => unknown,
    readonly file: string,
  ) {}
  value(): unknown {
    return forceThunk(this);
  }
  run(): unknown {
    return runThunk(this);
  }
  describe(): string {
    return `the getter \`${this.key}' from ${this.file}`;
  }
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
      return t.result;
    case 1:
      throw new ModuleError("E_RECURSION", messages.recursionGetter(t.key, t.file), {
        files: [t.file],
      });
    case 3:
      throw t.result;
  }
  return deep(t);
}

function runThunk(t: Thunk): unknown {
  if (t.state === 2) return t.result;
  t.state = 1;
  try {
    const v = force(t.get.call(t.obj));
    t.result = v;
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
      t.result = e;
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

// ---------------------------------------------------------------------------------------------
// Deep chains of dependent values.
//
// JavaScript's stack is far smaller than the chains a configuration can build (option a reads
// b, which reads c, …): a few hundred levels of getters overflow it. Every memoised value goes
// through `deep`: past SEGMENT nested evaluations it throws a Restart that unwinds to the
// outermost evaluation, which evaluates the value that was too deep first (from a shallow
// stack, where it is memoised) and then retries. Progress is guaranteed because each retry finds
// one more segment memoised. Chains longer than MAX_DEPTH are reported as infinite recursion,
// as Nix reports a stack overflow. Cycles are found by in-progress marks, never by the stack.

const SEGMENT = 120;
const MAX_DEPTH = 30_000;
let depth = 0;

class Restart {
  readonly [TRANSIENT] = true;
  constructor(readonly task: DeepTask<unknown>) {}
}

/** A memoised value as `deep` sees it. */
export interface DeepTask<T> {
  /** Reads the value through its memo (what a retry calls). */
  value(): T;
  /** Computes the value (called once the memo says it is not there yet). */
  run(): T;
  /** Names the value for the error about a too-long chain. */
  describe(): string;
}

/** Runs `task.run()` with the deep-chain protection. */
export function deep<T>(task: DeepTask<T>): T {
  if (depth === 0) return fromTop(task);
  if (depth >= SEGMENT) throw new Restart(task);
  depth++;
  try {
    return task.run();
  } finally {
    depth--;
  }
}

function fromTop<T>(task: DeepTask<T>): T {
  const pending: DeepTask<unknown>[] = [];
  for (;;) {
    const job = pending.length > 0 ? pending[pending.length - 1] : undefined;
    depth = 1;
    try {
      if (job === undefined) return task.run();
      job.value();
      pending.pop();
    } catch (e) {
      if (!(e instanceof Restart)) throw e;
      pending.push(e.task);
      if (pending.length * SEGMENT > MAX_DEPTH) {
        const path = task.describe();
        throw new ModuleError("E_RECURSION", messages.tooDeep(path, MAX_DEPTH), {
          optionPath: path,
        });
      }
    } finally {
      depth = 0;
    }
  }
}
