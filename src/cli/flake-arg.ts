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

/** Loads the flake a command was pointed at. */
export async function openFlake(
  arg: string | undefined,
  overrideInput?: readonly string[],
): Promise<{ flake: Flake; name: string | undefined }> {
  const ref = parseFlakeRef(arg);
  const api = await import("../index.ts");
  const flake = loadFlake(ref.dir, { api });
  if (overrideInput?.length) await overrideInputs(flake, overrideInput);
  await fetchLockedInputs(flake);
  const w = flake.stampWarning;
  if (w) process.stderr.write(`${colors.yellow("warning:")} ${w}\n`);
  return { flake, name: ref.name };
}

/**
 * Fetches every input the lock pins whose tree is not in the store yet (a fresh machine, a
 * collected store), so evaluation finds `inputs.<name>.outPath`. A tree that is there is reused.
 */
export async function fetchLockedInputs(flake: Flake): Promise<void> {
  const lock = flake.lock;
  if (!lock) return;
  const { inputStore, fetchLocked, sourcePath } = await import("../inputs/index.ts");
  const { isValidPath } = await import("../store/index.ts");
  let store: ReturnType<typeof inputStore> | undefined;
  for (const [name, node] of Object.entries(lock.nodes)) {
    const locked = node.locked as { narHash?: string } | undefined;
    if (name === lock.root || !locked?.narHash) continue;
    store ??= inputStore();
    if (isValidPath(store, sourcePath(store, locked.narHash))) continue;
    await fetchLocked(name, locked as never, { store, root: flake.root });
  }
}

/**
 * `--override-input NAME=URL`: evaluates with the input locked from another URL (fetched into the
 * store), without writing confed.lock.
 */
export async function overrideInputs(flake: Flake, values: readonly string[]): Promise<void> {
  const { inputStore, lockFlake } = await import("../inputs/index.ts");
  const { emptyLock } = await import("../flake/index.ts");
  const base = flake.lock ?? emptyLock();
  const r = await lockFlake(flake.root, flake.spec.inputs, {
    store: inputStore(),
    lock: base,
    overrideInputs: parseOverrides([...values]),
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
