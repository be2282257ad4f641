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
  isValidPath,
  realLocation,
  type Store,
  type StorePath,
  storeNameProblem,
} from "../store/index.ts";
import {
  exists,
  listDir,
  mkdirp,
  readText,
  recordSig,
  removeFile,
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

/** The content id of a symlink: its target, marked so it never equals a file's hash. */
const linkId = (target: string) => `->${target}`;

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
  listing(path: StorePath): Listing | undefined {
    const f = `${this.listingDir}/${basename(path)}.json`;
    try {
      const v = JSON.parse(readText(f));
      return v?.version === 1 && v.entries && typeof v.entries === "object" ? v.entries : undefined;
    } catch {
      return undefined;
    }
  }
  saveListing(path: StorePath, entries: Listing): void {
    if (!exists(this.listingDir)) mkdirp(this.listingDir);
    writeText(`${this.listingDir}/${basename(path)}.json`, JSON.stringify({ version: 1, entries }));
  }
  save(): void {
    if (!this.dirty) return;
    if (!exists(this.store.stateDir)) mkdirp(this.store.stateDir);
    writeText(this.file, `${JSON.stringify(this.entries)}\n`);
    this.dirty = false;
    // Listings of paths gc has collected are of no use any more.
    for (const { name } of exists(this.listingDir) ? listDir(this.listingDir) : []) {
      const path = `${this.store.storeDir}/${name.replace(/\.json$/, "")}` as StorePath;
      if (name.endsWith(".json") && !isValidPath(this.store, path))
        removeFile(`${this.listingDir}/${name}`);
    }
  }
}

/** An imported source: its store path, and its files' content ids on demand. */
export interface ImportedSource {
  path: StorePath;
  /** Relative path → content id of every file and symlink ("" for a single-file source). */
  ids(): Record<string, string>;
}

/**
 * The store path of `source` (a file, directory or symlink), importing it when it changed.
 *
 * @example
 * const cache = new SourceCache(store);
 * const { path } = importSource(store, "/home/me/repo/dotfiles/.config", cache);
 * cache.save();
 */
export function importSource(store: Store, source: string, cache: SourceCache): ImportedSource {
  const { fingerprint, records } = treeRecords(source);
  const hit = cache.get(source, fingerprint);
  if (hit) return { path: hit, ids: () => idsOf(cache.listing(hit) ?? relist(store, hit, cache)) };
  const prev = cache.last(source);
  const prevListing = prev ? cache.listing(prev) : undefined;
  const prevDir = prev ? realLocation(store, prev) : "";
  const { fs } = store;
  const listing: Listing = {};
  const path = addContentToStore(store, storeName(basename(source)), (out) => {
    const final = new Set<string>();
    for (const r of records) {
      const from = r.rel === "" ? source : `${source}/${r.rel}`;
      const dest = r.rel === "" ? out : `${out}/${r.rel}`;
      if (r.kind === "directory") fs.mkdir(dest, 0o755);
      else if (r.kind === "symlink") {
        const target = fs.readlink(from) as string;
        fs.symlink(target, dest);
        listing[r.rel] = [recordSig(r), linkId(target)];
      } else if (r.kind === "file") {
        const before = prevListing?.[r.rel];
        const sig = recordSig(r);
        if (before && before[0] === sig && linked(store, `${prevDir}/${r.rel}`, dest)) {
          listing[r.rel] = before;
        } else {
          const bytes = fs.readFile(from);
          if (bytes === undefined) throw new Error(`'${from}' disappeared while it was read`);
          fs.writeFile(dest, bytes, r.mode & 0o100 ? 0o555 : 0o444);
          listing[r.rel] = [sig, sha256(bytes)];
        }
        final.add(dest);
      } else {
        throw new ConfedError(
          "E_BUILD",
          `'${from}' is neither a file, a directory nor a symlink; a home file's source cannot hold it.`,
        );
      }
    }
    // Directories read-only and flushed, children before parents, without walking them again.
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i];
      if (r.kind !== "directory") continue;
      const dest = r.rel === "" ? out : `${out}/${r.rel}`;
      fs.chmod(dest, 0o555);
      fs.fsync(dest);
      final.add(dest);
    }
    return final;
  });
  cache.saveListing(path, listing);
  cache.set(source, fingerprint, path);
  return { path, ids: () => idsOf(listing) };
}

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
  for (const [rel, [, id]] of Object.entries(listing)) out[rel] = id;
  return out;
}

/** A listing made again from the store path itself (its listing file was lost). */
function relist(store: Store, path: StorePath, cache: SourceCache): Listing {
  const root = realLocation(store, path);
  const listing: Listing = {};
  for (const r of treeRecords(root).records) {
    const p = r.rel === "" ? root : `${root}/${r.rel}`;
    if (r.kind === "file") listing[r.rel] = ["", sha256(store.fs.readFile(p) as Uint8Array)];
    else if (r.kind === "symlink") listing[r.rel] = ["", linkId(store.fs.readlink(p) as string)];
  }
  cache.saveListing(path, listing);
  return listing;
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
