/**
 * Source trees in the store: a path of the repository (or an input) used as a home file's
 * `source` becomes a content-addressed store path. Importing is incremental:
 *
 * - an unchanged tree (the same metadata fingerprint as at its last import) is found without
 *   reading a file;
 * - a changed tree is imported again, but every file whose metadata did not change since the
 *   last import is hard-linked from the earlier store path instead of read and copied;
 * - each import leaves a listing (`<stateDir>/sources/<path name>.json`): per file, the
 *   metadata it was imported with and a content id (SHA-256 of its bytes, or its link target),
 *   which the generation's manifest uses to tell changed files from unchanged ones.
 *
 * A listing or cache entry that is missing or unreadable is only a slower import, never a
 * wrong one: the store path is always named by the NAR hash of what is actually in the store.
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";
import { ConfedError } from "../errors/index.ts";
import {
  addContentToStore,
  addDirectoryToStore,
  type DirectoryEntry,
  flushStore,
  isValidPath,
  realLocation,
  ScanCandidates,
  type Store,
  type StorePath,
  storeNameProblem,
  withStoreLock,
} from "../store/index.ts";
import {
  exists,
  listDir,
  mkdirp,
  readText,
  recordSig,
  removeFile,
  type TreeRecord,
  treeRecords,
  writeText,
} from "../system/fs.ts";

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/** A store name from a file name (invalid characters replaced, leading dots dropped). */
export function storeName(raw: string): string {
  const n =
    raw
      .replace(/^\.+/, "")
      .replace(/[^A-Za-z0-9+\-._?=]/g, "_")
      .slice(0, 200) || "source";
  return storeNameProblem(n) ? "source" : n;
}

/** The files (and symlinks) of an imported tree: relative path → [metadata, content id]. */
export type Listing = Record<string, [sig: string, id: string]>;

/**
 * What an import leaves for the next one: its files, and where each directory of the tree went
 * (relative path → [fingerprint of its subtree, its location in the store]). A directory of a
 * split import with a fingerprint is a store path of its own; one without lies inside another.
 */
interface SavedListing {
  entries: Listing;
  dirs?: Record<string, [fingerprint: string, location: string]>;
  /** Made by a split import (its directories may be reused by the next one). */
  split?: boolean;
}

/** The content id of a symlink: its target, marked so it never equals a file's hash. */
const linkId = (target: string) => `->${target}`;

/**
 * How many directory levels of a split import get store paths of their own. A lookup follows one
 * symlink per level (and Linux follows at most 40 in one lookup); deeper directories lie inside
 * the path of their ancestor at this depth.
 */
export const SPLIT_DEPTH = 16;

/**
 * Which store path each source went to, keyed by the metadata fingerprint of the tree at that
 * time; and, per store path, the listing of its files.
 */
