import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
} from "node:fs";

/**
 * A file system object as the store sees it. Paths and names are raw bytes throughout: Linux file
 * names need not be UTF-8, and a NAR must reproduce them exactly.
 */
export type TreeStat =
  | {
      kind: "file";
      /** The owner-executable bit (S_IXUSR), the only permission bit Nix keeps. */
      executable: boolean;
      size: number;
    }
  | { kind: "directory" }
  | { kind: "symlink" }
  | {
      kind: "unsupported";
      /** What it is, for the error message. */
      type: "socket" | "fifo" | "character device" | "block device" | "unknown";
    };

/** What a directory entry is. */
export type TreeKind = TreeStat["kind"];

/** One name in a directory listing, with its kind as the listing reports it (d_type). */
export interface TreeDirent {
  name: Buffer;
  /**
   * A hint, true when listed: the entry may have changed since, so a caller that acts on it
   * must check (e.g. `openFile` then `stat`).
   */
  kind: TreeKind;
}

/** An open file, read front to back. */
export interface TreeFile {
  /** Describes the open file itself (fstat): no path lookup, no race with renames. */
  stat(): TreeStat;
  /** Reads up to `length` bytes into `into` at `offset`; returns how many, 0 at end of file. */
  read(into: Uint8Array, offset: number, length: number): number;
  close(): void;
}

/**
 * Synchronous read-only access to a file tree, the part of the OS that archiving (NAR) needs.
 * Every method throws the underlying error (with its errno `code`) when the OS refuses.
 *
 * Synchronous on purpose: hashing a tree is a tight loop of small reads, and the async fs API
 * costs a promise and a thread-pool round trip per call.
 *
 * @example
 * const st = realTreeReader.lstat(Buffer.from("/etc/hostname"));
 * if (st.kind === "file") console.log(st.size, st.executable);
 */
export interface TreeReader {
  /** Describes `path` without following a final symlink. */
  lstat(path: Buffer): TreeStat;
  /**
   * The entries of directory `path`, names as raw bytes, without `.` and `..`, in no particular
   * order. Kinds come from the listing itself, which saves an lstat per entry.
   */
  readdir(path: Buffer): TreeDirent[];
  /** The raw target bytes of symlink `path` (the target need not exist). */
  readlink(path: Buffer): Buffer;
  /**
   * Opens `path` for reading without following a symlink and without blocking on a fifo; the
   * caller checks `stat()` of the result before reading.
   */
  openFile(path: Buffer): TreeFile;
}

const { S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IFSOCK, S_IFIFO, S_IFCHR, S_IFBLK, S_IXUSR } =
  constants;

// O_NOFOLLOW: since it was listed the file may have been replaced by a symlink; reading through
// it would archive something outside the tree. O_NONBLOCK: a fifo swapped in must not hang the
// open (it has no effect on regular files). libuv adds O_CLOEXEC itself.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function statOf(mode: number, size: number): TreeStat {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return { kind: "file", executable: (mode & S_IXUSR) !== 0, size };
    case S_IFDIR:
      return { kind: "directory" };
    case S_IFLNK:
      return { kind: "symlink" };
    case S_IFSOCK:
      return { kind: "unsupported", type: "socket" };
    case S_IFIFO:
      return { kind: "unsupported", type: "fifo" };
    case S_IFCHR:
      return { kind: "unsupported", type: "character device" };
    case S_IFBLK:
      return { kind: "unsupported", type: "block device" };
    default:
      return { kind: "unsupported", type: "unknown" };
  }
}

class FdFile implements TreeFile {
  #fd: number;
  constructor(fd: number) {
    this.#fd = fd;
  }
  stat(): TreeStat {
    const st = fstatSync(this.#fd);
    return statOf(st.mode, st.size);
  }
  read(into: Uint8Array, offset: number, length: number): number {
    return readSync(this.#fd, into, offset, length, null);
  }
  close(): void {
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = -1;
  }
}

/**
 * The TreeReader of the real file system (node:fs, Buffer paths so any byte sequence works).
 *
 * @example
 * for (const name of realTreeReader.readdir(Buffer.from("/etc"))) console.log(name);
 */
export const realTreeReader: TreeReader = {
  lstat(path) {
    const st = lstatSync(path);
    return statOf(st.mode, st.size);
  },
  readdir(path) {
    // Node resolves entries the file system lists as DT_UNKNOWN with an lstat of its own.
    return readdirSync(path, { encoding: "buffer", withFileTypes: true }).map((d) => ({
      name: d.name,
      kind: d.isFile()
        ? "file"
        : d.isDirectory()
          ? "directory"
          : d.isSymbolicLink()
            ? "symlink"
            : "unsupported",
    }));
  },
  readlink(path) {
    return readlinkSync(path, { encoding: "buffer" });
  },
  openFile(path) {
    return new FdFile(openSync(path, OPEN_FLAGS));
  },
};
