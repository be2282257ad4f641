import { withStoreLock } from "./lock.ts";
import { encodeNar, type NarEntry, type NarNode } from "./nar.ts";
import { hashPart, type NarScan, ScanCandidates, scanNar, scanNarBytes } from "./references.ts";
import { io, isValidPath, realPath, type Store, tmpName, writePathInfo } from "./store.ts";
import { StoreError } from "./store-error.ts";
import {
  checkStoreName,
  type Recipe,
  recipeHash,
  type StorePath,
  storePathFor,
} from "./store-path.ts";

// Adding a path, in an order that makes a crash harmless at every step:
//   1. under the store lock, build into `<realDir>/.tmp-<random>-<name>`;
//   2. normalise permissions (files 0444/0555, directories 0555) and flush every entry;
//   3. hash the NAR and scan it for references;
//   4. rename into `<hash>-<name>` (same directory, so a read-only directory moves too), flush;
//   5. commit the metadata (temp file, flush, rename, flush): from here on the path is valid.
// A crash before 5 leaves a temp entry or a path without metadata: garbage that `repair` and
// `gc` remove and that an add removes before building again. Paths are input-addressed, so
// adding a path that is already valid does nothing.

/**
 * How an add produces its output: `out` is where to create it (a file, directory or symlink;
 * it does not exist yet), `path` the store path it will have (for files that name themselves).
 */
export type BuildOutput = (out: string, path: StorePath) => void;

/**
 * Adds a text file to the store, read-only (0444); `references` are store paths the text
 * mentions (they must be valid). Returns the path; adding it again is a no-op.
 *
 * @example
 * const p = addTextToStore(store, "greeting", "hello\n");
 * const q = addTextToStore(store, "uses-greeting", `cat ${p}\n`, [p]);
 */
export function addTextToStore(
  store: Store,
  name: string,
  text: string,
  references: readonly StorePath[] = [],
  opts: { executable?: boolean } = {},
): StorePath {
  const inputs = [...new Set(references)].sort();
  const recipe: Recipe = { kind: "text", name, text, executable: opts.executable === true, inputs };
  const data = Buffer.from(text, "utf8");
  const mode = opts.executable ? 0o555 : 0o444;
  return realise(
    store,
    recipe,
    (out) => io("write", out, () => store.fs.writeFile(out, data, mode)),
    inputs,
  );
}

/** What addTreeToStore copies or builds. */
export type TreeSource =
  /** A file or directory to copy; its NAR hash is the recipe (content-addressed). */
  | string
  | {
      /** Anything else that decides the output (a script, a URL and hash…): plain JSON. */
      recipe?: Record<string, unknown>;
      /** Store paths the build reads; hashed into the path. */
      inputs?: readonly StorePath[];
      build: BuildOutput;
      /**
       * How references are found: by scanning for every valid path of the store (the default:
       * a build may copy any path it read), or, for an output made of links to its inputs and
       * text that names no other path (a home generation), they are its `inputs` and itself,
       * without a scan (which then costs nothing, however large the output or the store).
       */
      references?: "store" | "inputs";
    };

/**
 * Adds a tree to the store: a copy of `source` (a file, a directory or a symlink), or what a
 * build callback writes to `out`. The path is input-addressed: for a copy, by the NAR hash of
 * the source; for a build, by its `recipe` and `inputs`. References are found by scanning.
 *
 * @example
 * const src = addTreeToStore(store, "dotfiles", "/home/me/repo/dotfiles");
 * const env = addTreeToStore(store, "env", {
 *   recipe: { kind: "symlinkJoin", paths: [src] }, inputs: [src],
 *   build: (out) => { mkdirSync(out); symlinkSync(src, `${out}/dotfiles`); },
 * });
 */
export function addTreeToStore(store: Store, name: string, source: TreeSource): StorePath {
  checkStoreName(name);
  if (typeof source === "string") {
    if (store.fs.lstat(source) === undefined) {
      throw new StoreError(
        "E_STORE_BUILD",
        `cannot add '${source}' to the store: it does not exist`,
        {
          path: source,
        },
      );
    }
    const narHash = scanNar(store.fs.reader, source, new Set()).narHash;
    const recipe: Recipe = { kind: "source", name, narHash };
    return realise(
      store,
      recipe,
      (out) => io(`copy '${source}' to`, out, () => store.fs.copyTree(source, out)),
      [],
    );
  }
  return realise(store, buildRecipe(name, source), source.build, [], source.references);
}

function buildRecipe(
  name: string,
  source: { recipe?: Record<string, unknown>; inputs?: readonly StorePath[] },
): Recipe {
  const inputs = [...new Set(source.inputs ?? [])].sort();
  return { kind: "build", ...source.recipe, name, inputs };
}

