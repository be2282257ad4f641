/**
 * confed.lock: the pinned state of a repository, in the shape of Nix's flake.lock (a graph of
 * input nodes from `root`) plus the stamp of the confed that wrote it. A lock of an unknown
 * version is refused, never guessed at.
 */
import { join } from "node:path";
import { FlakeError } from "../errors/index.ts";
import { exists as existsSync, readText, writeText } from "../system/fs.ts";
import { confedStamp, type Stamp } from "./stamp.ts";

export const LOCK_VERSION = 1;

export interface LockNode {
  inputs?: Record<string, string | string[]>;
  locked?: Record<string, unknown>;
  original?: Record<string, unknown>;
  flake?: boolean;
}

export interface LockFile {
  version: number;
  confed: Stamp;
  nodes: Record<string, LockNode>;
  root: string;
}

/** The repository's lock, or undefined when it has none yet. */
export function readLock(root: string): LockFile | undefined {
  const file = join(root, "confed.lock");
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch (e) {
    throw new FlakeError(
      "E_FLAKE_VERSION",
      `confed.lock is not valid JSON (${(e as Error).message}); restore it from git or run \`confed lock\`.`,
      {
        file: "confed.lock",
      },
    );
  }
  const lock = data as Partial<LockFile>;
  if (typeof lock !== "object" || lock === null || typeof lock.version !== "number") {
    throw new FlakeError(
      "E_FLAKE_VERSION",
      "confed.lock has no `version`: it was not written by confed.",
      { file: "confed.lock" },
    );
  }
  if (lock.version > LOCK_VERSION) {
    throw new FlakeError(
      "E_FLAKE_VERSION",
      `confed.lock has version ${lock.version}, newer than this confed understands (${LOCK_VERSION}): upgrade confed.`,
      { file: "confed.lock" },
    );
  }
  if (
    !lock.confed ||
    typeof lock.confed.version !== "string" ||
    typeof lock.confed.modules !== "string"
  ) {
    throw new FlakeError(
      "E_FLAKE_VERSION",
      "confed.lock lacks the `confed` stamp (version, modules).",
      { file: "confed.lock" },
    );
  }
  return {
    version: lock.version,
    confed: lock.confed,
    nodes: lock.nodes ?? { root: {} },
    root: lock.root ?? "root",
  };
}

/** A new lock for the running confed with no inputs. */
export function emptyLock(): LockFile {
  return {
    version: LOCK_VERSION,
    confed: confedStamp(),
    nodes: { root: { inputs: {} } },
    root: "root",
  };
}

export function writeLock(root: string, lock: LockFile): void {
  writeText(join(root, "confed.lock"), `${JSON.stringify(lock, null, 2)}\n`);
}

/**
 * Why the lock's confed differs from the running one, or undefined when they match (or there is
 * no lock yet).
 */
export function stampMismatch(lock: LockFile | undefined): string | undefined {
  if (!lock) return undefined;
  const now = confedStamp();
  if (lock.confed.version === now.version && lock.confed.modules === now.modules) return undefined;
  const what =
    lock.confed.version !== now.version
      ? `confed ${lock.confed.version}, this is ${now.version}`
      : `confed ${now.version} with other built-in modules (${lock.confed.modules.slice(0, 17)}… vs ${now.modules.slice(0, 17)}…)`;
  return `confed.lock was written by ${what}: the configuration may evaluate differently. Run \`confed lock\` to adopt this version.`;
}
