/**
 * `confed lock [--update NAME]…` and `confed update [NAME…]`: pin the inputs of confed.ts in
 * confed.lock. `lock` moves only new inputs, inputs whose URL changed and those named with
 * --update; `update` moves all (or the named ones). Each change is printed as
 * `name: old rev (date) → new rev (date)`.
 */
import { emptyLock, readDependency, readLock, stampMismatch, writeLock } from "../flake/index.ts";
import { inputStore, lockFlake } from "../inputs/index.ts";
import type { Store } from "../store/index.ts";
import { parseOverrides } from "./flake-arg.ts";
import { colors, type Out } from "./output.ts";

export interface LockCliOptions {
  flake?: string;
  /** `lock`: names given with --update; `update`: the names given, or none for all. */
  update?: string[];
  /** `confed update` without names. */
  all?: boolean;
  allowDirty?: boolean;
  /** `NAME=URL`, from --override-input (repeatable). */
  overrideInput?: string[];
  /** The store fetched trees go to (default: $CONFED_STORE_DIR, else ~/.local/state/confed/store). */
  store?: Store;
}

/**
 * Runs `confed lock` (verb "lock") or `confed update` (verb "update"); returns the exit code.
 *
 * @example
 * await run("lock", { update: ["dots"] }, out);
 */
export async function run(
  verb: "lock" | "update",
  opts: LockCliOptions,
  out: Out,
): Promise<number> {
  const { openFlake } = await import("./flake-arg.ts");
  // The trees the current lock pins are checked by lockFlake itself (kept inputs are reused
  // from the store or fetched and compared with their hash), so they are not fetched first.
  const { flake } = await openFlake(opts.flake, undefined, { fetch: false });
  const old = readLock(flake.root);
  const api = await import("../index.ts");
  const result = await lockFlake(flake.root, flake.spec.inputs, {
    store: opts.store ?? inputStore(),
    readFlake: (dir, input) => readDependency(dir, input, { api }),
    lock: old,
    update: opts.update,
    updateAll: verb === "update" && (opts.all || !opts.update?.length),
    overrideInputs: parseOverrides(opts.overrideInput),
    allowDirty: opts.allowDirty,
  });
  const next = { ...emptyLock(), nodes: result.graph.nodes, root: result.graph.root };
  const changed =
    !old ||
    stampMismatch(old) !== undefined ||
    JSON.stringify({ nodes: old.nodes, root: old.root }) !== JSON.stringify(result.graph);
  if (changed) writeLock(flake.root, next);
  if (out.json) {
    out.stdout(
      JSON.stringify({ written: changed, changes: result.changes, warnings: result.warnings }),
    );
    return 0;
  }
  for (const w of result.warnings) out.stderr(`${colors.yellow("warning:")} ${w}`);
  for (const c of result.changes) out.stdout(c.text);
  if (result.changes.length === 0)
    out.stderr(
      colors.dim(changed ? "confed.lock written (no input moved)" : "confed.lock is up to date"),
    );
  return 0;
}
