/** `--flake DIR[#name]`: which repository, and optionally which machine or home. */
import { resolve } from "node:path";
import { FlakeError } from "../errors/index.ts";
import { type Flake, findFlakeRoot, loadFlake } from "../flake/index.ts";
import { colors } from "./output.ts";

export interface FlakeRef {
  dir: string;
  name: string | undefined;
}

export function parseFlakeRef(arg: string | undefined, cwd = process.cwd()): FlakeRef {
  if (!arg) return { dir: findFlakeRoot(cwd), name: undefined };
  const hash = arg.indexOf("#");
  const dir = hash === -1 ? arg : arg.slice(0, hash);
  const name = hash === -1 ? undefined : arg.slice(hash + 1) || undefined;
  return { dir: findFlakeRoot(resolve(cwd, dir || ".")), name };
}

/**
 * Loads the flake a command was pointed at, with `--override-input`s applied, and (unless
 * `fetch` is false) every tree its lock pins in the store.
 */
export async function openFlake(
  arg: string | undefined,
  overrideInput?: readonly string[],
  opts: { fetch?: boolean } = {},
): Promise<{ flake: Flake; name: string | undefined }> {
  const ref = parseFlakeRef(arg);
  const api = await import("../index.ts");
  const flake = loadFlake(ref.dir, { api });
  if (overrideInput?.length) await overrideInputs(flake, overrideInput);
  else if (opts.fetch !== false) await fetchLockedInputs(flake);
  const w = flake.stampWarning;
  if (w) process.stderr.write(`${colors.yellow("warning:")} ${w}\n`);
  return { flake, name: ref.name };
}

/**
 * Fetches every input the lock pins whose tree is not in the store yet (a fresh machine, a
 * collected store), so evaluation finds `inputs.<name>.outPath`; a tree that is there is reused
 * without the network. The trees are registered as gc roots of the repository while its lock
 * uses them.
 */
export async function fetchLockedInputs(flake: Flake): Promise<void> {
  const lock = flake.lock;
  if (!lock || Object.keys(lock.nodes).length <= 1) return;
  const { inputStore, fetchLockGraph } = await import("../inputs/index.ts");
  await fetchLockGraph(flake.root, lock, { store: inputStore() });
}

/**
 * `--override-input NAME=URL`: evaluates with the input locked from another URL (fetched into the
 * store), without writing confed.lock or moving the repository's gc roots.
 */
export async function overrideInputs(flake: Flake, values: readonly string[]): Promise<void> {
  const { inputStore, lockFlake } = await import("../inputs/index.ts");
  const { emptyLock, readDependency } = await import("../flake/index.ts");
  const api = await import("../index.ts");
  const base = flake.lock ?? emptyLock();
  const r = await lockFlake(flake.root, flake.spec.inputs, {
    store: inputStore(),
    lock: base,
    overrideInputs: parseOverrides([...values]),
    registerRoots: false,
    readFlake: (dir, input) => readDependency(dir, input, { api }),
  });
  flake.useLock({ ...base, nodes: r.graph.nodes as typeof base.nodes, root: r.graph.root });
}

/** Parses `--override-input NAME=URL` values. */
export function parseOverrides(values: readonly string[] | undefined): Record<string, string> {
  const o: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf("=");
    if (eq <= 0)
      throw new FlakeError(
        "E_FLAKE_ARGUMENT",
        `--override-input takes NAME=URL, e.g. dots=git+file:///src/dots, not '${v}'`,
      );
    o[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return o;
}
