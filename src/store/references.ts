import { createHash } from "node:crypto";
import { dumpNar, sha256Sri } from "./nar.ts";
import { io, queryPathInfo, realPath, type Store } from "./store.ts";
import { StoreError } from "./store-error.ts";
import { HASH_CHARS, HASH_LENGTH, parseStorePath, type StorePath } from "./store-path.ts";

// References are found as Nix finds them: by scanning the NAR of a finished path (file bytes,
// symlink targets and entry names alike) for the 32-character hash parts of candidate paths.
// A hash is distinctive enough that any occurrence is a reference; a path that is not
// mentioned is not needed at run time, whatever its recipe read.

const IS_HASH_CHAR = new Uint8Array(256);
for (const c of HASH_CHARS) IS_HASH_CHAR[c.charCodeAt(0)] = 1;

/** The NAR hash and size of a tree and the candidate hashes found in it. */
export interface NarScan {
  narHash: string;
  narSize: number;
  /** The hash parts (of `candidates`) that occur in the NAR. */
  found: Set<string>;
}

/**
 * Candidate paths of a reference scan, indexed once: an importer that adds many paths in a row
 * scans each against the same (growing) set instead of indexing the store for every add.
 *
 * @example
 * const c = ScanCandidates.ofStore(store);
 * scanNar(store.fs.reader, tmp, c).found; // hash parts; c.path(h) gives the path
 */
export class ScanCandidates {
  private readonly byHash = new Map<string, StorePath | undefined>();
  /** The first four bytes of every hash, to skip most windows without making a string. */
  readonly prefixes = new Set<number>();
  constructor(paths: Iterable<StorePath> = []) {
    for (const p of paths) this.add(p);
  }
  /** Candidates given by hash part alone. */
  static ofHashes(hashes: Iterable<string>): ScanCandidates {
    const c = new ScanCandidates();
    for (const h of hashes) c.addHash(h, undefined);
    return c;
  }
  add(path: StorePath): void {
    this.addHash(hashPart(path), path);
  }
  /**
   * Every path of the store with committed metadata, from the metadata directory's listing
   * alone (no look at each path's content: a scan only needs names).
   */
  static ofStore(store: Store): ScanCandidates {
    const c = new ScanCandidates();
    const dir = `${store.realDir}/.meta`;
    for (const file of io("list", dir, () => store.fs.readdir(dir))) {
      if (file.startsWith(".") || !file.endsWith(".json") || file[HASH_LENGTH] !== "-") continue;
      const base = file.slice(0, -".json".length);
      c.addHash(base.slice(0, HASH_LENGTH), `${store.storeDir}/${base}` as StorePath);
    }
    return c;
  }
  private addHash(hash: string, path: StorePath | undefined): void {
    this.byHash.set(hash, path);
    this.prefixes.add(Buffer.from(hash, "latin1").readUInt32LE(0));
  }
  has(hash: string): boolean {
    return this.byHash.has(hash);
  }
  /** The path of a hash part found by a scan. */
  path(hash: string): StorePath | undefined {
    return this.byHash.get(hash);
  }
  get size(): number {
    return this.byHash.size;
  }
}

/**
 * Streams the NAR of `path` (a real file-system path) once, hashing it and looking for the
 * given 32-character hash parts.
 *
 * @example
 * scanNar(store.fs.reader, "/tmp/s/.tmp-1-x", new Set(["0c6kzph7l0dcbfmjap64f0czdafn3b7x"]));
 */
export function scanNar(
  reader: Store["fs"]["reader"],
  path: string,
  hashes: ReadonlySet<string> | ScanCandidates,
): NarScan {
  const sha = createHash("sha256");
  const found = new Set<string>();
  let narSize = 0;
  // The last HASH_LENGTH-1 bytes of a chunk are carried over: a hash may straddle two chunks.
  let carry = Buffer.alloc(0);
  const candidates = hashes instanceof ScanCandidates ? hashes : ScanCandidates.ofHashes(hashes);
  const prefixes = candidates.prefixes;
  for (const chunk of dumpNar(path, reader, { transient: true })) {
    sha.update(chunk);
    narSize += chunk.length;
    if (candidates.size === 0) continue;
    const window = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    scanBuffer(window, candidates, prefixes, found);
    carry = Buffer.from(window.subarray(Math.max(0, window.length - (HASH_LENGTH - 1))));
  }
  return { narHash: sha256Sri(sha.digest()), narSize, found };
}

