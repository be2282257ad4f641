import { randomBytes } from "node:crypto";
import { realStoreFs, type StoreFs, storeFsFor } from "../system/store-fs.ts";
import { StoreError } from "./store-error.ts";
import { checkStoreDir, parseStorePath, type StorePath, storePath } from "./store-path.ts";

// On disk a store is a directory of paths plus a few dot-entries no store path can be named
// (names never start with '.'):
//
//   <realDir>/<hash>-<name>         content, read-only once valid
//   <realDir>/.meta/<hash>-<name>.json   metadata; its presence is what makes a path valid
//   <realDir>/.tmp-<random>-<name>  a path being added; garbage if no add is running
//   <realDir>/.lock                 the store lock (pid of the holder)
//   <stateDir>/profiles, <stateDir>/gcroots   profiles and gc roots (see profiles.ts, gc.ts)
//
// `storeDir` is the logical location that is hashed into paths and baked into files; `realDir`
// is where the bytes are, which differs under `--root DIR` (or in a test).

/**
 * An opened store.
 *
 * @example
 * const store = openStore({ storeDir: "/home/me/.local/state/confed/store" });
 */
export interface Store {
  /** The store directory as it appears in store paths (and is hashed into them). */
  storeDir: string;
  /** Where the store directory really is (`<root><storeDir>` under `--root`). */
  realDir: string;
  /** Where profiles and gc roots live (by default the parent of `realDir`). */
  stateDir: string;
  fs: StoreFs;
  /** How long an add or gc waits for another process's lock before failing. */
  lockTimeoutMs: number;
}

/** Options of openStore. */
export interface OpenStoreOptions {
  storeDir: string;
  realDir?: string;
  stateDir?: string;
  fs?: StoreFs;
  /** Mode of a store directory created now: 0700 (a user's store) unless told. */
  mode?: number;
  lockTimeoutMs?: number;
}

/** The system store's directory, as hashed into its paths. */
export const SYSTEM_STORE_DIR = "/var/lib/confed/store";

/**
 * Opens a store, creating its directory (mode 0700 unless told) when missing.
 *
 * @example
 * // a home's store, fixed by home.storeDir
 * const store = openStore({ storeDir: `${home}/.local/state/confed/store` });
 * // a test: the paths say /s but the bytes live in a temp dir
 * const t = openStore({ storeDir: "/s", realDir: mkdtempSync("/tmp/s-") });
 */
export function openStore(opts: OpenStoreOptions): Store {
  checkStoreDir(opts.storeDir);
  const realDir = opts.realDir ?? opts.storeDir;
  const store: Store = {
    storeDir: opts.storeDir,
    realDir,
    stateDir: opts.stateDir ?? (realDir.slice(0, realDir.lastIndexOf("/")) || "/"),
    fs: opts.fs ?? realStoreFs,
    lockTimeoutMs: opts.lockTimeoutMs ?? 60_000,
  };
  if (store.fs.lstat(realDir) === undefined) {
    io("create the store directory", realDir, () => store.fs.mkdir(realDir, opts.mode ?? 0o700));
  }
  if (store.fs.lstat(`${realDir}/.meta`) === undefined) {
    io("create", `${realDir}/.meta`, () => store.fs.mkdir(`${realDir}/.meta`, 0o755));
  }
  if (opts.fs === undefined) store.fs = storeFsFor(realDir);
  return store;
}

/**
 * The system store `/var/lib/confed/store`, relocated under `root` (`--root DIR`): paths still
 * say `/var/lib/confed/store/…`, the bytes live in `<root>/var/lib/confed/store`.
 *
 * @example
 * const store = systemStore({ root: "/mnt" }); // never writes to the real /var
 */
export function systemStore(opts: { root: string; fs?: StoreFs; lockTimeoutMs?: number }): Store {
  const root = opts.root.replace(/\/+$/, "");
  return openStore({
    storeDir: SYSTEM_STORE_DIR,
    realDir: `${root}${SYSTEM_STORE_DIR}`,
    fs: opts.fs,
    mode: 0o755,
    lockTimeoutMs: opts.lockTimeoutMs,
  });
}

