/**
 * The plan of a home switch as plain, JSON-serialisable data: what will change (for people),
 * the collisions found (all of them), and the ordered operations `applyPlan` executes. Every
 * path is relative to `Plan.home`.
 */

import type { UnitChanges } from "./units.ts";

/** What a target is (or should be): a link to a source, or a copy of one with its hash. */
export type Placed =
  | { mode: "link"; source: string }
  | { mode: "copy"; source: string; sha256: string; executable: boolean };

/**
 * One step of the switch. Each is idempotent and its effect observable, so the journal needs
 * one record for the whole list: recovery re-does or undoes each step by looking at the disk.
 * Order in `Plan.ops`: removals (prune), rmdirs (deepest first), moves aside, mkdirs
 * (shallowest first), the flip of the stable link, puts.
 */
export type Op =
  /** Prune a target confed placed that the new generation drops; `prev` restores it on undo. */
  | { op: "remove"; target: string; prev: Placed }
  /** Remove a directory confed created, now empty. */
  | { op: "rmdir"; dir: string }
  /**
   * Move something that is in the way to `to`: a numbered backup (`keep`), or a displaced
   * file deleted after the commit (`force`, `--adopt` of a link) and restored on undo.
   */
  | { op: "moveAside"; target: string; to: string; keep: boolean }
  /** Create a directory (a missing parent of a target). */
  | { op: "mkdir"; dir: string }
  /** Place `entry` at `target`: created exclusively when `prev` is null, else replaced atomically. */
  | { op: "put"; target: string; entry: Placed; prev: Placed | null }
  /**
   * Point the profile's stable link (`link`, an absolute path outside the home) at `to`, the
   * new generation's files, replacing `prev` (null: no link yet) in one rename. Every placed
   * link goes through it, so this is where their content changes, all at once.
   */
  | { op: "flip"; link: string; to: string; prev: string | null }
  /**
   * Secrets (see secrets-ops.ts): create the fresh generation directory `target` (and the missing
   * directories `mkdirs`, shallowest first) and write the decrypted `files` into it from memory;
   * undone by deleting it. After the commit, the previous generation `prev` is deleted. Holds
   * names and modes only: the journal never sees plaintext.
   */
  | {
      op: "writeSecrets";
      /** The new generation directory (absolute, like every secrets op's `target`). */
      target: string;
      prev: string | null;
      mkdirs: string[];
      dirMode: number;
      files: SecretFileSpec[];
    }
  /** A secret whose `path` is outside the secrets directory and not a link: a copy placed there. */
  | { op: "copySecret"; target: string; from: string; aside: string | null }
  /** Remove a link (absolute path) a previous generation's secret placed. */
  | { op: "unlinkSecret"; target: string; prev: string };

/** One decrypted file of a `writeSecrets` op, relative to its generation directory. */
export interface SecretFileSpec {
  name: string;
  mode: number;
  /** Owner ids (machines); a home's files keep the activating user's. */
  uid?: number;
  gid?: number;
}

/** A line of the human-readable summary. */
export interface FileChange {
  target: string;
  action: "add" | "change" | "remove";
  /** Copy mode, changed text file: a unified diff, when small enough to compute. */
  diff?: string;
}

/** Something the switch does or leaves that the user should know about. */
export interface Notice {
  target: string;
  kind:
    | "backup" /** an unowned file was moved to `to` (-b) */
    | "skel" /** a file identical to /etc/skel's copy was moved to `to` */
    | "forced" /** `force`: an unowned file was replaced */
    | "adopted" /** --adopt: a file equal to the new content was taken over */
    | "modified-kept" /** a copy-mode file the user changed was left as it is */
    | "released" /** a removed target no longer confed's was left in place */;
  to?: string;
}

/** A target (or parent) in the way. */
export interface Collision {
  target: string;
  kind:
    | "unowned" /** something confed did not create is at the target */
    | "parent-symlink" /** a parent directory is a symlink confed did not create */
    | "parent-file" /** a parent path is a file */
    | "modified-copy" /** a copy-mode file changed since the last switch, and the new one changes it */
    | "directory" /** `force` does not delete a directory: use -b */;
  detail: string;
}

/** A script to run after the commit. */
export interface PendingScript {
  /** `units`: the systemctl calls for the home's user units (see units.ts). */
  kind: "onChange" | "activation" | "units" | "secrets";
  /** The target (onChange) or the entry name (activation). */
  name: string;
  script: string;
}

/**
 * The whole plan.
 *
 * @example
 * const p = planHome(sys, { home: "/home/me", newManifest, oldManifest: null });
 * if (p.collisions.length) console.error(renderPlan(p)); else applyPlan(sys, p, { stateDir });
 */
export interface Plan {
  version: 1;
  /** The absolute directory the files go into. */
  home: string;
  /** The generation being activated (opaque to activation; recorded in the state). */
  generation: string | null;
  files: FileChange[];
  /** How many targets are already as wanted. */
  unchanged: number;
  notices: Notice[];
  collisions: Collision[];
  ops: Op[];
  /** Directories confed created that exist after the switch (the next switch may remove them). */
  createdDirectories: string[];
  /** Scripts to run after the commit, in order. */
  pending: PendingScript[];
  /** What happens to systemd user units (absent when none changed). */
  units?: UnitChanges;
  /** The secrets the switch adds, changes or removes, by name (never their values). */
  secrets?: { name: string; action: "add" | "change" | "remove" }[];
}

/** What apply keeps between switches in `<stateDir>/state.json`. */
export interface ActivationState {
  version: 1;
  /** The generation `$HOME` matches (null before the first switch). */
  generation: string | null;
  /** Directories (relative to the home) confed created and has not removed. */
  createdDirectories: string[];
}