/**
 * `scanNar` of a NAR already in memory.
 *
 * @example
 * scanNarBytes(encodeNar(node), ScanCandidates.ofStore(store)).narHash;
 */
export function scanNarBytes(nar: Buffer, candidates: ScanCandidates): NarScan {
  const found = new Set<string>();
  if (candidates.size > 0) scanBuffer(nar, candidates, candidates.prefixes, found);
  const digest = createHash("sha256").update(nar).digest();
  return { narHash: sha256Sri(digest), narSize: nar.length, found };
}

function scanBuffer(
  buf: Buffer,
  candidates: ScanCandidates,
  prefixes: ReadonlySet<number>,
  found: Set<string>,
): void {
  // Checking a window from its end lets a non-hash character skip the scan past it (as Nix's
  // RefScanSink does): most bytes of most files are looked at once.
  let i = 0;
  while (i + HASH_LENGTH <= buf.length) {
    let j = HASH_LENGTH - 1;
    while (j >= 0 && IS_HASH_CHAR[buf[i + j]]) j--;
    if (j >= 0) {
      i += j + 1;
      continue;
    }
    // Long runs of hash characters (hex digests, base32 text) are common: look at a window's
    // first four bytes before making a string of it.
    if (prefixes.has(buf.readUInt32LE(i))) {
      const hash = buf.toString("latin1", i, i + HASH_LENGTH);
      if (candidates.has(hash)) found.add(hash);
    }
    i++;
  }
}

/**
 * Every valid path reachable from `paths` through references, the paths included, sorted.
 * Throws StoreError `E_STORE_INVALID` for a starting path that is not valid.
 *
 * @example
 * closure(store, [generation]); // the generation and everything it needs
 */
export function closure(store: Store, paths: readonly StorePath[]): StorePath[] {
  const seen = new Set<StorePath>();
  const todo = [...paths];
  for (const p of paths) {
    if (queryPathInfo(store, p) === undefined) {
      throw new StoreError("E_STORE_INVALID", `'${p}' is not a valid path of ${store.storeDir}`, {
        path: p,
      });
    }
  }
  while (todo.length) {
    const p = todo.pop() as StorePath;
    if (seen.has(p)) continue;
    const info = queryPathInfo(store, p);
    // A reference that is not valid (any more) cannot be followed; the path keeps it recorded.
    if (info === undefined) continue;
    seen.add(p);
    for (const r of info.references) if (!seen.has(r)) todo.push(r);
  }
  return [...seen].sort();
}

/** The outcome of verify. */
export interface VerifyResult {
  ok: boolean;
  /** The NAR hash recorded when the path was added. */
  expected: string;
  /** The NAR hash of what is on disk now. */
  actual: string;
}

/**
 * Recomputes a valid path's NAR hash and compares it with its metadata: a tampered or damaged
 * path gives `ok: false`. Throws `E_STORE_INVALID` for a path that is not valid.
 *
 * @example
 * if (!verify(store, p).ok) console.error(`${p} was modified`);
 */
export function verify(store: Store, path: StorePath): VerifyResult {
  const info = queryPathInfo(store, path);
  if (info === undefined) {
    throw new StoreError("E_STORE_INVALID", `'${path}' is not a valid path of ${store.storeDir}`, {
      path,
    });
  }
  const actual = scanNar(store.fs.reader, realPath(store, path), new Set()).narHash;
  return { ok: actual === info.narHash, expected: info.narHash, actual };
}

/** The hash part of a store path. */
export function hashPart(path: StorePath): string {
  return parseStorePath(path).hash;
}
