/**
 * A private directory on a RAM-backed file system for plaintext that must never reach a disk
 * (`confed secret edit`): chosen among `$XDG_RUNTIME_DIR` and `/dev/shm` after checking their
 * file system type, created 0700 under umask 077, and removed on every way out: return, throw,
 * and SIGINT/SIGTERM/SIGHUP (then the signal is raised again, so the exit status tells).
 */

import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import {
  lstatSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";

/** File systems that live in memory only. */
const RAM_FS_TYPES = new Set(["tmpfs", "ramfs"]);

/** A mount from /proc/self/mountinfo. */
export interface Mount {
  mountPoint: string;
  fsType: string;
}

/**
 * Parses /proc/self/mountinfo: `id parent major:minor root mountpoint options … - fstype …`.
 * Mount points escape space, tab, newline and backslash as octal (`\040`).
 *
 * @example
 * parseMountInfo("25 24 0:23 / /dev/shm rw - tmpfs tmpfs rw\n");
 * // [{ mountPoint: "/dev/shm", fsType: "tmpfs" }]
 */
export function parseMountInfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split("\n")) {
    const sep = line.indexOf(" - ");
    if (sep === -1) continue;
    const fields = line.slice(0, sep).split(" ");
    const fsType = line.slice(sep + 3).split(" ")[0];
    if (fields.length < 5 || !fsType) continue;
    const mountPoint = fields[4].replace(/\\([0-7]{3})/g, (_, o: string) =>
      String.fromCharCode(Number.parseInt(o, 8)),
    );
    mounts.push({ mountPoint, fsType });
  }
  return mounts;
}

/**
 * The type of the file system holding `path` (already resolved, no symlinks): that of the
 * longest mount point containing it, the last such mount when several stack on one point.
 *
 * @example
 * fsTypeAt("/dev/shm/x", parseMountInfo(readFileSync("/proc/self/mountinfo", "utf8"))); // "tmpfs"
 */
export function fsTypeAt(path: string, mounts: readonly Mount[]): string | undefined {
  let best: Mount | undefined;
  for (const m of mounts) {
    const inside =
      m.mountPoint === "/" ||
      path === m.mountPoint ||
      path.startsWith(m.mountPoint.endsWith("/") ? m.mountPoint : `${m.mountPoint}/`);
    if (inside && (!best || m.mountPoint.length >= best.mountPoint.length)) best = m;
  }
  return best?.fsType;
}

/**
 * The file system type of an existing directory, from /proc/self/mountinfo, else from
 * `stat -f -c %T`; undefined when neither can tell.
 *
 * @example
 * filesystemType("/dev/shm"); // "tmpfs"
 */
export function filesystemType(path: string): string | undefined {
  const real = realpathSync(path);
  try {
    const type = fsTypeAt(real, parseMountInfo(readFileSync("/proc/self/mountinfo", "utf8")));
    if (type) return type;
  } catch {
    // no /proc (a container without it, another OS): ask stat instead
  }
  const r = spawnSync("stat", ["-f", "-c", "%T", real], { encoding: "utf8" });
  const type = r.status === 0 ? r.stdout.trim() : "";
  return type === "" ? undefined : type;
}

/** A directory that can hold plaintext, and the ones that were refused with why. */
export interface RamDirChoice {
  /** The parent to create the private directory in, when one qualifies. */
  dir?: { path: string; fsType: string };
  rejected: { path: string; reason: string }[];
}

/**
 * Picks a RAM-backed parent directory: `$XDG_RUNTIME_DIR` (when it is a directory of this user,
 * mode 0700, on tmpfs or ramfs), else `/dev/shm` (on tmpfs or ramfs).
 *
 * @example
 * const { dir, rejected } = findRamDir(process.env);
 */
export function findRamDir(env: Readonly<Record<string, string | undefined>>): RamDirChoice {
  const rejected: RamDirChoice["rejected"] = [];
  const candidates: { path: string; mustBePrivate: boolean }[] = [];
  if (env.XDG_RUNTIME_DIR) candidates.push({ path: env.XDG_RUNTIME_DIR, mustBePrivate: true });
  else rejected.push({ path: "$XDG_RUNTIME_DIR", reason: "not set" });
  candidates.push({ path: "/dev/shm", mustBePrivate: false });
  for (const { path, mustBePrivate } of candidates) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(path);
    } catch {
      rejected.push({ path, reason: "does not exist" });
      continue;
    }
    if (!st.isDirectory()) {
      rejected.push({ path, reason: "not a directory" });
      continue;
    }
    if (mustBePrivate && (st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0)) {
      rejected.push({ path, reason: "not a private (0700) directory of this user" });
      continue;
    }
    const fsType = filesystemType(path);
    if (!fsType || !RAM_FS_TYPES.has(fsType)) {
      rejected.push({
        path,
        reason: `on ${fsType ?? "an unknown file system"}, not tmpfs or ramfs`,
      });
      continue;
    }
    return { dir: { path, fsType }, rejected };
  }
  return { rejected };
}