export class SourceCache {
  private readonly file: string;
  private readonly listingDir: string;
  private entries: Record<string, { fingerprint: string; path: string }>;
  private dirty = false;
  constructor(private readonly store: Store) {
    this.file = `${store.stateDir}/sources.json`;
    this.listingDir = `${store.stateDir}/sources`;
    try {
      this.entries = exists(this.file) ? JSON.parse(readText(this.file)) : {};
    } catch {
      this.entries = {};
    }
  }
  /** The path `source` went to when its fingerprint was `fingerprint`, if still valid. */
  get(source: string, fingerprint: string): StorePath | undefined {
    const e = this.entries[source];
    return e && e.fingerprint === fingerprint && isValidPath(this.store, e.path as StorePath)
      ? (e.path as StorePath)
      : undefined;
  }
  /** The last path `source` went to, whatever its fingerprint, if still valid. */
  last(source: string): StorePath | undefined {
    const e = this.entries[source];
    return e && isValidPath(this.store, e.path as StorePath) ? (e.path as StorePath) : undefined;
  }
  set(source: string, fingerprint: string, path: StorePath): void {
    this.entries[source] = { fingerprint, path };
    this.dirty = true;
  }
  hasListing(path: StorePath): boolean {
    return exists(`${this.listingDir}/${basename(path)}.json`);
  }
  listing(path: StorePath): SavedListing | undefined {
    const f = `${this.listingDir}/${basename(path)}.json`;
    try {
      const v = JSON.parse(readText(f));
      if (!v?.entries || typeof v.entries !== "object") return undefined;
      if (v.version === 1) return { entries: v.entries };
      if (v.version === 2 && v.dirs && typeof v.dirs === "object")
        return { entries: v.entries, dirs: v.dirs, split: v.split === true };
      return undefined;
    } catch {
      return undefined;
    }
  }
  saveListing(path: StorePath, listing: SavedListing): void {
    if (!exists(this.listingDir)) mkdirp(this.listingDir);
    writeText(
      `${this.listingDir}/${basename(path)}.json`,
      JSON.stringify({
        version: 2,
        split: listing.split === true,
        entries: listing.entries,
        dirs: listing.dirs ?? {},
      }),
    );
  }
  save(): void {
    if (!this.dirty) return;
    if (!exists(this.store.stateDir)) mkdirp(this.store.stateDir);
    writeText(this.file, `${JSON.stringify(this.entries)}\n`);
    this.dirty = false;
  }
  /**
   * Forgets what gc collected: the listings of paths that are no longer valid, and the sources
   * that went to them. Run after a gc (a build only adds listings: looking at every one on each
   * build would cost more the longer the store's history).
   */
  prune(): void {
    for (const { name } of exists(this.listingDir) ? listDir(this.listingDir) : []) {
      const path = `${this.store.storeDir}/${name.replace(/\.json$/, "")}` as StorePath;
      if (name.endsWith(".json") && !isValidPath(this.store, path))
        removeFile(`${this.listingDir}/${name}`);
    }
    for (const [source, e] of Object.entries(this.entries))
      if (!isValidPath(this.store, e.path as StorePath)) {
        delete this.entries[source];
        this.dirty = true;
      }
    this.save();
  }
}

/** An imported source: its store path, and its files' content ids on demand. */
export interface ImportedSource {
  path: StorePath;
  /** Relative path → content id of every file and symlink ("" for a single-file source). */
  ids(): Record<string, string>;
}

/** How importSource lays a directory out in the store. */
export interface ImportOptions {
  /**
   * Every directory its own store path, a subdirectory being a symlink to its path (down to
   * SPLIT_DEPTH levels), so a change costs the changed directories and their parents instead of
   * the whole tree. For sources linked file by file (`recursive`), whose directories nobody
   * browses in the store; otherwise the tree is one path, as a plain copy.
   */
  split?: boolean;
}

/**
 * The store path of `source` (a file, directory or symlink), importing it when it changed.
 *
 * @example
 * const cache = new SourceCache(store);
 * const { path } = importSource(store, "/home/me/repo/dotfiles/.config", cache, { split: true });
 * cache.save();
 */
export function importSource(
  store: Store,
  source: string,
  cache: SourceCache,
  opts: ImportOptions = {},
): ImportedSource {
  const split = opts.split === true;
  // A source path is absolute, so the split import's key never equals a plain one's.
  const key = split ? `split:${source}` : source;
  const { fingerprint, records } = treeRecords(source);
  const hit = cache.get(key, fingerprint);
  // Unchanged: its listing is read only if the ids are wanted (a build that finds its
  // generation in the store wants none). A listing lost meanwhile is made again by importing
  // anew, which finds the same paths.
  if (hit && cache.hasListing(hit))
    return {
      path: hit,
      ids: () => {
        const l = cache.listing(hit);
        if (l) return idsOf(l.entries);
        const again = withStoreLock(store, () =>
          importTree(store, source, records, split, undefined, undefined),
        );
        cache.saveListing(again.path, again);
        return idsOf(again.entries);
      },
    };
  // Changed (or its listing lost: imported again, which finds the same paths).
  // The previous import of the same layout; for a first split import, a plain one (confed
  // before split imports) still lends its files.
  const prev = hit ? undefined : (cache.last(key) ?? (split ? cache.last(source) : undefined));
  const before = prev && cache.listing(prev);
  const listing = withStoreLock(store, () =>
    importTree(store, source, records, split, prev, before),
  );
  const path = listing.path;
  cache.saveListing(path, listing);
  cache.set(key, fingerprint, path);
  return { path, ids: () => idsOf(listing.entries) };
}

