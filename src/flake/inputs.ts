/**
 * `inputs.<name>` as modules, overlays and `outputs` see them, read from the lock graph when
 * first used. A `flake: false` input is its locked tree: `outPath` (a directory in the store,
 * usable as the `source` of a home file) with what the lock pins (rev, narHash, lastModified…).
 * Any other input is a confed repository: its confed.ts is loaded with the same loader as the
 * consumer's, its own inputs are the lock graph's (not its confed.lock: the consumer's lock
 * decides), and its outputs are offered next to `outPath`:
 *
 * - `modules.home` / `modules.machine`: what its defineFlake adds to its own homes and machines;
 * - `homeModules` / `machineModules`: named modules from its `outputs`, with `default` standing
 *   for all of `modules.home` / `modules.machine` unless `outputs` names one;
 * - `overlays`: the overlays its own pkgs use (a list to spread into the consumer's overlays);
 * - `packages`, `devShells` and the rest of `outputs` (also all of it as `outputs`);
 * - `machines.<name>` and `homes."<user>@<host>"`: its own machines and homes, evaluated lazily;
 * - `inputs`: its own inputs, the same objects wherever a follows leads to the same node.
 */
import { join } from "node:path";
import { FlakeError } from "../errors/index.ts";
import {
  InputError,
  inputStore,
  type LockGraph,
  resolveFollows,
  sourcePath,
} from "../inputs/index.ts";
import { isValidPath, realPath, type Store } from "../store/index.ts";
import { exists } from "../system/fs.ts";
import type { Loader } from "./loader.ts";
import type { LockFile } from "./lock.ts";

/** What every input of one evaluation shares: the lock, the store and loaded repositories. */
export interface InputContext {
  /** The lock inputs are read from; `useLock` swaps in another (--override-input). */
  lockRef: { current: LockFile | undefined };
  /** Loads the confed repository at `dir` as the input at `node` of the graph. */
  loadInput(dir: string, node: string, label: string, self: Record<string, unknown>): LoadedInput;
  /** node name -> its `inputs.<name>` value, so a followed input is one object. */
  cache: Map<string, unknown>;
  store?: Store;
  /** The loaders of the repositories loaded so far (string imports pick theirs by path). */
  loaders?: Loader[];
}

/** The parts of a loaded repository an input value exposes. */
export interface LoadedInput {
  description: string;
  inputs: Record<string, unknown>;
  overlays: readonly unknown[];
  modules: { home: readonly unknown[]; machine: readonly unknown[] };
  outputs(): Record<string, unknown>;
  machineNames: readonly string[];
  machine(name: string): unknown;
  homeNames(): string[];
  home(name: string): unknown;
}

/** A new context for one evaluation. */
export function inputContext(
  lockRef: InputContext["lockRef"],
  loadInput: InputContext["loadInput"],
): InputContext {
  return { lockRef, loadInput, cache: new Map() };
}

function lazyRecord(names: () => readonly string[], get: (n: string) => unknown) {
  const o: Record<string, unknown> = {};
  for (const n of names()) {
    let v: unknown;
    let done = false;
    Object.defineProperty(o, n, {
      enumerable: true,
      get() {
        if (!done) {
          v = get(n);
          done = true;
        }
        return v;
      },
    });
  }
  return o;
}

/**
 * Defines a getter on `target` for each input of the repository at graph node `nodeName`
 * (the root, or a confed-repo input). `declared` are the names its confed.ts lists, so an input
 * that is declared but not locked yet says to run `confed lock`.
 */
export function defineInputs(
  target: Record<string, unknown>,
  declared: readonly string[],
  ctx: InputContext,
  nodeName: () => string | undefined,
  prefix: readonly string[],
): void {
  const graph = () => ctx.lockRef.current as unknown as LockGraph | undefined;
  const edges = () => {
    const g = graph();
    const n = nodeName();
    return (g && n !== undefined ? (g.nodes[n]?.inputs ?? {}) : {}) as Record<
      string,
      string | string[]
    >;
  };
  const names = new Set([...declared, ...Object.keys(edges())]);
  for (const name of names) {
    if (name === "self") continue;
    Object.defineProperty(target, name, {
      enumerable: true,
      configurable: true,
      get() {
        const label = [...prefix, name].join("/");
        const g = graph();
        const edge = edges()[name];
        if (!g || edge === undefined)
          throw new InputError(
            "E_INPUT_LOCK",
            `input '${label}' is not locked yet: run \`confed lock\`.`,
            { input: label },
          );
        const node = Array.isArray(edge) ? resolveFollows(g, label, edge, new Set()) : edge;
        return inputValue(node, label, ctx);
      },
    });
  }
}

