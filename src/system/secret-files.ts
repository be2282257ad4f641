/**
 * The file access of the secret verbs (`confed secret …`): reading and atomically replacing
 * ciphertext, the recipients lock and key files, and finding `.age` files in a repository.
 * Behind an interface so that the secrets logic can be tested with another implementation.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";

/** What the secret verbs need of the file system. */
export interface SecretFiles {
  /** The bytes of a file, or undefined when it does not exist. Other errors are thrown. */
  read(path: string): Uint8Array | undefined;
  /**
   * Replaces (or creates) a file atomically: a temporary file in the same directory, written,
   * flushed, chmod-ed and renamed over the target, so a reader sees the old or the new content.
   * The mode is `mode`, else the existing file's, else 0644. Parent directories are created.
   */
  write(path: string, data: Uint8Array, opts?: { mode?: number }): void;
  /** Creates a new file with `mode`; throws an error with code `EEXIST` if anything is there. */
  create(path: string, data: Uint8Array, mode: number): void;
  /** Every regular file under `dir` whose name ends in `suffix`, relative, with `/` separators. */
  find(dir: string, suffix: string, opts?: { skipDirs?: readonly string[] }): string[];
}

/** The real file system. */
export const realSecretFiles: SecretFiles = {
  read(path) {
    try {
      return new Uint8Array(readFileSync(path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
  },

  write(path, data, opts = {}) {
    const dir = dirname(path);
    mkdirSync(dir, { recursive: true });
    let mode = opts.mode;
    if (mode === undefined) {
      try {
        mode = statSync(path).mode & 0o7777;
      } catch {
        mode = 0o644;
      }
    }
    const tmp = join(dir, `.${randomBytes(6).toString("hex")}.confed-tmp`);
    // 0600 until complete: a half-written file is never readable by others, whatever `mode` is.
    const fd = openSync(tmp, "wx", 0o600);
    try {
      try {
        writeAll(fd, data);
        fchmodSync(fd, mode);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  },

  create(path, data, mode) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const fd = openSync(path, "wx", mode);
    try {
      fchmodSync(fd, mode);
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },

  find(dir, suffix, opts = {}) {
    const skip = new Set(opts.skipDirs ?? [".git", "node_modules"]);
    const found: string[] = [];
    const walk = (rel: string) => {
      const abs = rel ? join(dir, rel) : dir;
      for (const entry of readdirSync(abs, { withFileTypes: true })) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        // Symbolic links are not followed: they could lead out of the repository or loop.
        if (entry.isDirectory()) {
          if (!skip.has(entry.name)) walk(path);
        } else if (entry.isFile() && entry.name.endsWith(suffix)) {
          found.push(path);
        }
      }
    };
    if (isDirectory(dir)) walk("");
    return found.sort();
  },
};

function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