/**
 * Adds the tree `records` describe (as treeRecords read it from `source`) to the store, bottom
 * up: every directory that is a path of its own (the root, and with `split` every level down to
 * SPLIT_DEPTH) either is found unchanged in the previous import (`prev`, by the fingerprint of
 * its subtree) or is added anew, hard-linking the files that did not change from where the
 * previous import put them.
 */
function importTree(
  store: Store,
  source: string,
  records: readonly TreeRecord[],
  split: boolean,
  prev: StorePath | undefined,
  before: SavedListing | undefined,
): SavedListing & { path: StorePath; split: boolean } {
  const { fs } = store;
  const n = records.length;
  // The tree's shape: the children of each directory (in name order) and each record's depth.
  const children: number[][] = new Array(n);
  const depth = new Int32Array(n);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    const rel = records[i].rel;
    const d = rel === "" ? 0 : countSlashes(rel) + 1;
    depth[i] = d;
    while (stack.length > d) stack.pop();
    if (d > 0) children[stack[d - 1]].push(i);
    if (records[i].kind === "directory") {
      stack[d] = i;
      children[i] = [];
    }
  }
  const isUnit = (i: number) =>
    records[i].kind === "directory" && (i === 0 || (split && depth[i] <= SPLIT_DEPTH));
  // Fingerprints of directories' subtrees, children before parents (reverse pre-order): the
  // directory's own metadata, its entries' names and kinds, the metadata of its files and
  // symlinks, and the fingerprints of its subdirectories.
  const fp: string[] = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const r = records[i];
    if (r.kind !== "directory") continue;
    const kids = children[i];
    const nums = new Float64Array((kids.length + 1) * 5);
    nums.set(r.stat, 0);
    let names = "";
    for (let k = 0; k < kids.length; k++) {
      const c = records[kids[k]];
      names += `\0${nameOf(c.rel)}\0${c.kind}`;
      if (c.kind === "directory") names += `\0${fp[kids[k]]}`;
      else nums.set(c.stat, (k + 1) * 5);
    }
    fp[i] = createHash("sha256").update(names).update(nums).digest("hex");
  }
  // Where the previous import put the directory holding `rel`, and so the file itself.
  const prevDirs = before?.dirs;
  const prevLocation = (rel: string): string | undefined => {
    if (!prev) return undefined;
    if (rel === "") return prev;
    if (!prevDirs) return `${prev}/${rel}`; // a listing of version 1: one tree
    const cut = rel.lastIndexOf("/");
    const dir = prevDirs[cut < 0 ? "" : rel.slice(0, cut)]?.[1];
    return dir === undefined ? undefined : `${dir}/${rel.slice(cut + 1)}`;
  };
  // After an import of the same layout, its entries are the start (the object was read for this
  // import alone): a directory found unchanged keeps its files' entries as they are, one built
  // anew rewrites its own, and entries of files that are gone are dropped at the end.
  const inPlace = before !== undefined && before.split === split;
  const entries: Listing = inPlace ? before.entries : {};
  const dirs: Record<string, [string, string]> = {};
  const paths: (StorePath | undefined)[] = new Array(n);
  // A source refers to nothing but its own subdirectories' paths (as a path Nix imports refers
  // to nothing): only those are looked for.
  const candidates = new ScanCandidates();

  /** Creates record `i` at `dest`; the entries made final go to `final`, inner directories to `inner`. */
  const put = (i: number, dest: string, final: Set<string>, inner: number[]): void => {
    // A directory inside this path (one with a path of its own is a symlink, as in entryOf).
    if (records[i].kind === "directory" && paths[i] === undefined) {
      fs.mkdir(dest, 0o755);
      for (const c of children[i]) put(c, `${dest}/${nameOf(records[c].rel)}`, final, inner);
      // Read-only and flushed, children before parents.
      fs.chmod(dest, 0o555);
      fs.fsync(dest);
      final.add(dest);
      inner.push(i);
      return;
    }
    const e = entryOf(i);
    if (e.kind === "symlink") fs.symlink(e.target, dest);
    else {
      if (e.linkFrom === undefined || !linked(store, e.linkFrom, dest))
        fs.writeFile(dest, e.contents(), e.executable ? 0o555 : 0o444);
      final.add(dest);
    }
  };
  /** Where the directories inside unit `u`'s path (none of their own) are, found at `path`. */
  const reuse = (u: number, path: StorePath): void => {
    const walk = (i: number): void => {
      for (const c of children[i]) {
        const r = records[c];
        if (r.kind === "directory" && !isUnit(c)) {
          dirs[r.rel] = ["", `${path}/${r.rel.slice(unitPrefix(u))}`];
          walk(c);
        }
      }
    };
    walk(u);
  };
  /** The entries of unit `u` when it holds no directory of its own (the common case). */
  const flatEntries = (u: number): DirectoryEntry[] => children[u].map(entryOf);
  /**
   * Record `c` as an entry of its directory's path (a subdirectory with a path of its own is a
   * symlink to it), its listing entry set: kept when the file can be linked from the previous
   * import, made anew when its content is read.
   */
  const entryOf = (c: number): DirectoryEntry => {
    const r = records[c];
    const name = nameOf(r.rel);
    const from = r.rel === "" ? source : `${source}/${r.rel}`;
    if (r.kind === "directory") return { name, kind: "symlink", target: paths[c] as string };
    if (r.kind === "symlink") {
      const target = fs.readlink(from) as string;
      entries[r.rel] = [recordSig(r), linkId(target)];
      return { name, kind: "symlink", target };
    }
    if (r.kind !== "file") throw notFileDirOrLink(from);
    const sig = recordSig(r);
    const old = before?.entries[r.rel];
    const loc = old && old[0] === sig ? prevLocation(r.rel) : undefined;
    if (old && loc !== undefined) entries[r.rel] = old;
    return {
      name,
      kind: "file",
      executable: (r.mode & 0o100) !== 0,
      linkFrom: loc === undefined ? undefined : realLocation(store, loc),
      // The same metadata as when the linked file was imported: the same size and mode.
      size: loc === undefined ? undefined : r.stat[1],
      contents: () => {
        const bytes = fs.readFile(from);
        if (bytes === undefined) throw new Error(`'${from}' disappeared while it was read`);
        entries[r.rel] = [sig, sha256(bytes)];
        return bytes;
      },
    };
  };
  const unitPrefix = (u: number) => (records[u].rel === "" ? 0 : records[u].rel.length + 1);

  if (records[0].kind !== "directory") {
    const final = new Set<string>();
    const path = addContentToStore(
      store,
      storeName(basename(source)),
      (out) => {
        put(0, out, final, []);
        return final;
      },
      { candidates },
    );
    return { path, entries, dirs, split };
  }
  for (let u = n - 1; u >= 0; u--) {
    if (!isUnit(u)) continue;
    const rel = records[u].rel;
    const was = prevDirs?.[rel];
    if (inPlace && was && was[0] === fp[u]) {
      reuse(u, was[1] as StorePath);
      paths[u] = was[1] as StorePath;
      candidates.add(was[1] as StorePath);
      dirs[rel] = was;
      continue;
    }
    const name = storeName(basename(rel === "" ? source : rel));
    const flat = children[u].every((c) => records[c].kind !== "directory" || isUnit(c));
    const inner: number[] = [];
    const path = flat
      ? addDirectoryToStore(store, name, flatEntries(u), {
          // A source refers to its subdirectories' paths, and nothing else (see candidates).
          references: children[u].filter((c) => isUnit(c)).map((c) => paths[c] as StorePath),
          batch: true,
        })
      : addContentToStore(
          store,
          name,
          (out) => {
            const final = new Set<string>();
            put(u, out, final, inner);
            return final;
          },
          { candidates, batch: true },
        );
    candidates.add(path);
    paths[u] = path;
    dirs[rel] = [fp[u], path];
    for (const i of inner)
      if (i !== u) dirs[records[i].rel] = ["", `${path}/${records[i].rel.slice(unitPrefix(u))}`];
  }
  // The directories' renames and records, made durable at once (a crash before this loses
  // some of the new paths, never a whole path's content; nothing names them yet).
  flushStore(store);
  if (inPlace) {
    let files = 0;
    for (const r of records) {
      if (r.kind === "directory") continue;
      files++;
      // A listing that lost entries: imported again from nothing (the same paths come out).
      if (entries[r.rel] === undefined)
        return importTree(store, source, records, split, undefined, undefined);
    }
    if (Object.keys(entries).length !== files) {
      const present = new Set<string>();
      for (const r of records) if (r.kind !== "directory") present.add(r.rel);
      for (const rel of Object.keys(entries)) if (!present.has(rel)) delete entries[rel];
    }
  }
  return { path: paths[0] as StorePath, entries, dirs, split };
}