function inputValue(nodeName: string, label: string, ctx: InputContext): unknown {
  const hit = ctx.cache.get(nodeName);
  if (hit !== undefined) return hit;
  const g = ctx.lockRef.current as unknown as LockGraph;
  const node = g.nodes[nodeName];
  const locked = node?.locked as Record<string, unknown> | undefined;
  if (!locked || typeof locked.narHash !== "string")
    throw new InputError(
      "E_INPUT_LOCK",
      `input '${label}': confed.lock has no pinned tree for it; run \`confed lock\`.`,
      { input: label },
    );
  ctx.store ??= inputStore();
  const path = sourcePath(ctx.store, locked.narHash);
  if (!isValidPath(ctx.store, path))
    throw new InputError(
      "E_INPUT_FETCH",
      `input '${label}' is locked but not fetched into ${ctx.store.storeDir}: run \`confed lock\`.`,
      { input: label },
    );
  const outPath = realPath(ctx.store, path);
  const base: Record<string, unknown> = { ...locked, outPath, flake: node?.flake !== false };
  if (node?.flake === false) {
    ctx.cache.set(nodeName, Object.freeze(base));
    return ctx.cache.get(nodeName);
  }
  // `?dir=`: the repository's confed.ts is in a directory of the tree (outPath stays the tree).
  const flakeDir =
    typeof locked.dir === "string" && locked.dir ? join(outPath, locked.dir) : outPath;
  if (!exists(join(flakeDir, "confed.ts"))) throw noConfedTs(label);
  let loaded: LoadedInput | undefined;
  const sub = () => {
    loaded ??= ctx.loadInput(flakeDir, nodeName, label, base);
    return loaded;
  };
  const named = (kind: "homeModules" | "machineModules", list: () => readonly unknown[]) => {
    const given = (sub().outputs()[kind] ?? {}) as Record<string, unknown>;
    const l = list();
    return {
      ...(l.length ? { default: { _file: `${label} (modules)`, imports: [...l] } } : {}),
      ...given,
    };
  };
  const value = Object.defineProperties(base, {
    description: { enumerable: true, get: () => sub().description },
    inputs: { enumerable: true, get: () => sub().inputs },
    overlays: { enumerable: true, get: () => sub().overlays },
    modules: { enumerable: true, get: () => sub().modules },
    homeModules: { enumerable: true, get: () => named("homeModules", () => sub().modules.home) },
    machineModules: {
      enumerable: true,
      get: () => named("machineModules", () => sub().modules.machine),
    },
    packages: { enumerable: true, get: () => sub().outputs().packages ?? {} },
    devShells: { enumerable: true, get: () => sub().outputs().devShells ?? {} },
    outputs: { enumerable: true, get: () => sub().outputs() },
    machines: {
      enumerable: true,
      get: () =>
        lazyRecord(
          () => sub().machineNames,
          (n) => sub().machine(n),
        ),
    },
    homes: {
      enumerable: true,
      get: () =>
        lazyRecord(
          () => sub().homeNames(),
          (n) => sub().home(n),
        ),
    },
  });
  ctx.cache.set(nodeName, value);
  return value;
}

/** The error for a confed-repo input whose tree has no confed.ts. */
export function noConfedTs(label: string): InputError {
  return new InputError(
    "E_INPUT_FETCH",
    `input '${label}' has no confed.ts; if it is a plain source tree, declare it with \`flake: false\`.`,
    { input: label },
  );
}

/** Why an input could not be loaded, naming it. */
export function inputLoadError(label: string, e: unknown): FlakeError {
  const msg = e instanceof Error ? e.message : String(e);
  return new FlakeError("E_FLAKE_LOAD", `input '${label}': ${msg}`, { cause: e });
}