/** What the store knows of a valid path (its committed metadata). */
export interface PathInfo {
  path: StorePath;
  /** SHA-256 of the path's NAR, SRI form (`sha256-…`), as `nix path-info` shows it. */
  narHash: string;
  narSize: number;
  /** Store paths this one refers to (possibly itself), sorted. */
  references: StorePath[];
  /** SHA-256 of the recipe that produced it (SRI). */
  deriver: string;
  /** When it became valid, milliseconds since the epoch. */
  registrationTime: number;
}

const METADATA_VERSION = 1;

/**
 * Where a store path's bytes are (its location under `realDir`); throws `E_STORE_PATH` for a
 * path of another store.
 *
 * @example
 * realPath(store, p); // "/tmp/s-x/abc…-hello" for p = "/s/abc…-hello"
 */
export function realPath(store: Store, path: string): string {
  const parts = parseStorePath(path);
  if (parts.storeDir !== store.storeDir) {
    throw new StoreError("E_STORE_PATH", `'${path}' is not in the store ${store.storeDir}`, {
      path,
    });
  }
  return `${store.realDir}/${parts.hash}-${parts.name}`;
}

/**
 * Where any path really is: a path inside the store (a store path or a file within one) is mapped
 * under `realDir`; any other path is returned as it is.
 *
 * @example
 * realLocation(store, "/s/abc…-hello/bin/hello"); // "/tmp/s-x/abc…-hello/bin/hello"
 */
export function realLocation(store: Store, path: string): string {
  return path.startsWith(`${store.storeDir}/`)
    ? `${store.realDir}${path.slice(store.storeDir.length)}`
    : path;
}

// Temporary names: unique within the process by a counter, between processes by a random part
// drawn once (randomBytes per name cost more than writing a small path's files).
const tmpPrefix = randomBytes(6).toString("hex");
let tmpCounter = 0;

/**
 * A fresh `.tmp-…` name (repair and gc treat such entries as debris when no add runs).
 *
 * @example
 * tmpName("hello"); // ".tmp-3f9a0c1b2d4e-17-hello"
 */
export function tmpName(suffix: string): string {
  return `.tmp-${tmpPrefix}-${++tmpCounter}-${suffix}`;
}

function metaPath(store: Store, path: string): string {
  const { hash, name } = parseStorePath(path);
  return `${store.realDir}/.meta/${hash}-${name}.json`;
}

/**
 * The metadata of a valid path, or undefined when it is not valid (absent, half-written, or
 * content without committed metadata).
 *
 * @example
 * queryPathInfo(store, p)?.references;
 */
export function queryPathInfo(store: Store, path: StorePath): PathInfo | undefined {
  const file = metaPath(store, path);
  const bytes = io("read", file, () => store.fs.readFile(file));
  if (bytes === undefined) return undefined;
  if (io("read", path, () => store.fs.lstat(realPath(store, path))) === undefined) {
    return undefined;
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new StoreError("E_STORE_METADATA", `metadata of '${path}' is not JSON`, {
      path: file,
      cause: e,
    });
  }
  if (data.version !== METADATA_VERSION) {
    throw new StoreError(
      "E_STORE_METADATA",
      `metadata of '${path}' has version ${JSON.stringify(data.version)}; this confed reads version ${METADATA_VERSION}`,
      { path: file },
    );
  }
  return {
    path,
    narHash: data.narHash as string,
    narSize: data.narSize as number,
    references: (data.references as string[]).map(storePath),
    deriver: data.deriver as string,
    registrationTime: data.registrationTime as number,
  };
}

/**
 * True when `path` is valid: its content is there and its metadata is committed.
 *
 * @example
 * if (!isValidPath(store, p)) addTextToStore(store, "x", "…");
 */
export function isValidPath(store: Store, path: StorePath): boolean {
  return queryPathInfo(store, path) !== undefined;
}