const notFileDirOrLink = (from: string) =>
  new ConfedError(
    "E_BUILD",
    `'${from}' is neither a file, a directory nor a symlink; a home file's source cannot hold it.`,
  );

function countSlashes(s: string): number {
  let k = 0;
  for (let i = s.indexOf("/"); i >= 0; i = s.indexOf("/", i + 1)) k++;
  return k;
}

const nameOf = (rel: string) => rel.slice(rel.lastIndexOf("/") + 1);

/** Hard-links `from` (a file of a valid store path) to `dest`; false when that cannot be done. */
function linked(store: Store, from: string, dest: string): boolean {
  try {
    store.fs.link(from, dest);
    return true;
  } catch {
    return false; // gone since (gc), or too many links: copy instead
  }
}

function idsOf(listing: Listing): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel in listing) out[rel] = listing[rel][1];
  return out;
}

/**
 * Where `path` (inside the store) really is: every symlink from one store path to another on
 * the way (the subdirectories of a split import) followed, under the store's real location,
 * which differs from the paths in the links when the store is relocated (`--root`).
 *
 * @example
 * resolveInStore(store, `${src}/nvim/lua`); // "<realDir>/<hash>-lua"
 */
export function resolveInStore(store: Store, path: string): string {
  const prefix = `${store.storeDir}/`;
  if (!path.startsWith(prefix)) return path;
  const parts = path.slice(prefix.length).split("/");
  let cur = `${store.realDir}/${parts[0]}`;
  for (let i = 1; i < parts.length; i++) {
    cur = `${cur}/${parts[i]}`;
    for (let hops = 0; hops < 40 && store.fs.lstat(cur)?.kind === "symlink"; hops++) {
      const target = store.fs.readlink(cur) as string;
      if (!target.startsWith(prefix)) break;
      cur = realLocation(store, target);
    }
  }
  return cur;
}

/**
 * Content ids of the files below a store path confed built (not imported): its path in the
 * store stands for its content, as store paths never change.
 */
export function storeIds(store: Store, path: StorePath): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of treeRecords(realLocation(store, path)).records)
    if (r.kind !== "directory") out[r.rel] = r.rel === "" ? path : `${path}/${r.rel}`;
  return out;
}
