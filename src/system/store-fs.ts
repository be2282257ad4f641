/**
 * The file-system access of the store (`src/store`): a small synchronous interface and its real
 * implementation. The store logic calls nothing else, so tests can wrap it (to fail or "crash"
 * at the k-th mutating call) and the store never imports node:fs itself.
 *
 * Synchronous on purpose: adding a path is a short sequence of small calls whose order is the
 * whole point (content, fsync, rename, then metadata); promises would only blur it.
 */
import {
  chmodSync,
  closeSync,
  constants,
  cpSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  symlinkSync,
  writeSync,
} from "node:fs";
import { realTreeReader, type TreeReader } from "./tree-reader.ts";

/** What a path is, without following a final symlink. */
export interface StoreStat {
  kind: "file" | "directory" | "symlink" | "other";
  /** Permission bits only (`0o555`). */
  mode: number;
  /** Bytes (for a symlink, the length of its target). */
  size: number;
  /** Last modification, milliseconds since the epoch. */
  mtimeMs: number;
}

/**
 * What the store needs of the OS. Errors are node's (with an errno `code`: `ENOENT`, `EEXIST`,
 * `EACCES`, `ENOSPC`…); the store turns them into StoreErrors naming the path.
 *
 * @example
 * const fs = realStoreFs;
 * fs.mkdir("/tmp/store", 0o700);
 * fs.writeFile("/tmp/store/x", Buffer.from("hi"), 0o444);
 */
export interface StoreFs {
  /** lstat, or undefined when nothing is at `path` (or a parent is missing). */
  lstat(path: string): StoreStat | undefined;
  /** The names in a directory, sorted by code unit. */
  readdir(path: string): string[];
  /** A file's bytes, or undefined when it does not exist. */
  readFile(path: string): Buffer | undefined;
  /** A symlink's target as stored, or undefined when nothing is at `path`. */
  readlink(path: string): string | undefined;
  /** Reads trees raw (for NAR hashing). */
  reader: TreeReader;

  // Mutating calls: the ones a crash test counts.
  /** Creates a directory and any missing parents; the last one gets exactly `mode`. */
  mkdir(path: string, mode: number): void;
  /**
   * Creates a file with `data` and exactly `mode`, flushed to disk (fsync) before returning.
   * `exclusive`: fail with `EEXIST` if anything is at `path` (for lock files); otherwise the file
   * is replaced.
   */
  writeFile(path: string, data: Uint8Array, mode: number, opts?: { exclusive?: boolean }): void;
  /** Copies a tree (files, directories, symlinks as they are); `dest` must not exist. */
  copyTree(source: string, dest: string): void;
  /** Creates a symlink holding `target`. */
  symlink(target: string, path: string): void;
  /** Creates a hard link `path` to the file `existing` (within the store: shared content). */
  link(existing: string, path: string): void;
  /** rename(2): atomic replacement within one file system. */
  rename(from: string, to: string): void;
  /** chmod of `path` itself (never through a symlink). */
  chmod(path: string, mode: number): void;
  /** Flushes a file or a directory (its entries) to disk. */
  fsync(path: string): void;
  /** Removes `path` and everything under it (made writable first); nothing there is fine. */
  remove(path: string): void;

  /** This process's id, written into lock files. */
  pid(): number;
  /** True while a process with this id runs (a lock of a dead process is stale). */
  processAlive(pid: number): boolean;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Blocks the thread for `ms` milliseconds (waiting for a lock). */
  sleep(ms: number): void;
}

function kindOf(mode: number): StoreStat["kind"] {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFREG:
      return "file";
    case constants.S_IFDIR:
      return "directory";
    case constants.S_IFLNK:
      return "symlink";
    default:
      return "other";
  }
}

function isErrno(e: unknown, ...codes: string[]): boolean {
  return codes.includes((e as NodeJS.ErrnoException)?.code ?? "");
}

function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
}

