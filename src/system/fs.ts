/**
 * Reading the file system and running programs, synchronously, for the parts of confed that
 * read a repository (discovery, git metadata). Writes go through activation's System.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";

export type EntryKind = "file" | "directory" | "symlink" | "other";

/** The entries of a directory with their kinds (symlinks reported as what they point to). */
export function listDir(path: string): { name: string; kind: EntryKind }[] {
  return readdirSync(path, { withFileTypes: true }).map((d) => {
    let kind: EntryKind = d.isFile()
      ? "file"
      : d.isDirectory()
        ? "directory"
        : d.isSymbolicLink()
          ? "symlink"
          : "other";
    if (kind === "symlink") {
      try {
        const st = statSync(`${path}/${d.name}`);
        kind = st.isFile() ? "file" : st.isDirectory() ? "directory" : "other";
      } catch {
        // a dangling link stays a symlink
      }
    }
    return { name: d.name, kind };
  });
}

/** True when `path` exists (following links). */
export function exists(path: string): boolean {
  return existsSync(path);
}

/** True when `path` is a directory (following links). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A UTF-8 text file. */
export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/** Runs a program to completion; never throws for a non-zero exit (look at `status`). */
export function run(
  cmd: string,
  args: readonly string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; stdout: string; stderr: string; error?: Error } {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

/** Removes a file; nothing there is fine. */
export function removeFile(path: string): void {
  rmSync(path, { force: true });
}

/** Points `path` at `target` as a symlink, replacing what was there (a `result` link). */
export function replaceSymlink(target: string, path: string): void {
  rmSync(path, { force: true });
  symlinkSync(target, path);
}

/** Creates a directory and its parents (no error when it exists). */
export function mkdirp(path: string): void {
  mkdirSync(path, { recursive: true });
}

/**
 * Writes a text file atomically: a temporary file in the same directory, then a rename, so a
 * reader never sees half a file.
 */
export function writeText(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** One entry of a tree as `treeRecords` reads it. */
export interface TreeRecord {
  /** Path relative to the tree's root ("" for the root itself), "/"-separated. */
  rel: string;
  kind: "file" | "directory" | "symlink" | "other";
  /** Permission bits. */
  mode: number;
  /**
   * Inode, size, mode, and modification and change times (ms, sub-ms fraction kept): any edit,
   * chmod or replacement changes one of them. See `recordSig`.
   */
  stat: readonly [number, number, number, number, number];
}

/** A record's metadata as one string, for comparing with a later look at the same path. */
export function recordSig(r: TreeRecord): string {
  return r.stat.join(":");
}

/**
 * Every entry of a tree from metadata alone (one lstat per entry, no file read), parents
 * before children, names in code-unit order; and a fingerprint of them all that can stand for
 * the tree's content hash in a cache.
 *
 * @example
 * const { fingerprint, records } = treeRecords("/home/me/dotfiles/.config");
 */
export function treeRecords(path: string): { fingerprint: string; records: TreeRecord[] } {
  const records: TreeRecord[] = [];
  const walk = (p: string, rel: string) => {
    const st = lstatSync(p);
    const kind = st.isDirectory()
      ? "directory"
      : st.isFile()
        ? "file"
        : st.isSymbolicLink()
          ? "symlink"
          : "other";
    const stat = [st.ino, st.size, st.mode, st.mtimeMs, st.ctimeMs] as const;
    records.push({ rel, kind, mode: st.mode & 0o7777, stat });
    if (kind === "directory") {
      const prefix = rel === "" ? "" : `${rel}/`;
      for (const name of readdirSync(p).sort()) walk(`${p}/${name}`, `${prefix}${name}`);
    }
  };
  walk(path, "");
  // Hashed in two pieces (names, then numbers) rather than one small update per entry.
  const numbers = new Float64Array(records.length * 5);
  for (let i = 0; i < records.length; i++) numbers.set(records[i].stat, i * 5);
  const h = createHash("sha256");
  h.update(records.map((r) => r.rel).join("\0"));
  h.update(new Uint8Array(numbers.buffer));
  return { fingerprint: h.digest("hex"), records };
}