/**
 * Every valid path of the store, sorted.
 *
 * @example
 * for (const p of listValidPaths(store)) console.log(p);
 */
export function listValidPaths(store: Store): StorePath[] {
  const dir = `${store.realDir}/.meta`;
  const out: StorePath[] = [];
  for (const file of io("list", dir, () => store.fs.readdir(dir))) {
    if (file.startsWith(".") || !file.endsWith(".json")) continue;
    const path = storePath(`${store.storeDir}/${file.slice(0, -".json".length)}`);
    if (store.fs.lstat(realPath(store, path)) !== undefined) out.push(path);
  }
  return out;
}

/**
 * Commits a path's metadata, which makes it valid: written to a temporary file, flushed,
 * renamed into place, and the directory flushed, so a crash leaves either no record or a whole
 * one. The content must already be complete and flushed.
 *
 * @example
 * writePathInfo(store, { path, narHash, narSize, references: [], deriver, registrationTime: Date.now() });
 */
export function writePathInfo(
  store: Store,
  info: PathInfo,
  opts: {
    /**
     * false: the record is flushed but the rename that commits it is made durable later, by
     * `flushStore` (a caller adding many paths in a row flushes the directory once).
     */
    flush?: boolean;
  } = {},
): void {
  const file = metaPath(store, info.path);
  const dir = `${store.realDir}/.meta`;
  const tmp = `${dir}/${tmpName("meta.json")}`;
  const record = {
    version: METADATA_VERSION,
    path: info.path,
    narHash: info.narHash,
    narSize: info.narSize,
    references: [...info.references].sort(),
    deriver: info.deriver,
    registrationTime: info.registrationTime,
  };
  const data = Buffer.from(`${JSON.stringify(record, null, 2)}\n`);
  io("write", tmp, () => store.fs.writeFile(tmp, data, 0o444));
  io("commit", file, () => store.fs.rename(tmp, file));
  if (opts.flush !== false) io("flush", dir, () => store.fs.fsync(dir));
}

/**
 * Makes every path added with `batch` durable: flushes the store directory (the paths' renames
 * into place) and the metadata directory (their records' renames). Until then a crash may lose
 * some of them, never leave one half there: a record and its content are each flushed before
 * they are renamed, and a path is valid only with both.
 *
 * @example
 * for (const d of dirs) addDirectoryToStore(store, d.name, d.entries, { batch: true });
 * flushStore(store);
 */
export function flushStore(store: Store): void {
  io("flush", store.realDir, () => store.fs.fsync(store.realDir));
  io("flush", `${store.realDir}/.meta`, () => store.fs.fsync(`${store.realDir}/.meta`));
}

/**
 * Removes a path's metadata first (so it is invalid from then on), then its content.
 *
 * @example
 * deletePath(store, p); // gc does this under the store lock
 */
export function deletePath(store: Store, path: StorePath): void {
  const file = metaPath(store, path);
  io("invalidate", path, () => store.fs.remove(file));
  io("delete", path, () => store.fs.remove(realPath(store, path)));
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EIO: "input/output error",
  ENOENT: "no such file or directory",
  EEXIST: "it already exists",
  ENOTDIR: "a parent is not a directory",
};

/**
 * Runs one OS call for the store; an OS error becomes a StoreError `E_STORE_IO` that says what
 * could not be done to which path and why (`EACCES` → "permission denied"), with the original
 * as `cause`. StoreErrors pass through.
 *
 * @example
 * io("write", file, () => store.fs.writeFile(file, data, 0o444));
 * // StoreError E_STORE_IO: cannot write '/s/.meta/x': no space left on device (ENOSPC)
 */
export function io<T>(what: string, path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StoreError) throw e;
    const code = (e as NodeJS.ErrnoException)?.code;
    const reason =
      code === undefined
        ? String((e as Error)?.message ?? e)
        : `${REASONS[code] ?? code} (${code})`;
    throw new StoreError("E_STORE_IO", `cannot ${what} '${path}': ${reason}`, {
      path,
      cause: e,
    });
  }
}
