/**
 * An in-memory `System`: a tree of directories, files and symlinks, with POSIX semantics for
 * what activation uses (symlinks followed in parent components, `wx` creation, rename over a
 * file, rmdir of a non-empty directory refused). Fast and cloneable, for unit and crash tests.
 * Paths must be absolute; `.` and `..` are understood inside symlink targets.
 */
import { createHash } from "node:crypto";
import { type FileInfo, FsError, type System } from "./system.ts";

type Owned = { uid?: number; gid?: number };
type FileNode = { kind: "file"; data: Uint8Array; mode: number } & Owned;
type LinkNode = { kind: "symlink"; target: string } & Owned;
type DirNode = { kind: "directory"; mode: number; children: Map<string, Node> } & Owned;
type Node = FileNode | LinkNode | DirNode;

/** What `MemorySystem.put` accepts: text or bytes (a file), `{ link }`, `{ dir }`. */
export type MemoryEntry =
  | string
  | Uint8Array
  | { text: string; mode: number }
  | { link: string }
  | { dir: true; mode?: number };

const split = (p: string) => p.split("/").filter((s) => s !== "" && s !== ".");
const encoder = new TextEncoder();
const bytes = (d: Uint8Array | string) =>
  typeof d === "string" ? encoder.encode(d) : new Uint8Array(d);

function cloneNode(n: Node): Node {
  const owner = { uid: n.uid, gid: n.gid };
  if (n.kind === "file") return { kind: "file", data: n.data, mode: n.mode, ...owner };
  if (n.kind === "symlink") return { kind: "symlink", target: n.target, ...owner };
  const children = new Map<string, Node>();
  for (const [k, v] of n.children) children.set(k, cloneNode(v));
  return { kind: "directory", mode: n.mode, children, ...owner };
}

/**
 * An in-memory file system.
 *
 * @example
 * const sys = new MemorySystem();
 * sys.put("/home/me/.bashrc", "echo hi\n");
 * sys.put("/home/me/.vimrc", { link: "/store/gen/home-files/.vimrc" });
 * sys.snapshot("/home/me"); // { ".bashrc": "file 644 echo hi\n", ".vimrc": "link /store/…" }
 */
export class MemorySystem implements System {
  private root: DirNode = { kind: "directory", mode: 0o755, children: new Map() };
  /** The value `now()` returns; tests may set it. */
  clock = 1_700_000_000_000;
  /** The value `pid()` returns. */
  processId = 1000;
  /** Pids `processAlive` reports as running (besides `processId`). */
  livePids = new Set<number>();
  /** The value `euid()` returns, and the owner of entries made without an explicit one. */
  userId = 1000;
  /** File system types by mount point (the longest prefix wins); `"ext4"` elsewhere. */
  mounts = new Map<string, string>();

  /** An independent copy of the whole tree (file contents are shared: they are never mutated). */
  clone(): MemorySystem {
    const c = new MemorySystem();
    c.root = cloneNode(this.root) as DirNode;
    c.clock = this.clock;
    c.processId = this.processId;
    c.livePids = new Set(this.livePids);
    c.userId = this.userId;
    c.mounts = new Map(this.mounts);
    return c;
  }

  /** Creates an entry, creating missing parent directories (a test helper, not a System call). */
  put(path: string, entry: MemoryEntry): void {
    const parts = split(path);
    let dir = this.root;
    for (const name of parts.slice(0, -1)) {
      let next = dir.children.get(name);
      if (next === undefined) {
        next = { kind: "directory", mode: 0o755, children: new Map() };
        dir.children.set(name, next);
      }
      if (next.kind !== "directory") throw new FsError("ENOTDIR", "put", path);
      dir = next;
    }
    const name = parts[parts.length - 1];
    let node: Node;
    if (typeof entry === "string" || entry instanceof Uint8Array)
      node = { kind: "file", data: bytes(entry), mode: 0o644 };
    else if ("link" in entry) node = { kind: "symlink", target: entry.link };
    else if ("dir" in entry)
      node = { kind: "directory", mode: entry.mode ?? 0o755, children: new Map() };
    else node = { kind: "file", data: bytes(entry.text), mode: entry.mode };
    dir.children.set(name, node);
  }

