import { spawnSync } from "node:child_process";
/**
 * `System` over node:fs, synchronously. The hot path of a switch (lstat, readlink) never throws
 * for a missing file: `lstatSync(p, { throwIfNoEntry: false })`.
 */
import { createHash } from "node:crypto";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  statfsSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import type { FileInfo, FileKind, System } from "./system.ts";

/** statfs(2) magic numbers of the file systems secrets may be decrypted onto (linux/magic.h). */
const FS_MAGIC: Record<number, string> = { 16914836: "tmpfs", 2240043254: "ramfs" };

function kindOf(st: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }) {
  const kind: FileKind = st.isSymbolicLink()
    ? "symlink"
    : st.isFile()
      ? "file"
      : st.isDirectory()
        ? "directory"
        : "other";
  return kind;
}

/**
 * The real file system.
 *
 * @example
 * const sys = new RealSystem();
 * sys.lstatOrNull(`${process.env.HOME}/.bashrc`); // { kind: "file", mode: 0o644, size: 3771 } or null
 */
export class RealSystem implements System {
  lstatOrNull(path: string): FileInfo | null {
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(path, { throwIfNoEntry: false });
    } catch (e) {
      // A parent that is a file: "nothing is there", like a missing parent.
      if ((e as { code?: string }).code === "ENOTDIR") return null;
      throw e;
    }
    if (st === undefined) return null;
    return { kind: kindOf(st), mode: st.mode & 0o7777, size: st.size };
  }

  readlinkOrNull(path: string): string | null {
    try {
      return readlinkSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EINVAL" || code === "ENOENT" || code === "ENOTDIR") return null;
      throw e;
    }
  }
  readlink(path: string): string {
    return readlinkSync(path);
  }

  readFile(path: string): Uint8Array {
    return readFileSync(path);
  }

  readdir(path: string): string[] {
    return readdirSync(path).sort();
  }

  sha256(path: string): string {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  }

  now(): number {
    return Date.now();
  }

  pid(): number {
    return process.pid;
  }

  processAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it exists but belongs to someone else.
      return (e as { code?: string }).code === "EPERM";
    }
  }

  fileSystemType(path: string): string {
    const type = Number(statfsSync(path).type);
    return FS_MAGIC[type] ?? `0x${type.toString(16)}`;
  }

  ownerOf(path: string): { uid: number; gid: number } {
    const st = lstatSync(path);
    return { uid: st.uid, gid: st.gid };
  }

  euid(): number {
    return process.geteuid?.() ?? 0;
  }

  mkdir(path: string, mode = 0o755): void {
    mkdirSync(path, { mode });
  }

  symlink(target: string, path: string): void {
    symlinkSync(target, path);
  }

  rename(from: string, to: string): void {
    renameSync(from, to);
  }

  unlink(path: string): void {
    unlinkSync(path);
  }

  rmdir(path: string): void {
    rmdirSync(path);
  }

  writeFileExclusive(path: string, data: Uint8Array | string, mode = 0o644): void {
    writeFileSync(path, data, { flag: "wx", mode });
    // The umask may have cleared bits the caller asked for (an executable copy-mode file).
    chmodSync(path, mode);
  }

  appendFile(path: string, data: Uint8Array | string): void {
    appendFileSync(path, data, { mode: 0o600 });
  }

  chmod(path: string, mode: number): void {
    chmodSync(path, mode);
  }

  mountRamfs(path: string, mode: number): void {
    const r = spawnSync(
      "mount",
      ["-t", "ramfs", "-o", `nodev,nosuid,mode=${mode.toString(8)}`, "confed-secrets", path],
      { encoding: "utf8" },
    );
    if (r.status !== 0)
      throw Object.assign(
        new Error(`mount ramfs on ${path}: ${(r.stderr || String(r.error)).trim()}`),
        { code: "EMOUNT", path },
      );
  }

  chown(path: string, uid: number, gid: number): void {
    chownSync(path, uid, gid);
  }

  fsyncFile(path: string): void {
    const fd = openSync(path, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  fsyncDir(path: string): void {
    const fd = openSync(path, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
