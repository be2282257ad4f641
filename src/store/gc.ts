import { createHash, randomBytes } from "node:crypto";
import { withStoreLock } from "./lock.ts";
import { nixBase32Encode } from "./nar.ts";
import { closure } from "./references.ts";
import { findGarbage } from "./repair.ts";
import { deletePath, io, isValidPath, listValidPaths, realPath, type Store } from "./store.ts";
import { StoreError } from "./store-error.ts";
import { type StorePath, storePath } from "./store-path.ts";

// Garbage collection as Nix does it: everything not in the closure of a root goes. Roots are
//   - every symlink in <stateDir>/profiles (each generation link) and each `<name>.active`;
//   - <stateDir>/gcroots/auto/*: symlinks to `result` links (indirect roots, Nix's gcroots/auto):
//     deleting a `result` link releases its path without telling the store;
//   - <stateDir>/gcroots/temp/*: paths an operation in progress (a switch) needs, with its pid;
//     the file of a dead process no longer counts.
// gc holds the store lock throughout, and every add holds it too, so a path being added is
// never collected; between its add and its root a caller protects it with addTempRoots.

/**
 * Registers `link` (a symlink to a store path, such as a `result` link) as an indirect gc root:
 * its path lives while the link points at it.
 *
 * @example
 * symlinkSync(path, "result"); addRoot(store, resolve("result"));
 */
export function addRoot(store: Store, link: string): void {
  if (!link.startsWith("/")) {
    throw new StoreError("E_STORE_PATH", `a gc root must be an absolute path, not '${link}'`, {
      path: link,
    });
  }
  if (rootTarget(store, link) === undefined) {
    throw new StoreError(
      "E_STORE_INVALID",
      `'${link}' is not a symlink to a valid path of ${store.storeDir}`,
      { path: link },
    );
  }
  const dir = `${store.stateDir}/gcroots/auto`;
  const { fs } = store;
  if (fs.lstat(dir) === undefined) io("create", dir, () => fs.mkdir(dir, 0o755));
  const entry = `${dir}/${nixBase32Encode(createHash("sha256").update(link).digest().subarray(0, 20))}`;
  if (fs.readlink(entry) === link) return;
  const tmp = `${entry}.tmp-${randomBytes(4).toString("hex")}`;
  io("create", tmp, () => fs.symlink(link, tmp));
  io("register the root", entry, () => fs.rename(tmp, entry));
}

/**
 * Protects `paths` (and their closures) from gc until `release()`, for an operation in
 * progress such as a switch; the record names this process, so a crash releases it too.
 *
 * @example
 * const roots = addTempRoots(store, [generation]);
 * try { activate(generation) } finally { roots.release() }
 */
export function addTempRoots(store: Store, paths: readonly StorePath[]): { release(): void } {
  const { fs } = store;
  const dir = `${store.stateDir}/gcroots/temp`;
  if (fs.lstat(dir) === undefined) io("create", dir, () => fs.mkdir(dir, 0o755));
  const file = `${dir}/${fs.pid()}-${randomBytes(6).toString("hex")}`;
  const data = Buffer.from(`${JSON.stringify({ pid: fs.pid(), paths })}\n`);
  io("write", file, () => fs.writeFile(file, data, 0o644));
  return { release: () => io("remove", file, () => fs.remove(file)) };
}