  /**
   * Every entry under `dir` (not following symlinks), by relative path, as one printable string
   * each: `file 644 <text>`, `link <target>`, `dir 755`. Two equal snapshots are equal trees.
   */
  snapshot(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const start = this.find(dir, false, "snapshot").node;
    if (start?.kind !== "directory") return out;
    const walk = (d: DirNode, prefix: string) => {
      for (const name of [...d.children.keys()].sort()) {
        const n = d.children.get(name)!;
        const rel = prefix + name;
        if (n.kind === "file")
          out[rel] = `file ${n.mode.toString(8)} ${new TextDecoder().decode(n.data)}`;
        else if (n.kind === "symlink") out[rel] = `link ${n.target}`;
        else {
          out[rel] = `dir ${n.mode.toString(8)}`;
          walk(n, `${rel}/`);
        }
      }
    };
    walk(start, "");
    return out;
  }

  /**
   * Finds the directory holding the last component of `path`, following symlinks in parent
   * components (and in the last one when `followLast`). Throws ENOENT/ENOTDIR/ELOOP for a
   * broken parent; the entry itself may be missing (`node` undefined).
   */
  private find(
    path: string,
    followLast: boolean,
    syscall: string,
  ): { parent: DirNode; name: string; node: Node | undefined } {
    if (!path.startsWith("/")) throw new FsError("EINVAL", syscall, path);
    const queue = split(path);
    if (queue.length === 0) return { parent: this.root, name: "", node: this.root };
    let stack: DirNode[] = [this.root];
    let hops = 0;
    for (;;) {
      const name = queue.shift()!;
      const dir = stack[stack.length - 1];
      const last = queue.length === 0;
      if (name === "..") {
        if (stack.length > 1) stack.pop();
        if (last) {
          const top = stack[stack.length - 1];
          return { parent: top, name: "", node: top };
        }
        continue;
      }
      const node = dir.children.get(name);
      if (node?.kind === "symlink" && (!last || followLast)) {
        if (++hops > 40) throw new FsError("ELOOP", syscall, path);
        if (node.target.startsWith("/")) stack = [this.root];
        queue.unshift(...split(node.target));
        if (queue.length === 0) return { parent: this.root, name: "", node: this.root };
        continue;
      }
      if (last) return { parent: dir, name, node };
      if (node === undefined) throw new FsError("ENOENT", syscall, path);
      if (node.kind !== "directory") throw new FsError("ENOTDIR", syscall, path);
      stack.push(node);
    }
  }

  private existing(path: string, followLast: boolean, syscall: string) {
    const r = this.find(path, followLast, syscall);
    if (r.node === undefined) throw new FsError("ENOENT", syscall, path);
    return r as { parent: DirNode; name: string; node: Node };
  }

  private absent(path: string, syscall: string): { parent: DirNode; name: string } {
    const r = this.find(path, false, syscall);
    if (r.node !== undefined) throw new FsError("EEXIST", syscall, path);
    return r;
  }

  lstatOrNull(path: string): FileInfo | null {
    let node: Node | undefined;
    try {
      node = this.find(path, false, "lstat").node;
    } catch (e) {
      if (e instanceof FsError && (e.code === "ENOENT" || e.code === "ENOTDIR")) return null;
      throw e;
    }
    if (node === undefined) return null;
    if (node.kind === "symlink") return { kind: "symlink", mode: 0o777, size: node.target.length };
    if (node.kind === "file") return { kind: "file", mode: node.mode, size: node.data.length };
    return { kind: "directory", mode: node.mode, size: 4096 };
  }

  readlinkOrNull(path: string): string | null {
    const st = this.lstatOrNull(path);
    return st?.kind === "symlink" ? this.readlink(path) : null;
  }
  readlink(path: string): string {
    const { node } = this.existing(path, false, "readlink");
    if (node.kind !== "symlink") throw new FsError("EINVAL", "readlink", path);
    return node.target;
  }

  readFile(path: string): Uint8Array {
    const { node } = this.existing(path, true, "open");
    if (node.kind === "directory") throw new FsError("EISDIR", "read", path);
    return new Uint8Array((node as FileNode).data);
  }