/** Adds the owner's write (and search) bits to every directory under `path`, so rm can unlink. */
function makeWritable(path: string): void {
  const st = lstatSync(path);
  if (!st.isDirectory()) return;
  if ((st.mode & 0o300) !== 0o300) chmodSync(path, (st.mode & 0o7777) | 0o700);
  for (const name of readdirSync(path)) makeWritable(`${path}/${name}`);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** StoreFs.writeFile: the exact mode whatever the umask, then flushed when `sync`. */
function fileWriter(sync: boolean): StoreFs["writeFile"] {
  return (path, data, mode, opts = {}) => {
    const fd = openSync(path, opts.exclusive ? "wx" : "w", mode);
    try {
      fchmodSync(fd, mode);
      writeAll(fd, data);
      if (sync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
}

/**
 * The real file system (node:fs).
 *
 * @example
 * realStoreFs.lstat("/etc")?.kind; // "directory"
 */
export const realStoreFs: StoreFs = {
  lstat(path) {
    try {
      // No exception for the common "nothing there" (exceptions are slow on hot paths).
      const st = lstatSync(path, { throwIfNoEntry: false });
      if (st === undefined) return undefined;
      return { kind: kindOf(st.mode), mode: st.mode & 0o7777, size: st.size, mtimeMs: st.mtimeMs };
    } catch (e) {
      if (isErrno(e, "ENOENT", "ENOTDIR")) return undefined;
      throw e;
    }
  },
  readdir(path) {
    return readdirSync(path).sort();
  },
  readFile(path) {
    try {
      // A missing file (a path that is not valid, say) is common: asked first, without an exception.
      if (!existsSync(path)) return undefined;
      return readFileSync(path);
    } catch (e) {
      if (isErrno(e, "ENOENT")) return undefined;
      throw e;
    }
  },
  readlink(path) {
    try {
      return readlinkSync(path);
    } catch (e) {
      if (isErrno(e, "ENOENT")) return undefined;
      throw e;
    }
  },
  reader: realTreeReader,

  mkdir(path, mode) {
    mkdirSync(path, { recursive: true, mode });
    // mkdir's mode passes through the umask; the store wants it exact (0700 for a user store).
    chmodSync(path, mode);
  },
  writeFile: fileWriter(true),
  copyTree(source, dest) {
    if (statSync(dest, { throwIfNoEntry: false }) !== undefined) {
      throw Object.assign(new Error(`EEXIST: file already exists, copy '${source}' -> '${dest}'`), {
        code: "EEXIST",
        path: dest,
      });
    }
    // verbatimSymlinks: a relative link stays relative, as in the source tree.
    cpSync(source, dest, { recursive: true, verbatimSymlinks: true, errorOnExist: true });
  },
  symlink(target, path) {
    symlinkSync(target, path);
  },
  link(existing, path) {
    linkSync(existing, path);
  },
  rename(from, to) {
    renameSync(from, to);
  },
  chmod(path, mode) {
    // Linux has no lchmod: a symlink's own mode means nothing, so it is left alone.
    if (lstatSync(path).isSymbolicLink()) return;
    chmodSync(path, mode);
  },
  fsync(path) {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  remove(path) {
    try {
      makeWritable(path);
    } catch (e) {
      if (isErrno(e, "ENOENT", "ENOTDIR")) return;
      throw e;
    }
    rmSync(path, { recursive: true, force: true });
  },

  pid() {
    return process.pid;
  },
  processAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it exists but belongs to someone else.
      return isErrno(e, "EPERM");
    }
  },
  now() {
    return Date.now();
  },
  sleep(ms) {
    Atomics.wait(sleeper, 0, 0, ms);
  },
};

// Memory file systems (statfs f_type): their content does not outlive the machine, so there is
// nothing for a flush to make durable.
const TMPFS_MAGIC = 0x01021994;
const RAMFS_MAGIC = 0x858458f6;

/**
 * The real file system for a store whose bytes are in `dir`: `realStoreFs`, or on tmpfs and
 * ramfs the same without flushes (fsync does nothing there but cost three calls, and a store
 * on such a file system is gone after a crash of the machine anyway; a crash of the process
 * loses nothing the kernel already has).
 *
 * @example
 * const fs = storeFsFor("/run/user/1000/confed/store");
 */
export function storeFsFor(dir: string): StoreFs {
  let type: number;
  try {
    type = statfsSync(dir).type;
  } catch {
    return realStoreFs;
  }
  if (type !== TMPFS_MAGIC && type !== RAMFS_MAGIC) return realStoreFs;
  return volatileStoreFs;
}

const volatileStoreFs: StoreFs = { ...realStoreFs, writeFile: fileWriter(false), fsync() {} };
