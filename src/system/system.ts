/**
 * The one interface through which activation touches the operating system. Everything is
 * synchronous: a switch makes thousands of small calls, and a no-op switch must not pay for
 * promises or exceptions. Implementations: `RealSystem` (node:fs), `MemorySystem` (an
 * in-memory tree for unit tests), `FaultySystem` (a wrapper that simulates a crash at the k-th
 * mutating call). Dry runs, debugging and tests wrap a System instead of testing flags.
 *
 * Errors are thrown as `FsError` with node's codes (`ENOENT`, `EEXIST`, `ENOTEMPTY`, …) so
 * that callers can tell "already exists" from a real failure the same way with every
 * implementation.
 */

/** What a path is, without following a final symlink. */
export type FileKind = "file" | "directory" | "symlink" | "other";

/** The part of `lstat` that activation needs. */
export interface FileInfo {
  kind: FileKind;
  /** Permission bits only (`0o755`), not the file type. */
  mode: number;
  /** Size in bytes (for a symlink: the length of its target). */
  size: number;
}

/** The read-only half of a System: enough to compute a plan or a status. */
export interface SystemReader {
  /**
   * `lstat` that answers "does it exist?" without an exception: null when nothing is at `path`
   * (or a parent is missing or not a directory).
   *
   * @example
   * if (sys.lstatOrNull("/home/me/.bashrc")?.kind === "symlink") …
   */
  lstatOrNull(path: string): FileInfo | null;
  /** The target of a symlink, as stored. */
  readlink(path: string): string;
  /**
   * The target of a symlink, or null when `path` is not a symlink or does not exist: one call
   * where lstat then readlink would be two (a switch asks it of every link it placed).
   */
  readlinkOrNull(path: string): string | null;
  /** The bytes of a file (following symlinks). */
  readFile(path: string): Uint8Array;
  /** The names in a directory, sorted by code unit. */
  readdir(path: string): string[];
  /** The SHA-256 of a file's bytes (following symlinks), lowercase hex. */
  sha256(path: string): string;
  /** Milliseconds since the epoch. */
  now(): number;
  /** This process's id (written into lock files). */
  pid(): number;
  /** True while a process with this id runs (a lock held by a dead process is stale). */
  processAlive(pid: number): boolean;
  /**
   * The type of the file system `path` is on (statfs, following symlinks): `"tmpfs"`,
   * `"ramfs"`, or another name or hex magic number. Secrets are only decrypted onto RAM.
   *
   * @example
   * if (!["tmpfs", "ramfs"].includes(sys.fileSystemType("/run/user/1000"))) …
   */
  fileSystemType(path: string): string;
  /** The owning user and group ids of `path` itself (not following a final symlink). */
  ownerOf(path: string): { uid: number; gid: number };
  /** This process's effective user id. */
  euid(): number;
}

/**
 * Everything activation may do to the OS. Every method below `SystemReader`'s is a mutating
 * call: `FaultySystem` counts them, and a no-op switch makes none.
 *
 * @example
 * const sys: System = new RealSystem();
 * sys.symlink("/store/gen/home-files/.bashrc", "/home/me/.bashrc"); // EEXIST if it exists
 */
export interface System extends SystemReader {
  /** Creates one directory; fails with EEXIST when anything is already at `path`. */
  mkdir(path: string, mode?: number): void;
  /** Creates a symlink at `path` pointing to `target`; fails with EEXIST (`wx` semantics). */
  symlink(target: string, path: string): void;
  /** Renames atomically, replacing a file or symlink (not a non-empty directory) at `to`. */
  rename(from: string, to: string): void;
  /** Removes a file or symlink. */
  unlink(path: string): void;
  /** Removes an empty directory (ENOTEMPTY otherwise). */
  rmdir(path: string): void;
  /** Creates a new file with these bytes; fails with EEXIST (`wx`). Mode defaults to 0o644. */
  writeFileExclusive(path: string, data: Uint8Array | string, mode?: number): void;
  /** Appends to a file, creating it when missing. */
  appendFile(path: string, data: Uint8Array | string): void;
  /** Sets permission bits. */
  chmod(path: string, mode: number): void;
  /** Sets the owning user and group ids (a final symlink is followed). */
  chown(path: string, uid: number, gid: number): void;
  /** Flushes a file's data to stable storage. */
  fsyncFile(path: string): void;
  /** Flushes a directory's entries (creations, renames, removals) to stable storage. */
  fsyncDir(path: string): void;
  /**
   * Mounts a fresh ramfs on the directory `path` (`nodev,nosuid`, its root with `mode`): RAM
   * that is never swapped out, for a machine's decrypted secrets. Root only.
   */
  mountRamfs(path: string, mode: number): void;
}

/** The names of the mutating methods of `System`, for wrappers that count or log them. */
export const MUTATING_METHODS = [
  "mkdir",
  "symlink",
  "rename",
  "unlink",
  "rmdir",
  "writeFileExclusive",
  "appendFile",
  "chmod",
  "chown",
  "fsyncFile",
  "fsyncDir",
  "mountRamfs",
] as const satisfies readonly (keyof System)[];

/** One of `MUTATING_METHODS`. */
export type MutatingMethod = (typeof MUTATING_METHODS)[number];

/**
 * A file-system error with node's `code` and `syscall`, thrown by every System implementation.
 *
 * @example
 * try { sys.mkdir(p) } catch (e) { if (isFsError(e, "EEXIST")) … }
 */
export class FsError extends Error {
  readonly code: string;
  readonly syscall: string;
  readonly path: string;
  constructor(code: string, syscall: string, path: string) {
    super(`${code}: ${syscall} '${path}'`);
    this.code = code;
    this.syscall = syscall;
    this.path = path;
  }
}

/**
 * True when `e` is a file-system error (an `FsError` or a node error) with this code.
 *
 * @example
 * isFsError(e, "ENOENT")
 */
export function isFsError(e: unknown, code?: string): e is { code: string } {
  if (e === null || typeof e !== "object" || !("code" in e)) return false;
  const c = (e as { code: unknown }).code;
  return typeof c === "string" && c.startsWith("E") && (code === undefined || c === code);
}