/**
 * The path `addTreeToStore(store, name, { recipe, inputs, build })` gives, without building:
 * to know whether a build (a download, say) is needed at all.
 *
 * @example
 * if (!isValidPath(store, buildPath(store, "tool", { recipe }))) await download(…);
 */
export function buildPath(
  store: Store,
  name: string,
  source: { recipe?: Record<string, unknown>; inputs?: readonly StorePath[] },
): StorePath {
  return storePathFor(store.storeDir, buildRecipe(name, source));
}

/**
 * Adds a content-addressed source tree that `build` writes into `out`: like a copy with
 * `addTreeToStore(store, name, dir)` (the same path for the same content), but the caller
 * decides how each entry gets there, so an import can hard-link the files an earlier path of
 * the store already holds instead of copying them again. `build` returns the entries it made
 * final itself (hard links to valid paths, or files written with their final mode, which the
 * store's `writeFile` flushes): those are neither chmodded nor flushed again.
 *
 * The tree is hashed after it is built, from what is in the store, so a source that changes
 * while it is read cannot give a path whose content differs from its hash.
 *
 * @example
 * const path = addContentToStore(store, "dotfiles", (out) => {
 *   store.fs.mkdir(out, 0o755);
 *   store.fs.link(`${old}/vimrc`, `${out}/vimrc`);
 *   return new Set([`${out}/vimrc`]);
 * });
 */
export function addContentToStore(
  store: Store,
  name: string,
  build: (out: string) => ReadonlySet<string>,
  opts: {
    /**
     * The paths a reference may name (default: every valid path of the store). An importer
     * adding many paths in a row lists the store once, passes the same candidates to each add,
     * and adds each new path to them.
     */
    candidates?: ScanCandidates;
    /** The store's directories are flushed by the caller, with `flushStore`, after the batch. */
    batch?: boolean;
  } = {},
): StorePath {
  checkStoreName(name);
  return withStoreLock(store, () => {
    const { fs } = store;
    const tmp = `${store.realDir}/${tmpName(name)}`;
    let final: ReadonlySet<string>;
    try {
      final = build(tmp);
      if (fs.lstat(tmp) === undefined) {
        throw new StoreError("E_STORE_BUILD", `importing '${name}' did not create its output`, {
          path: tmp,
        });
      }
      normalise(store, tmp, final);
    } catch (e) {
      importFailed(store, name, tmp, e);
    }
    const candidates = opts.candidates ?? ScanCandidates.ofStore(store);
    const scan = scanNar(fs.reader, tmp, candidates);
    return commitSource(store, name, tmp, scan, candidates, opts.batch);
  });
}

/** An entry of a directory `addDirectoryToStore` makes. */
export type DirectoryEntry =
  | {
      name: string;
      kind: "file";
      /** Wanted only when written from `contents`; a linked file keeps its own mode. */
      executable: boolean;
      /** A file with the same content (of a valid store path) to hard-link instead of writing. */
      linkFrom?: string;
      /**
       * The size of `linkFrom` when the caller knows it, with `executable` its executable bit
       * (a store file never changes): the linked file is then read back without an fstat.
       */
      size?: number;
      /** The content, asked for when there is nothing to link or linking fails. */
      contents: () => Uint8Array;
    }
  | { name: string; kind: "symlink"; target: string };

/**
 * Adds a content-addressed directory of files and symlinks (no subdirectories) given entry by
 * entry: like `addContentToStore`, but its NAR is made in memory from the bytes as they are in
 * the store (a linked file is read back from the new path, an executable bit is the file's
 * own), without listing and looking at the finished directory again. What a split source
 * import adds for each of its directories.
 *
 * @example
 * const path = addDirectoryToStore(store, "vim", [
 *   { name: "vimrc", kind: "file", executable: false, linkFrom: old, contents: () => read() },
 *   { name: "colors", kind: "symlink", target: colorsPath },
 * ]);
 */