  readdir(path: string): string[] {
    const { node } = this.existing(path, true, "scandir");
    if (node.kind !== "directory") throw new FsError("ENOTDIR", "scandir", path);
    return [...node.children.keys()].sort();
  }

  sha256(path: string): string {
    return createHash("sha256").update(this.readFile(path)).digest("hex");
  }

  now(): number {
    return this.clock;
  }

  pid(): number {
    return this.processId;
  }

  processAlive(pid: number): boolean {
    return pid === this.processId || this.livePids.has(pid);
  }

  mountRamfs(path: string, mode: number): void {
    const st = this.lstatOrNull(path);
    if (st?.kind !== "directory") throw new FsError("ENOTDIR", "mount", path);
    this.mounts.set(path, "ramfs");
    this.chmod(path, mode);
  }

  fileSystemType(path: string): string {
    this.existing(path, true, "statfs");
    let best = "";
    let type = "ext4";
    for (const [m, t] of this.mounts)
      if ((path === m || path.startsWith(`${m.replace(/\/$/, "")}/`)) && m.length > best.length) {
        best = m;
        type = t;
      }
    return type;
  }

  ownerOf(path: string): { uid: number; gid: number } {
    const { node } = this.existing(path, false, "lstat");
    return { uid: node.uid ?? this.userId, gid: node.gid ?? this.userId };
  }

  euid(): number {
    return this.userId;
  }

  chown(path: string, uid: number, gid: number): void {
    const { node } = this.existing(path, true, "chown");
    node.uid = uid;
    node.gid = gid;
  }

  mkdir(path: string, mode = 0o755): void {
    const { parent, name } = this.absent(path, "mkdir");
    parent.children.set(name, { kind: "directory", mode, children: new Map() });
  }

  symlink(target: string, path: string): void {
    const { parent, name } = this.absent(path, "symlink");
    parent.children.set(name, { kind: "symlink", target });
  }

  rename(from: string, to: string): void {
    const f = this.existing(from, false, "rename");
    const t = this.find(to, false, "rename");
    if (f.parent === t.parent && f.name === t.name) return;
    if (t.node !== undefined) {
      if (t.node.kind === "directory") {
        if (f.node.kind !== "directory") throw new FsError("EISDIR", "rename", to);
        if (t.node.children.size > 0) throw new FsError("ENOTEMPTY", "rename", to);
      } else if (f.node.kind === "directory") throw new FsError("ENOTDIR", "rename", to);
    }
    t.parent.children.set(t.name, f.node);
    f.parent.children.delete(f.name);
  }

  unlink(path: string): void {
    const { parent, name, node } = this.existing(path, false, "unlink");
    if (node.kind === "directory") throw new FsError("EISDIR", "unlink", path);
    parent.children.delete(name);
  }

  rmdir(path: string): void {
    const { parent, name, node } = this.existing(path, false, "rmdir");
    if (node.kind !== "directory") throw new FsError("ENOTDIR", "rmdir", path);
    if (node.children.size > 0) throw new FsError("ENOTEMPTY", "rmdir", path);
    parent.children.delete(name);
  }

  writeFileExclusive(path: string, data: Uint8Array | string, mode = 0o644): void {
    const { parent, name } = this.absent(path, "open");
    parent.children.set(name, { kind: "file", data: bytes(data), mode });
  }

  appendFile(path: string, data: Uint8Array | string): void {
    const { parent, name, node } = this.find(path, true, "open");
    if (node === undefined) {
      parent.children.set(name, { kind: "file", data: bytes(data), mode: 0o600 });
      return;
    }
    if (node.kind !== "file") throw new FsError("EISDIR", "write", path);
    const add = bytes(data);
    const joined = new Uint8Array(node.data.length + add.length);
    joined.set(node.data);
    joined.set(add, node.data.length);
    node.data = joined;
  }

  chmod(path: string, mode: number): void {
    const { node } = this.existing(path, true, "chmod");
    if (node.kind !== "symlink") node.mode = mode;
  }

  fsyncFile(path: string): void {
    this.existing(path, true, "fsync");
  }

  fsyncDir(path: string): void {
    const { node } = this.existing(path, true, "fsync");
    if (node.kind !== "directory") throw new FsError("ENOTDIR", "fsync", path);
  }
}