/** The store path a root link leads to (through one level of link), if any. */
function rootTarget(store: Store, link: string): StorePath | undefined {
  const target = store.fs.readlink(link);
  if (target === undefined) return undefined;
  for (const prefix of [`${store.storeDir}/`, `${store.realDir}/`]) {
    if (!target.startsWith(prefix)) continue;
    const base = target.slice(prefix.length).split("/")[0];
    try {
      const p = storePath(`${store.storeDir}/${base}`);
      return isValidPath(store, p) ? p : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The gc roots of a store: each rooted path with where its roots are. */
export interface Roots {
  paths: Map<StorePath, string[]>;
  /** Root records that no longer hold anything (dangling `auto` links, dead processes' files). */
  stale: string[];
}

/**
 * Finds the gc roots of a store (see the module comment for what counts).
 *
 * @example
 * for (const [path, from] of findRoots(store).paths) console.log(path, "<-", from.join(", "));
 */
export function findRoots(store: Store): Roots {
  const { fs, stateDir } = store;
  const roots: Roots = { paths: new Map(), stale: [] };
  const add = (p: StorePath | undefined, from: string) => {
    if (p === undefined) return false;
    roots.paths.set(p, [...(roots.paths.get(p) ?? []), from]);
    return true;
  };
  const list = (dir: string) =>
    fs.lstat(dir) === undefined ? [] : io("list", dir, () => fs.readdir(dir));
  const profiles = `${stateDir}/profiles`;
  for (const entry of list(profiles)) {
    const file = `${profiles}/${entry}`;
    if (entry.endsWith(".active")) {
      const text = io("read", file, () => fs.readFile(file))?.toString("utf8");
      try {
        const p = storePath(JSON.parse(text ?? "").path);
        add(isValidPath(store, p) ? p : undefined, file);
      } catch {
        // Unreadable: the profile's own generation links still root what matters.
      }
    } else if (fs.lstat(file)?.kind === "symlink") {
      add(rootTarget(store, file), file);
    }
  }
  const auto = `${stateDir}/gcroots/auto`;
  for (const entry of list(auto)) {
    const link = fs.readlink(`${auto}/${entry}`);
    if (link === undefined || !add(rootTarget(store, link), link)) {
      roots.stale.push(`${auto}/${entry}`);
    }
  }
  const temp = `${stateDir}/gcroots/temp`;
  for (const entry of list(temp)) {
    const file = `${temp}/${entry}`;
    let record: { pid: number; paths: string[] } | undefined;
    try {
      record = JSON.parse(io("read", file, () => fs.readFile(file))?.toString("utf8") ?? "");
    } catch {
      record = undefined;
    }
    if (record === undefined || !fs.processAlive(record.pid)) {
      roots.stale.push(file);
      continue;
    }
    for (const p of record.paths) {
      const path = storePath(p);
      if (isValidPath(store, path)) add(path, file);
    }
  }
  return roots;
}

/** What gc deleted (or, in a dry run, would delete). */
export interface GcResult {
  /** Valid paths not reachable from a root. */
  deleted: StorePath[];
  /** Debris of interrupted adds and stale root records, real file-system paths. */
  garbage: string[];
  /** Bytes of file contents and link targets freed. */
  bytesFreed: number;
  dryRun: boolean;
}

/**
 * Deletes every valid path outside the closure of the roots, the debris of interrupted adds and
 * stale root records, under the store lock. `dryRun` computes the same answer and deletes
 * nothing.
 *
 * @example
 * const { deleted, bytesFreed } = gc(store);
 * console.log(`${deleted.length} paths deleted, ${bytesFreed} bytes freed`);
 */
export function gc(store: Store, opts: { dryRun?: boolean } = {}): GcResult {
  return withStoreLock(
    store,
    () => {
      const roots = findRoots(store);
      const live = new Set(closure(store, [...roots.paths.keys()]));
      const deleted = listValidPaths(store).filter((p) => !live.has(p));
      const debris = findGarbage(store);
      const garbage = [
        ...debris.temporary,
        ...debris.unregistered,
        ...debris.orphanMetadata,
        ...roots.stale,
      ];
      let bytesFreed = 0;
      for (const p of deleted) bytesFreed += diskUsage(store, realPath(store, p));
      for (const g of garbage) bytesFreed += diskUsage(store, g);
      if (!opts.dryRun) {
        // Metadata goes first (deletePath): a crash half-way through leaves debris, never a
        // valid path with missing content.
        for (const p of deleted) deletePath(store, p);
        for (const g of garbage) io("remove", g, () => store.fs.remove(g));
      }
      return { deleted, garbage, bytesFreed, dryRun: opts.dryRun === true };
    },
    { notNested: "gc" },
  );
}

function diskUsage(store: Store, path: string): number {
  const st = store.fs.lstat(path);
  if (st === undefined) return 0;
  if (st.kind !== "directory") return st.size;
  let total = 0;
  for (const name of store.fs.readdir(path)) total += diskUsage(store, `${path}/${name}`);
  return total;
}