export function addDirectoryToStore(
  store: Store,
  name: string,
  entries: readonly DirectoryEntry[],
  opts: {
    /** Where references are looked for (default: every valid path of the store). */
    candidates?: ScanCandidates;
    /**
     * Its references, when the caller knows them (the store paths its symlinks point to, for
     * a directory of a split import): the NAR is then not scanned.
     */
    references?: readonly StorePath[];
    /** The store's directories are flushed by the caller, with `flushStore`, after the batch. */
    batch?: boolean;
  } = {},
): StorePath {
  checkStoreName(name);
  return withStoreLock(store, () => {
    const { fs } = store;
    const tmp = `${store.realDir}/${tmpName(name)}`;
    const nodes: NarEntry[] = [];
    try {
      fs.mkdir(tmp, 0o755);
      for (const e of entries) {
        if (e.name === "" || e.name === "." || e.name === ".." || /[/\0]/.test(e.name))
          throw new StoreError(
            "E_STORE_BUILD",
            `importing '${name}': '${e.name}' is not a file name`,
            {
              path: tmp,
            },
          );
        const dest = `${tmp}/${e.name}`;
        if (e.kind === "symlink") {
          fs.symlink(e.target, dest);
          nodes.push({
            name: Buffer.from(e.name),
            node: { kind: "symlink", target: Buffer.from(e.target) },
          });
          continue;
        }
        let linked = false;
        if (e.linkFrom !== undefined) {
          try {
            fs.link(e.linkFrom, dest);
            linked = true;
          } catch {
            // gone since (gc), or too many links: written instead
          }
        }
        let node: NarNode;
        if (linked)
          node =
            e.size === undefined
              ? readBack(fs.reader, dest)
              : readKnown(fs.reader, dest, e.size, e.executable);
        else {
          // Written here from these bytes, with this mode: that is what the path holds.
          const raw = e.contents();
          const contents = Buffer.isBuffer(raw)
            ? raw
            : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
          fs.writeFile(dest, contents, e.executable ? 0o555 : 0o444);
          node = { kind: "file", executable: e.executable, contents };
        }
        nodes.push({ name: Buffer.from(e.name), node });
      }
      fs.chmod(tmp, 0o555);
      fs.fsync(tmp);
    } catch (e) {
      importFailed(store, name, tmp, e);
    }
    nodes.sort((a, b) => Buffer.compare(a.name, b.name));
    const nar = encodeNar({ kind: "directory", entries: nodes });
    if (opts.references) {
      const known = new ScanCandidates(opts.references);
      const scan = scanNarBytes(nar, new ScanCandidates());
      for (const r of opts.references) scan.found.add(hashPart(r));
      return commitSource(store, name, tmp, scan, known, opts.batch);
    }
    const candidates = opts.candidates ?? ScanCandidates.ofStore(store);
    const scan = scanNarBytes(nar, candidates);
    return commitSource(store, name, tmp, scan, candidates, opts.batch);
  });
}

/** Removes what a failed import left and throws its error as a StoreError naming the import. */
function importFailed(store: Store, name: string, tmp: string, e: unknown): never {
  removeQuietly(store, tmp);
  if (e instanceof StoreError) throw e;
  throw new StoreError(
    "E_STORE_BUILD",
    `importing '${name}' failed: ${(e as Error)?.message ?? e}`,
    {
      path: tmp,
      cause: e,
    },
  );
}

/** A file of a path being added, as its NAR has it: its bytes and its own executable bit. */
function readBack(reader: Store["fs"]["reader"], path: string): NarNode {
  const file = reader.openFile(Buffer.from(path));
  try {
    const st = file.stat();
    if (st.kind !== "file") throw new Error(`'${path}' is not a regular file`);
    const contents = Buffer.allocUnsafe(st.size);
    for (let at = 0; at < st.size; ) {
      const n = file.read(contents, at, st.size - at);
      if (n === 0) throw new Error(`'${path}' shrank while it was read`);
      at += n;
    }
    return { kind: "file", executable: st.executable, contents };
  } finally {
    file.close();
  }
}

/**
 * readBack of a file whose size and executable bit are known: one read of one byte more than
 * the size tells that it is exactly that long.
 */
function readKnown(
  reader: Store["fs"]["reader"],
  path: string,
  size: number,
  executable: boolean,
): NarNode {
  const file = reader.openFile(Buffer.from(path));
  try {
    const contents = Buffer.allocUnsafe(size + 1);
    let at = 0;
    for (let n = 1; n > 0 && at <= size; at += n) n = file.read(contents, at, size + 1 - at);
    if (at !== size) return readBack(reader, path); // not as the caller said: look at it
    return { kind: "file", executable, contents: contents.subarray(0, size) };
  } finally {
    file.close();
  }
}

/**
 * Names a finished, flushed source output `tmp` by its NAR hash and makes it valid: moved into
 * place and its metadata committed (or dropped, when the same content is already there).
 */