/** The ordinary temporary directory, for when the caller accepts plaintext on disk. */
export function diskTmpDir(): string {
  return tmpdir();
}

/** The private directory handed to the body of {@link withSecureTempDir}. */
export interface SecureTempDir {
  readonly path: string;
  /** Writes a new file in the directory, mode 0600 (never replacing one). */
  writeFile(name: string, data: Uint8Array): void;
  /** A file's bytes, or undefined when it is gone. */
  readFile(name: string): Uint8Array | undefined;
  /**
   * Ties a child process (the editor) to the directory's lifetime: while it runs, SIGTERM and
   * SIGHUP are passed on to it and acted on once it exits, and SIGINT is left to it (see
   * below). Returns the function that unties it.
   */
  attachChild(child: ChildProcess): () => void;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
type Signal = (typeof SIGNALS)[number];

/**
 * Runs `body` with a fresh private directory under `parent` and removes the directory
 * afterwards, whatever happens. For the duration the umask is 077 and handlers for SIGINT,
 * SIGTERM and SIGHUP are installed: a signal removes the directory, then is raised again with
 * the default action, so confed dies of it as it would have.
 *
 * While an attached child (the editor) runs, SIGINT is not acted on: a Ctrl-C typed in the
 * terminal reaches the editor too, and editors such as vim use it for their own purposes
 * (git does the same while its editor runs). If the editor dies of it, the caller raises it
 * after cleaning up. SIGTERM and SIGHUP are passed to the editor and acted on when it exits.
 * SIGKILL cannot be caught; the directory is on a RAM file system, gone at the next boot.
 *
 * @example
 * await withSecureTempDir("/dev/shm", async (dir) => {
 *   dir.writeFile("ssh", plaintext);
 *   …
 * });
 */
export async function withSecureTempDir<T>(
  parent: string,
  body: (dir: SecureTempDir) => Promise<T>,
): Promise<T> {
  const oldUmask = process.umask(0o077);
  let path: string;
  try {
    path = mkdtempSync(join(parent, "confed-secret-"));
    verifyPrivate(path);
  } catch (e) {
    process.umask(oldUmask);
    throw e;
  }
  let child: ChildProcess | undefined;
  let pending: Signal | undefined;
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    rmSync(path, { recursive: true, force: true });
  };
  const uninstall = () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off("exit", remove);
  };
  const die = (signal: Signal) => {
    try {
      remove();
    } finally {
      uninstall();
      process.umask(oldUmask);
      process.kill(process.pid, signal);
      // Reached only when the signal is ignored (nohup ignores SIGHUP): exit as if it killed us.
      process.exit(128 + constants.signals[signal]);
    }
  };
  const onSignal = (signal: Signal) => {
    const running = child !== undefined && child.exitCode === null && child.signalCode === null;
    if (!running) return die(signal);
    if (signal === "SIGINT") return;
    pending = signal;
    child?.kill(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  // A process.exit() elsewhere still removes the directory.
  process.on("exit", remove);

  const dir: SecureTempDir = {
    path,
    writeFile(name, data) {
      writeFileSync(join(path, name), data, { mode: 0o600, flag: "wx" });
    },
    readFile(name) {
      try {
        return new Uint8Array(readFileSync(join(path, name)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw e;
      }
    },
    attachChild(c) {
      child = c;
      const onExit = () => {
        if (child === c) child = undefined;
        if (pending) die(pending);
      };
      c.once("exit", onExit);
      return () => {
        c.off("exit", onExit);
        if (child === c) child = undefined;
      };
    },
  };
  try {
    return await body(dir);
  } finally {
    try {
      remove();
    } finally {
      uninstall();
      process.umask(oldUmask);
    }
  }
}

/**
 * Ends this process with `signal` (default action), as if it had been sent to it: used after
 * cleaning up when the editor died of a signal, so the shell sees the same status. Exits with
 * 128 + the signal number when the signal is ignored.
 *
 * @example
 * if (result.signal === "SIGINT") raiseSignal("SIGINT");
 */
export function raiseSignal(signal: NodeJS.Signals): never {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  process.exit(128 + (constants.signals[signal] ?? 0));
}

/** Refuses a directory that is not ours alone (mkdtemp makes it 0700; check, do not trust). */
function verifyPrivate(path: string): void {
  const st = lstatSync(path);
  if (!st.isDirectory() || st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0) {
    rmSync(path, { recursive: true, force: true });
    throw new Error(`${path} is not a private directory of this user`);
  }
}