function commitSource(
  store: Store,
  name: string,
  tmp: string,
  scan: NarScan,
  candidates: ScanCandidates,
  batch = false,
): StorePath {
  const { fs } = store;
  const recipe: Recipe = { kind: "source", name, narHash: scan.narHash };
  const path = storePathFor(store.storeDir, recipe);
  if (isValidPath(store, path)) {
    io("remove the duplicate", tmp, () => fs.remove(tmp));
    return path;
  }
  const dest = realPath(store, path);
  if (fs.lstat(dest) !== undefined) io("remove the unfinished", dest, () => fs.remove(dest));
  io("move into place", dest, () => fs.rename(tmp, dest));
  if (!batch) io("flush", store.realDir, () => fs.fsync(store.realDir));
  writePathInfo(
    store,
    {
      path,
      narHash: scan.narHash,
      narSize: scan.narSize,
      references: [...scan.found].map((h) => candidates.path(h) as StorePath).sort(),
      deriver: recipeHash(store.storeDir, recipe),
      registrationTime: fs.now(),
    },
    { flush: !batch },
  );
  return path;
}

function realise(
  store: Store,
  recipe: Recipe,
  build: BuildOutput,
  declared: readonly StorePath[],
  lookIn: "store" | "inputs" = "store",
): StorePath {
  const path = storePathFor(store.storeDir, recipe);
  for (const input of recipe.inputs ?? []) {
    if (!isValidPath(store, input)) {
      throw new StoreError(
        "E_STORE_INVALID",
        `cannot add '${path}': its input '${input}' is not a valid path of ${store.storeDir}`,
        { path: input },
      );
    }
  }
  if (isValidPath(store, path)) return path;
  return withStoreLock(store, () => {
    if (isValidPath(store, path)) return path; // added by another process while we waited
    const { fs } = store;
    const final = realPath(store, path);
    // Content without metadata: an interrupted add. Never trusted, always rebuilt.
    if (fs.lstat(final) !== undefined) io("remove the unfinished", final, () => fs.remove(final));
    const name = recipe.name;
    const tmp = `${store.realDir}/${tmpName(name)}`;
    try {
      build(tmp, path);
    } catch (e) {
      removeQuietly(store, tmp);
      if (e instanceof StoreError) throw e;
      throw new StoreError(
        "E_STORE_BUILD",
        `building '${path}' failed: ${(e as Error)?.message ?? e}`,
        {
          path,
          cause: e,
        },
      );
    }
    if (fs.lstat(tmp) === undefined) {
      throw new StoreError("E_STORE_BUILD", `building '${path}' did not create its output`, {
        path,
      });
    }
    try {
      normalise(store, tmp);
    } catch (e) {
      removeQuietly(store, tmp);
      throw e;
    }
    const references = new Set<StorePath>(declared);
    let scan: NarScan;
    if (lookIn === "inputs") {
      // Taken to refer to its inputs and itself: hashed, not scanned.
      scan = scanNar(fs.reader, tmp, new ScanCandidates());
      for (const p of [...(recipe.inputs ?? []), path]) references.add(p);
    } else {
      const candidates = ScanCandidates.ofStore(store);
      candidates.add(path);
      scan = scanNar(fs.reader, tmp, candidates);
      for (const h of scan.found) references.add(candidates.path(h) as StorePath);
    }
    io("move into place", final, () => fs.rename(tmp, final));
    io("flush", store.realDir, () => fs.fsync(store.realDir));
    writePathInfo(store, {
      path,
      narHash: scan.narHash,
      narSize: scan.narSize,
      references: [...references].sort(),
      deriver: recipeHash(store.storeDir, recipe),
      registrationTime: fs.now(),
    });
    return path;
  });
}

/**
 * Makes a finished output read-only the way a store path is (files 0444, or 0555 when the
 * owner could execute them; directories 0555; symlinks as they are) and flushes every entry,
 * children before their directory.
 */
function normalise(store: Store, path: string, final?: ReadonlySet<string>): void {
  const { fs } = store;
  if (final?.has(path)) return;
  const st = io("read", path, () => fs.lstat(path));
  if (st === undefined) return;
  if (st.kind === "directory") {
    for (const name of io("list", path, () => fs.readdir(path)))
      normalise(store, `${path}/${name}`, final);
    io("make read-only", path, () => fs.chmod(path, 0o555));
    io("flush", path, () => fs.fsync(path));
  } else if (st.kind === "file") {
    io("make read-only", path, () => fs.chmod(path, st.mode & 0o100 ? 0o555 : 0o444));
    io("flush", path, () => fs.fsync(path));
  } else if (st.kind === "other") {
    throw new StoreError(
      "E_NAR_UNSUPPORTED_FILE",
      `'${path}' is neither a file, a directory nor a symlink; a store path cannot hold it`,
      { path },
    );
  }
}

function removeQuietly(store: Store, path: string): void {
  try {
    store.fs.remove(path);
  } catch {
    // Left for repair/gc: the original failure is the one to report.
  }
}
